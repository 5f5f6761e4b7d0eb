// The one way the web app talks to the Zhitong JSON API.
//
// Every call sends the session cookie (same origin), adds `X-CSRF-Token` to writes, and turns
// error bodies `{"error":{code,message,message_zh,fields}}` into an ApiError whose message is in
// the language the user reads now. A 401 on an authenticated call sends the user to sign in;
// a 429 carries the Retry-After seconds. Dependencies (fetch, locale, translate, the 401
// handler) are injected so the behaviour is testable without a browser.

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export class ApiError extends Error {
  constructor({ status, code, message, messageEn, messageZh, fields = [], retryAfter = null, data = null }) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.messageEn = messageEn
    this.messageZh = messageZh
    this.fields = fields
    this.retryAfter = retryAfter
    // The whole error body, for answers that say more than the error (an import's row report).
    this.data = data
  }

  // The message of one field ("title") in the current language, or undefined.
  fieldMessage(field) {
    return this.fields.find((f) => f.field === field)?.message
  }
}

// Picks the message of an error body for a locale: Chinese reads message_zh, anything else reads
// message, each falling back to the other.
export function localizedMessage(body, locale) {
  if (!body) return ''
  const zh = body.message_zh || ''
  const en = body.message || ''
  return String(locale).startsWith('zh') ? zh || en : en || zh
}

// Seconds from a Retry-After header (delta-seconds or an HTTP date); null when absent or bad.
export function parseRetryAfter(value, now = Date.now()) {
  if (value == null || value === '') return null
  const text = String(value).trim()
  if (/^\d+$/.test(text)) return Number(text)
  const at = Date.parse(text)
  if (Number.isNaN(at)) return null
  return Math.max(0, Math.ceil((at - now) / 1000))
}

function queryString(query) {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

export function createApiClient({
  fetchImpl = (...args) => globalThis.fetch(...args),
  baseUrl = '',
  getLocale = () => 'zh-CN',
  translate = (key) => key,
  onUnauthorized = () => {},
  xhrFactory = () => new globalThis.XMLHttpRequest(),
} = {}) {
  let csrfToken = null

  async function toError(response) {
    let body = null
    let data = null
    try {
      data = await response.json()
      body = data && typeof data === 'object' ? data.error || null : null
    } catch {
      body = null
    }
    const locale = getLocale()
    const status = response.status
    const retryAfter = status === 429 ? parseRetryAfter(response.headers.get('Retry-After')) : null
    let message = localizedMessage(body, locale)
    if (status === 429) {
      message = retryAfter != null ? translate('errors.throttled', { seconds: retryAfter }) : translate('errors.throttledNoTime')
    } else if (!message) {
      message = translate(`errors.http.${status}`)
      if (message === `errors.http.${status}`) message = translate('errors.http.other', { status })
    }
    const fields = (body?.fields || []).map((f) => ({
      field: f.field,
      message: localizedMessage(f, locale),
    }))
    return new ApiError({
      status,
      code: body?.code || `http.${status}`,
      message,
      messageEn: body?.message || '',
      messageZh: body?.message_zh || '',
      fields,
      retryAfter,
      data,
    })
  }

  // method: GET/POST/…; options: { query, body, redirectOn401 = true, signal }.
  async function request(method, path, { query, body, redirectOn401 = true, signal } = {}) {
    const upper = method.toUpperCase()
    const headers = { Accept: 'application/json' }
    const init = { method: upper, headers, credentials: 'same-origin', signal }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json'
      init.body = JSON.stringify(body)
    }
    if (WRITE_METHODS.has(upper) && csrfToken) headers['X-CSRF-Token'] = csrfToken

    let response
    try {
      response = await fetchImpl(baseUrl + path + queryString(query), init)
    } catch (cause) {
      if (cause?.name === 'AbortError') throw cause
      throw new ApiError({ status: 0, code: 'network', message: translate('errors.network') })
    }

    if (!response.ok) {
      const error = await toError(response)
      if (response.status === 401 && redirectOn401) onUnauthorized(error)
      throw error
    }
    if (response.status === 204) return null
    const text = await response.text()
    return text ? JSON.parse(text) : null
  }

  // Sends a file as the raw request body (POST), reporting the upload's progress as a fraction
  // 0…1 to onProgress; fetch cannot report upload progress, XMLHttpRequest can.
  function upload(path, file, { query, onProgress = () => {}, contentType } = {}) {
    return new Promise((resolve, reject) => {
      const xhr = xhrFactory()
      xhr.open('POST', baseUrl + path + queryString(query))
      xhr.withCredentials = true
      xhr.setRequestHeader('Accept', 'application/json')
      xhr.setRequestHeader('Content-Type', contentType || file.type || 'application/octet-stream')
      if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
      if (xhr.upload) {
        xhr.upload.onprogress = (e) => {
          if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total)
        }
      }
      xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network', message: translate('errors.network') }))
      xhr.onload = async () => {
        onProgress(1)
        const headers = {}
        const retry = xhr.getResponseHeader('Retry-After')
        if (retry) headers['Retry-After'] = retry
        const text = xhr.responseText ?? ''
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve(text ? JSON.parse(text) : null)
          } catch (e) {
            reject(e)
          }
          return
        }
        const error = await toError(new Response(text || null, { status: xhr.status, headers }))
        if (xhr.status === 401) onUnauthorized(error)
        reject(error)
      }
      xhr.send(file)
    })
  }

  return {
    request,
    upload,
    get: (path, options) => request('GET', path, options),
    post: (path, body, options) => request('POST', path, { ...options, body }),
    patch: (path, body, options) => request('PATCH', path, { ...options, body }),
    put: (path, body, options) => request('PUT', path, { ...options, body }),
    del: (path, options) => request('DELETE', path, options),
    setCsrfToken(token) {
      csrfToken = token || null
    },
    get csrfToken() {
      return csrfToken
    },
  }
}
