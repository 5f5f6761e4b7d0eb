import { vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { RouterView, createMemoryHistory } from 'vue-router'
import { i18n } from '../../src/i18n/index.js'
import { createAppRouter } from '../../src/router/index.js'

// A Response the way fetch gives it, from a status, a JSON body (or text) and headers.
export function response(status, body = null, headers = {}) {
  const text = body == null ? '' : typeof body === 'string' ? body : JSON.stringify(body)
  return new Response(status === 204 ? null : text, {
    status,
    headers: { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers },
  })
}

export function errorBody(code, message, messageZh, fields) {
  const error = { code, message, message_zh: messageZh }
  if (fields) error.fields = fields
  return { error }
}

// A fetch stub answering from a list of [matcher, responder] routes, recording every call.
export function routedFetch(routes) {
  return vi.fn(async (url, init = {}) => {
    const method = (init.method || 'GET').toUpperCase()
    const path = String(url)
    for (const [pattern, reply] of routes) {
      const [m, p] = pattern.split(' ')
      const matches = m === method && (p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : path.split('?')[0] === p)
      if (matches) return typeof reply === 'function' ? reply(path, init) : reply.clone()
    }
    return response(404, { error: { code: 'http.not_found', message: 'no route', message_zh: '没有此接口' } })
  })
}

// The whole app (router, guards, store) at `path`, answering fetch with `fetchImpl`; resolves when
// the first page has loaded.
export async function mountApp(path, fetchImpl) {
  vi.stubGlobal('fetch', fetchImpl)
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createAppRouter(pinia, createMemoryHistory())
  router.push(path)
  await router.isReady()
  const Root = defineComponent({ render: () => h(RouterView) })
  const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}
