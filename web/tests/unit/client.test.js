import { describe, expect, it, vi } from 'vitest'
import { ApiError, createApiClient, localizedMessage, parseRetryAfter } from '../../src/api/client.js'
import { createAppI18n } from '../../src/i18n/index.js'
import { errorBody, response } from './helpers.js'

// A client with a real i18n instance, so messages come from the real locale files.
function setup(replies, locale = 'zh-CN') {
  const i18n = createAppI18n(locale)
  const queue = Array.isArray(replies) ? [...replies] : [replies]
  const fetchImpl = vi.fn(async () => {
    const next = queue.shift()
    if (next instanceof Error) throw next
    return next
  })
  const onUnauthorized = vi.fn()
  const client = createApiClient({
    fetchImpl,
    getLocale: () => i18n.global.locale.value,
    translate: (key, params) => i18n.global.t(key, params ?? {}),
    onUnauthorized,
  })
  return { client, fetchImpl, onUnauthorized, i18n }
}

const headersOf = (fetchImpl, call = 0) => fetchImpl.mock.calls[call][1].headers

describe('requests', () => {
  it('sends the cookie (same-origin credentials) and asks for JSON', async () => {
    const { client, fetchImpl } = setup(response(200, { ok: true }))
    expect(await client.get('/api/v1/auth/me')).toEqual({ ok: true })
    const [url, init] = fetchImpl.mock.calls[0]
    expect(url).toBe('/api/v1/auth/me')
    expect(init.credentials).toBe('same-origin')
    expect(init.method).toBe('GET')
    expect(init.headers.Accept).toBe('application/json')
  })

  it('builds the query string and leaves out empty values', async () => {
    const { client, fetchImpl } = setup(response(200, { items: [] }))
    await client.get('/api/v1/requests', { query: { status: 'routed', q: '供电', overdue: '', region_id: null, limit: 20 } })
    expect(fetchImpl.mock.calls[0][0]).toBe('/api/v1/requests?status=routed&q=%E4%BE%9B%E7%94%B5&limit=20')
  })

  it('sends JSON bodies with a Content-Type', async () => {
    const { client, fetchImpl } = setup(response(201, { id: 7 }))
    expect(await client.post('/api/v1/requests', { title: '停电' })).toEqual({ id: 7 })
    const init = fetchImpl.mock.calls[0][1]
    expect(init.headers['Content-Type']).toBe('application/json')
    expect(JSON.parse(init.body)).toEqual({ title: '停电' })
  })

  it('returns null for 204 No Content', async () => {
    const { client } = setup(response(204))
    expect(await client.post('/api/v1/auth/logout')).toBeNull()
  })
})

describe('CSRF token', () => {
  it('is added to every write once known', async () => {
    const { client, fetchImpl } = setup([response(200, {}), response(200, {}), response(204), response(200, {})])
    client.setCsrfToken('tok-123')
    await client.post('/a', {})
    await client.patch('/b', {})
    await client.del('/c')
    await client.request('put', '/d', { body: {} })
    for (let i = 0; i < 4; i += 1) expect(headersOf(fetchImpl, i)['X-CSRF-Token']).toBe('tok-123')
  })

  it('is not sent on reads', async () => {
    const { client, fetchImpl } = setup(response(200, {}))
    client.setCsrfToken('tok-123')
    await client.get('/api/v1/requests')
    expect(headersOf(fetchImpl)).not.toHaveProperty('X-CSRF-Token')
  })

  it('is not sent before it is known, nor after it is cleared', async () => {
    const { client, fetchImpl } = setup([response(200, {}), response(200, {})])
    await client.post('/a', {})
    client.setCsrfToken('tok')
    client.setCsrfToken(null)
    await client.post('/b', {})
    expect(headersOf(fetchImpl, 0)).not.toHaveProperty('X-CSRF-Token')
    expect(headersOf(fetchImpl, 1)).not.toHaveProperty('X-CSRF-Token')
  })
})

describe('error messages', () => {
  const body = errorBody('request.invalid_transition', 'a closed request cannot be replied to', '已办结的诉求不能答复', [
    { field: 'note', message: 'a note is required', message_zh: '须填写说明' },
  ])

  it('are Chinese (message_zh) when the user reads Chinese', async () => {
    const { client } = setup(response(409, body), 'zh-CN')
    const error = await client.post('/x', {}).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(409)
    expect(error.code).toBe('request.invalid_transition')
    expect(error.message).toBe('已办结的诉求不能答复')
    expect(error.fieldMessage('note')).toBe('须填写说明')
  })

  it('are English when the user reads English', async () => {
    const { client } = setup(response(409, body), 'en')
    const error = await client.post('/x', {}).catch((e) => e)
    expect(error.message).toBe('a closed request cannot be replied to')
    expect(error.fieldMessage('note')).toBe('a note is required')
    expect(error.messageZh).toBe('已办结的诉求不能答复')
  })

  it('follow a language switch made after the client was created', async () => {
    const { client, i18n } = setup([response(400, body), response(400, body)], 'zh-CN')
    expect((await client.post('/x', {}).catch((e) => e)).message).toBe('已办结的诉求不能答复')
    i18n.global.locale.value = 'en'
    expect((await client.post('/x', {}).catch((e) => e)).message).toBe('a closed request cannot be replied to')
  })

  it('fall back to a message for the status when the body is not JSON', async () => {
    const zh = setup(response(503, '<html>bad gateway</html>'), 'zh-CN')
    const en = setup(response(503, '<html>bad gateway</html>'), 'en')
    const zhError = await zh.client.get('/x').catch((e) => e)
    const enError = await en.client.get('/x').catch((e) => e)
    expect(zhError.message).toBe('服务暂时不可用，请稍后再试')
    expect(enError.message).toBe('The service is unavailable; try again later')
    expect(zhError.code).toBe('http.503')
  })

  it('name an unusual status', async () => {
    const { client } = setup(response(418, ''), 'en')
    expect((await client.get('/x').catch((e) => e)).message).toBe('The request failed (418)')
  })

  it('use the other language when one is missing', () => {
    expect(localizedMessage({ message: 'only English' }, 'zh-CN')).toBe('only English')
    expect(localizedMessage({ message_zh: '只有中文' }, 'en')).toBe('只有中文')
  })

  it('say the server cannot be reached when fetch itself fails', async () => {
    const { client } = setup(new TypeError('Failed to fetch'), 'zh-CN')
    const error = await client.get('/x').catch((e) => e)
    expect(error.status).toBe(0)
    expect(error.code).toBe('network')
    expect(error.message).toBe('无法连接服务器，请检查网络后重试')
  })
})

describe('401', () => {
  const unauthenticated = () => response(401, errorBody('access.unauthenticated', 'sign in first', '请先登录'))

  it('calls the sign-in handler and still rejects', async () => {
    const { client, onUnauthorized } = setup(unauthenticated())
    const error = await client.get('/api/v1/requests').catch((e) => e)
    expect(error.status).toBe(401)
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect(onUnauthorized.mock.calls[0][0]).toBe(error)
  })

  it('does not redirect when the caller handles it (login, me)', async () => {
    const { client, onUnauthorized } = setup(response(401, errorBody('access.bad_credentials', 'wrong login or password', '用户名或密码错误')))
    const error = await client.post('/api/v1/auth/login', {}, { redirectOn401: false }).catch((e) => e)
    expect(error.message).toBe('用户名或密码错误')
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('is the only status that calls the handler', async () => {
    const { client, onUnauthorized } = setup([response(403, errorBody('access.forbidden', 'no', '无权限')), response(404, null)])
    await client.get('/a').catch(() => {})
    await client.get('/b').catch(() => {})
    expect(onUnauthorized).not.toHaveBeenCalled()
  })
})

describe('429', () => {
  const throttled = (retryAfter) =>
    response(429, errorBody('access.throttled', 'too many failed sign-ins', '登录失败次数过多'), retryAfter ? { 'Retry-After': retryAfter } : {})

  it('carries the Retry-After seconds and says them in Chinese', async () => {
    const { client } = setup(throttled('17'), 'zh-CN')
    const error = await client.post('/api/v1/auth/login', {}, { redirectOn401: false }).catch((e) => e)
    expect(error.status).toBe(429)
    expect(error.code).toBe('access.throttled')
    expect(error.retryAfter).toBe(17)
    expect(error.message).toBe('操作过于频繁，请 17 秒后再试')
  })

  it('says them in English', async () => {
    const { client } = setup(throttled('90'), 'en')
    const error = await client.post('/x', {}).catch((e) => e)
    expect(error.message).toBe('Too many attempts; try again in 90 seconds')
  })

  it('without Retry-After says to try later', async () => {
    const { client } = setup(throttled(null), 'zh-CN')
    const error = await client.post('/x', {}).catch((e) => e)
    expect(error.retryAfter).toBeNull()
    expect(error.message).toBe('操作过于频繁，请稍后再试')
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-03-04T01:00:00Z')
    expect(parseRetryAfter('30', now)).toBe(30)
    expect(parseRetryAfter('Tue, 04 Mar 2025 01:01:05 GMT', now)).toBe(65)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(null, now)).toBeNull()
  })
})

// A stand-in for XMLHttpRequest that records what was sent and answers when told to.
function fakeXhr() {
  const xhr = {
    headers: {},
    upload: {},
    open(method, url) {
      Object.assign(xhr, { method, url })
    },
    setRequestHeader(name, value) {
      xhr.headers[name] = value
    },
    getResponseHeader: (name) => (xhr.responseHeaders ?? {})[name] ?? null,
    send(body) {
      xhr.body = body
    },
    answer(status, body) {
      xhr.status = status
      xhr.responseText = body == null ? '' : JSON.stringify(body)
      xhr.onload()
    },
  }
  return xhr
}

describe('uploads', () => {
  function uploader(locale = 'zh-CN') {
    const i18n = createAppI18n(locale)
    const xhr = fakeXhr()
    const onUnauthorized = vi.fn()
    const client = createApiClient({
      xhrFactory: () => xhr,
      getLocale: () => i18n.global.locale.value,
      translate: (key, params) => i18n.global.t(key, params ?? {}),
      onUnauthorized,
    })
    return { client, xhr, onUnauthorized }
  }
  const file = { name: '名录.xlsx', type: '' }

  it('posts the file with its type, the CSRF token and the query, and reports progress', async () => {
    const { client, xhr } = uploader()
    client.setCsrfToken('tok')
    const progress = []
    const done = client.upload('/api/v1/imports/enterprises', file, {
      query: { dry_run: 'true' },
      contentType: 'text/csv',
      onProgress: (f) => progress.push(f),
    })
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/v1/imports/enterprises?dry_run=true')
    expect(xhr.body).toBe(file)
    expect(xhr.headers['X-CSRF-Token']).toBe('tok')
    expect(xhr.headers['Content-Type']).toBe('text/csv')
    xhr.upload.onprogress({ lengthComputable: true, loaded: 25, total: 100 })
    xhr.upload.onprogress({ lengthComputable: false, loaded: 50, total: 0 })
    xhr.answer(200, { rows: 3, created: 1 })
    expect(await done).toEqual({ rows: 3, created: 1 })
    expect(progress).toEqual([0.25, 1])
  })

  it('turns a refusal into an ApiError that keeps the whole body (the row report)', async () => {
    const { client, xhr } = uploader()
    const done = client.upload('/api/v1/imports/enterprises', file)
    const report = { rows: 2, errors: [{ row: 3, column: '所属区县', message: 'no region', message_zh: '区域不存在' }] }
    xhr.answer(400, { ...errorBody('import.invalid_rows', '1 problem(s)', '文件中有 1 处错误'), report })
    const error = await done.catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.code).toBe('import.invalid_rows')
    expect(error.message).toBe('文件中有 1 处错误')
    expect(error.data.report).toEqual(report)
  })

  it('sends the user to sign in on a 401, and says so when the network fails', async () => {
    const first = uploader('en')
    const done = first.client.upload('/x', file)
    first.xhr.answer(401, errorBody('access.unauthenticated', 'sign in first', '请先登录'))
    await expect(done).rejects.toMatchObject({ status: 401, message: 'sign in first' })
    expect(first.onUnauthorized).toHaveBeenCalledOnce()
    const second = uploader()
    const failed = second.client.upload('/x', file)
    second.xhr.onerror()
    await expect(failed).rejects.toMatchObject({ status: 0, code: 'network' })
  })
})
