// A signed-in JSON API session from Node, for a browser test's setup (data the test needs before
// its UI steps): const s = await apiSession(url, login, password); await s.post(path, body).
import assert from 'node:assert/strict'

export async function apiSession(baseUrl, login, password) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  })
  assert.equal(res.status, 200, `sign-in of ${login}: ${await res.clone().text()}`)
  const { csrf_token: csrf } = await res.json()
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  async function call(method, path, body, expected) {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    if (expected) assert.equal(r.status, expected, `${method} ${path}: ${text}`)
    else assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`)
    return text ? JSON.parse(text) : null
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body, expected) => call('POST', path, body, expected),
    patch: (path, body, expected) => call('PATCH', path, body, expected),
    // Does an action on a request at its current version; returns the updated request.
    async act(id, action, fields = {}) {
      const current = await call('GET', `/api/v1/requests/${id}`)
      return call('POST', `/api/v1/requests/${id}/actions/${action}`, { version: current.version, ...fields })
    },
  }
}
