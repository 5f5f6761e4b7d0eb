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
  createRegion: (body) => api.post('/api/v1/regions', body),
  departments: (query) => api.get('/api/v1/departments', { query }),
  createDepartment: (body) => api.post('/api/v1/departments', body),
  updateDepartment: (departmentId, body) => api.patch(`/api/v1/departments/${id(departmentId)}`, body),
  officials: (query) => api.get('/api/v1/officials', { query }),
  official: (officialId) => api.get(`/api/v1/officials/${id(officialId)}`),
  createOfficial: (body) => api.post('/api/v1/officials', body),
  updateOfficial: (officialId, body) => api.patch(`/api/v1/officials/${id(officialId)}`, body),
  enterprises: (query) => api.get('/api/v1/enterprises', { query }),
  enterprise: (enterpriseId) => api.get(`/api/v1/enterprises/${id(enterpriseId)}`),
  createEnterprise: (body) => api.post('/api/v1/enterprises', body),
  updateEnterprise: (enterpriseId, body) => api.patch(`/api/v1/enterprises/${id(enterpriseId)}`, body),
  // The export is a download: a link the browser follows with its session cookie.
  exportUrl: (entity, format, query = {}) => {
    const params = new URLSearchParams({ format })
    for (const [k, v] of Object.entries(query)) if (v !== '' && v != null) params.append(k, String(v))
    return `/api/v1/${entity}/export?${params}`
  },
  users: (query) => api.get('/api/v1/users', { query }),
  createUser: (body) => api.post('/api/v1/users', body),
  setUserDisabled: (login, disabled) => api.post(`/api/v1/users/${id(login)}/${disabled ? 'disable' : 'enable'}`),
  setPassword: (login, password) => api.post(`/api/v1/users/${id(login)}/password`, { password }),
}

export const requests = {
  categories: () => api.get('/api/v1/categories'),
  list: (query) => api.get('/api/v1/requests', { query }),
  similar: (query) => api.get('/api/v1/requests/similar', { query }),
  get: (requestId) => api.get(`/api/v1/requests/${id(requestId)}`),
  events: (requestId) => api.get(`/api/v1/requests/${id(requestId)}/events`),
  create: (body) => api.post('/api/v1/requests', body),
  act: (requestId, action, body) => api.post(`/api/v1/requests/${id(requestId)}/actions/${id(action)}`, body),
  // Attachments (docs/API-CONTRACT.md "Attachments"): the file is the raw body, its name in the
  // query; the server reads the type from the content. A download is a plain link (session cookie).
  attachments: (requestId) => api.get(`/api/v1/requests/${id(requestId)}/attachments`),
  attach: (requestId, file, { onProgress } = {}) =>
    api.upload(`/api/v1/requests/${id(requestId)}/attachments`, file, {
      query: { name: file.name },
      contentType: 'application/octet-stream',
      onProgress,
    }),
  attachmentUrl: (requestId, attachmentId) => `/api/v1/requests/${id(requestId)}/attachments/${id(attachmentId)}`,
}

// The category catalogue and the working-day calendar, as administrators edit them
// (docs/API-CONTRACT.md "Catalogue and calendar").
export const catalogue = {
  allCategories: () => api.get('/api/v1/categories/all'),
  createCategory: (body) => api.post('/api/v1/categories', body),
  updateCategory: (code, body) => api.patch(`/api/v1/categories/${id(code)}`, body),
  calendarYear: (year) => api.get(`/api/v1/calendar/${id(year)}`),
  saveCalendarYear: (year, body) => api.put(`/api/v1/calendar/${id(year)}`, body),
}

export const results = {
  rates: (query) => api.get('/api/v1/results/rates', { query }),
  coverage: (query) => api.get('/api/v1/liaison/coverage', { query }),
  hotIssues: (query) => api.get('/api/v1/results/hot-issues', { query }),
  trends: (query) => api.get('/api/v1/results/trends', { query }),
}

// Liaison assignment (docs/API-CONTRACT.md "Liaison").
export const liaison = {
  coverage: (query) => api.get('/api/v1/liaison/coverage', { query }),
  coverageExportUrl: (query = {}) => {
    const params = new URLSearchParams({ format: 'xlsx' })
    for (const [k, v] of Object.entries(query)) if (v !== '' && v != null) params.append(k, String(v))
    return `/api/v1/liaison/coverage?${params}`
  },
  plan: () => api.post('/api/v1/liaison/plan'),
  apply: (digest) => api.post('/api/v1/liaison/plan/apply', { digest }),
  assignments: (query) => api.get('/api/v1/liaison/assignments', { query }),
  enterprisesOf: (officialId) => api.get(`/api/v1/officials/${id(officialId)}/enterprises`),
}

// Imports of the directory (README "Import and export"): the file is the body; a dry run checks
// every row and writes nothing. A file with bad rows is a 400 whose body carries the report.
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const imports = {
  run: (entity, file, { dryRun = false, onProgress } = {}) =>
    api.upload(`/api/v1/imports/${id(entity)}`, file, {
      query: { dry_run: dryRun ? 'true' : '' },
      onProgress,
      contentType: /\.xlsx$/i.test(file.name ?? '') ? XLSX : 'text/csv',
    }),
}

// The signed-in user's notifications (docs/API-CONTRACT.md "Notifications").
export const inbox = {
  list: (query) => api.get('/api/v1/inbox', { query }),
  unreadCount: () => api.get('/api/v1/inbox/unread_count'),
  markRead: (itemId) => api.post(`/api/v1/inbox/${id(itemId)}/read`),
  readAll: () => api.post('/api/v1/inbox/read_all'),
}

// The contact register (无事不扰; docs/API-CONTRACT.md "Contacts"): contacts with enterprises,
// the enterprise's rating and report of a needless one, and quiet periods.
export const contacts = {
  list: (query) => api.get('/api/v1/contacts', { query }),
  flagged: (query) => api.get('/api/v1/contacts/flagged', { query }),
  get: (contactId) => api.get(`/api/v1/contacts/${id(contactId)}`),
  create: (body) => api.post('/api/v1/contacts', body),
  rate: (contactId, body) => api.post(`/api/v1/contacts/${id(contactId)}/rating`, body),
  report: (contactId, reason) => api.post(`/api/v1/contacts/${id(contactId)}/report`, { reason }),
  quietPeriods: (query) => api.get('/api/v1/quiet-periods', { query }),
  createQuietPeriod: (body) => api.post('/api/v1/quiet-periods', body),
  decideQuietPeriod: (periodId, body) => api.post(`/api/v1/quiet-periods/${id(periodId)}/decision`, body),
}

// Random joint inspections (双随机、一公开): plans drawn and published by administrators (leaders
// read them), and as published for everyone without sign-in — the plans, one plan, and the plan's
// JSON as the file that the verifiers read (docs/RANDOM-INSPECTIONS.md).
export const inspections = {
  list: () => api.get('/api/v1/inspection-plans'),
  get: (planId) => api.get(`/api/v1/inspection-plans/${id(planId)}`),
  create: (body) => api.post('/api/v1/inspection-plans', body),
  publish: (planId) => api.post(`/api/v1/inspection-plans/${id(planId)}/publish`),
  published: () => api.get('/api/v1/public/inspection-plans', { redirectOn401: false }),
  publishedPlan: (planId) => api.get(`/api/v1/public/inspection-plans/${id(planId)}`, { redirectOn401: false }),
  publishedPlanUrl: (planId) => `/api/v1/public/inspection-plans/${id(planId)}`,
}
