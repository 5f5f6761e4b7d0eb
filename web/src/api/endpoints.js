// One function per endpoint of docs/API-CONTRACT.md that the web app uses.
import { api } from './index.js'

const id = (value) => encodeURIComponent(String(value))

export const auth = {
  login: (login, password) => api.post('/api/v1/auth/login', { login, password }, { redirectOn401: false }),
  logout: () => api.post('/api/v1/auth/logout', undefined, { redirectOn401: false }),
  me: () => api.get('/api/v1/auth/me', { redirectOn401: false }),
}

export const directory = {
  regions: () => api.get('/api/v1/regions'),
  departments: () => api.get('/api/v1/departments'),
  users: (query) => api.get('/api/v1/users', { query }),
}

export const requests = {
  categories: () => api.get('/api/v1/categories'),
  list: (query) => api.get('/api/v1/requests', { query }),
  similar: (query) => api.get('/api/v1/requests/similar', { query }),
  get: (requestId) => api.get(`/api/v1/requests/${id(requestId)}`),
  events: (requestId) => api.get(`/api/v1/requests/${id(requestId)}/events`),
  create: (body) => api.post('/api/v1/requests', body),
  act: (requestId, action, body) => api.post(`/api/v1/requests/${id(requestId)}/actions/${id(action)}`, body),
}

export const results = {
  rates: (query) => api.get('/api/v1/results/rates', { query }),
  // Not in the contract yet: the liaison and results issues will add them (a 404 until then).
  coverage: (query) => api.get('/api/v1/liaison/coverage', { query }),
  hotIssues: (query) => api.get('/api/v1/results/hot-issues', { query }),
}
