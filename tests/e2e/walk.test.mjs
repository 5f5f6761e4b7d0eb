// The whole life of a request through the web app, role by role, in a real Chromium against a
// real `zhitong serve` on a fresh demo city (`zhitong demo`): the enterprise files a request
// (category picker, similar open requests shown before submitting, a photo attached; on the
// request page a disguised file is refused and a PDF added), the dispatcher accepts and
// routes it, the handler signs it from the queue (a bulk action) and replies, the enterprise rates
// the reply badly, the handler rectifies, the enterprise answers the revisit, and the leader's
// cockpit shows the rates move. Every step is done through the UI, each role signed in through
// the sign-in form; no page may log a console error.
//
// The steps share one server and one browser profile and run in order; each signs out first.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { DEMO_PASSWORD, startServer } from './lib/server.mjs'
import { apiSession } from './lib/api.mjs'
import { assertCleanConsole, openBrowser, resetConsole, screenshot, signIn, signOut } from './lib/browser.mjs'

// The demo city's users (README "The demo city"); all share DEMO_PASSWORD.
const ENTERPRISE = 'enterprise'
const DISPATCHER = 'dispatcher'
const HANDLER = 'handler'
const LEADER = 'leader'

// A 1×1 PNG (signature, IHDR, IDAT, IEND), as a phone photo would be, only smaller.
const PHOTO = {
  name: '停电现场.png',
  bytes: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
}

// Signing in anew is the only 401 a page may see (the app asks /auth/me once when it starts).
const SIGNED_OUT_PROBE = [{ status: 401, url: /\/api\/v1\/auth\/me/ }]

// A JSON GET made by the page itself (with its session cookie): what the server says this user
// sees, to hold the screen against.
function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { Accept: 'application/json' } })
    return { status: res.status, body: res.status === 204 ? null : await res.json() }
  }, path)
}

// Chooses `label` in the Element Plus select marked data-testid=`testId`.
async function choose(page, testId, label) {
  await page.getByTestId(testId).click()
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: label }).first()
  await option.click()
}

// The action buttons the request page shows, in order.
async function shownActions(page) {
  const actions = page.getByTestId('actions')
  if (!(await actions.count())) return []
  return actions.locator('button[data-testid^="action-"]').evaluateAll((buttons) =>
    buttons.map((b) => b.getAttribute('data-testid').slice('action-'.length)),
  )
}

// Opens request `id`, waits for it, and checks that its buttons are exactly the actions the
// server allows this user now (no more, no fewer). Returns the request as the server gave it.
async function openRequest(page, baseUrl, id) {
  await page.goto(`${baseUrl}/requests/${id}`)
  await page.getByTestId('request-detail').waitFor()
  const { status, body } = await apiGet(page, `/api/v1/requests/${id}`)
  assert.equal(status, 200)
  assert.deepEqual(await shownActions(page), body.allowed_actions, 'the page shows other actions than the server allows')
  return body
}

// Does `action` on the open request page through its dialog; `fill` fills the dialog's inputs.
// Waits for the server's answer (which must be a success) and for the page to show it; then the
// buttons must again be exactly what the server allows. Returns the updated request.
async function act(page, action, fill = async () => {}) {
  await page.getByTestId(`action-${action}`).click()
  const dialog = page.getByTestId('action-dialog')
  await dialog.waitFor()
  await fill(dialog)
  const answer = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/actions/${action}`),
  )
  await page.getByTestId('action-submit').click()
  const response = await answer
  const body = await response.json()
  assert.equal(response.status(), 200, `${action}: ${JSON.stringify(body)}`)
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('status-tag').first().getByText(body.status_zh, { exact: true }).waitFor()
  await page.waitForFunction(
    (expected) => {
      const shown = [...document.querySelectorAll('[data-testid="actions"] button[data-testid^="action-"]')]
      return shown.map((b) => b.getAttribute('data-testid').slice(7)).join() === expected.join()
    },
    body.allowed_actions,
  )
  return body
}

async function rate(page, levelLabel) {
  await page.getByTestId('action-rating').getByText(levelLabel, { exact: true }).click()
}

describe('a request from filing to revisit, across roles', () => {
  let server
  let browser
  let page
  let requestId
  let seeded
  const leaderBefore = {}

  before(async () => {
    server = await startServer({ demo: true })
    browser = await openBrowser()
    page = await browser.newPage()
    // Setup, not a step of the walk: the enterprise already has one open request about power
    // cuts (filed through the API), so that the new one has a similar request to be shown.
    const enterprise = await apiSession(server.url, ENTERPRISE, DEMO_PASSWORD)
    seeded = await enterprise.post('/api/v1/requests', {
      kind: 'problem',
      category_code: 'power',
      title: '厂区频繁停电影响生产',
      description: '本月厂区已停电三次，每次两小时以上，生产线被迫停工，请协调供电部门排查线路。',
    })
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function as(login) {
    await signOut(page, server.url)
    resetConsole(page)
    await signIn(page, server.url, login, DEMO_PASSWORD)
  }

  it('the leader reads the cockpit before', async (t) => {
    await as(LEADER)
    await page.waitForURL(/\/cockpit/)
    const rates = await apiGet(page, '/api/v1/results/rates?group=department')
    if (rates.status === 404) {
      t.skip('the results API (GET /api/v1/results/rates) is not built yet')
      return
    }
    for (const key of ['response_rate', 'resolution_rate', 'satisfaction_rate']) {
      leaderBefore[key] = (await page.getByTestId(`kpi-${key}`).locator('.kpi__value').textContent()).trim()
    }
    // Nothing was rated or closed yet in the demo city.
    assert.equal(leaderBefore.satisfaction_rate, '—')
    assert.equal(leaderBefore.resolution_rate, '—')
    assertCleanConsole(page, [...SIGNED_OUT_PROBE, { status: 404, url: /\/api\/v1\/liaison\/coverage/ }])
  })

  it('the enterprise files a request, seeing its similar open request first', async () => {
    await as(ENTERPRISE)
    await page.waitForURL(/\/my\/requests$/)
    await page.getByTestId('my-requests').getByText(seeded.title).waitFor()
    await screenshot(page, 'enterprise-requests')
    await page.getByTestId('new-request').click()
    await page.waitForURL(/\/my\/requests\/new/)
    const categories = (await apiGet(page, '/api/v1/categories')).body.items
    const power = categories.find((c) => c.code === 'power')
    assert.ok(power, `no power category in ${JSON.stringify(categories)}`)
    await choose(page, 'category', power.name)
    await page.getByText(`${power.reply_days} 个工作日内答复`).waitFor()
    await page.getByTestId('title').fill('厂区又停电，生产线停工')
    await page.getByTestId('description').fill('昨天下午厂区再次停电三个小时，生产线停工，请尽快排查供电线路。')
    // Before submitting, the similar open request is listed.
    await page.getByTestId('similar-panel').getByText(seeded.title).waitFor()
    // A photo of the outage goes with the request (attached right after it is filed).
    await page.getByTestId('new-request-files').setInputFiles({ name: PHOTO.name, mimeType: 'image/png', buffer: PHOTO.bytes })
    await page.getByTestId('new-request-file-list').getByText(PHOTO.name).waitFor()
    await screenshot(page, 'enterprise-new-request')
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/requests')
    const attachedAtIntake = page.waitForResponse((r) => r.request().method() === 'POST' && /\/attachments$/.test(new URL(r.url()).pathname))
    await page.getByTestId('submit-request').click()
    const response = await created
    assert.equal(response.status(), 201)
    requestId = (await response.json()).id
    assert.equal((await attachedAtIntake).status(), 201)
    await page.waitForURL(new RegExp(`/requests/${requestId}$`))
    const request = await openRequest(page, server.url, requestId)
    assert.equal(request.status, 'submitted')
    assert.equal(request.category_code, 'power')
    assert.ok(!request.allowed_actions.includes('accept'), 'an enterprise may not accept its own request')
    // The photo is listed on the request page and downloads as the same bytes, typed by content.
    await page.getByTestId('attachment-list').getByText(PHOTO.name).waitFor()
    const listed = (await apiGet(page, `/api/v1/requests/${requestId}/attachments`)).body.items
    assert.equal(listed.length, 1)
    assert.equal(listed[0].media_type, 'image/png')
    const downloaded = await page.evaluate(async (url) => {
      const res = await fetch(url)
      return { type: res.headers.get('content-type'), bytes: [...new Uint8Array(await res.arrayBuffer())] }
    }, listed[0].url)
    assert.equal(downloaded.type, 'image/png')
    assert.deepEqual(downloaded.bytes, [...PHOTO.bytes])
    // A page disguised as a PDF is refused for what it is, with the server's Chinese message,
    // and not listed; a real PDF added on the request page is.
    await page.getByTestId('attachment-input').setInputFiles({ name: '说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!DOCTYPE html><html><body>x</body></html>') })
    await page.locator('.el-message--error', { hasText: '不接受此类文件' }).waitFor()
    await page.getByTestId('attachment-input').setInputFiles({ name: '停电记录.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 停电记录\n%%EOF\n') })
    await page.getByTestId('attachment-list').getByText('停电记录.pdf').waitFor()
    assert.equal((await apiGet(page, `/api/v1/requests/${requestId}/attachments`)).body.items.length, 2)
    await page.getByTestId('timeline').getByText('附件：停电记录.pdf').waitFor()
    assertCleanConsole(page, [...SIGNED_OUT_PROBE, { status: 415, url: /\/attachments/ }])
  })

  it('the dispatcher accepts it and routes it to the bureau of industry', async () => {
    await as(DISPATCHER)
    await page.waitForURL(/\/queue/)
    await page.getByTestId('queue').getByText('厂区又停电，生产线停工').click()
    await page.waitForURL(new RegExp(`/requests/${requestId}$`))
    await openRequest(page, server.url, requestId)
    await act(page, 'accept')
    const departments = (await apiGet(page, '/api/v1/departments')).body.items
    const bureau = departments.find((d) => d.code === 'industry_it')
    const routed = await act(page, 'route', async () => {
      await choose(page, 'action-department', bureau.name)
      await page.getByTestId('action-note').fill('请工信局协调供电线路排查。')
    })
    assert.equal(routed.status, 'routed')
    assert.equal(routed.handling_department_id, bureau.id)
    await openRequest(page, server.url, requestId)
    assertCleanConsole(page, SIGNED_OUT_PROBE)
  })

  it('the handler signs it from the queue (bulk) and replies', async () => {
    await as(HANDLER)
    await page.waitForURL(/\/queue/)
    if ((await apiGet(page, '/api/v1/inbox/unread_count')).status !== 404) {
      // The routing notified the bureau's handlers: the badge counts it, the inbox leads to it.
      await page.locator('.layout__inbox .el-badge__content').waitFor()
      await page.getByTestId('inbox-link').click()
      const item = page.getByTestId('inbox').locator('li', { hasText: `#${requestId}` }).first()
      await item.click()
      await page.waitForURL(new RegExp(`/requests/${requestId}$`))
      await page.getByTestId('menu-queue').click()
    }
    const queue = page.getByTestId('queue')
    const row = queue.locator('tr', { hasText: '厂区又停电，生产线停工' })
    await row.waitFor()
    // The SLA colour of a fresh request: on time.
    assert.equal(await row.getByTestId('sla').getAttribute('data-sla'), 'on_time')
    await row.locator('.el-checkbox').click()
    const signed = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(`/requests/${requestId}/actions/sign`))
    await page.getByTestId('bulk-sign').click()
    assert.equal((await signed).status(), 200)
    await row.getByText('已签收').waitFor()
    await row.getByRole('link').click()
    await page.waitForURL(new RegExp(`/requests/${requestId}$`))
    await openRequest(page, server.url, requestId)
    const replied = await act(page, 'reply', async () => {
      await page.getByTestId('action-note').fill('已协调供电公司更换老化线路，恢复正常供电。')
    })
    assert.equal(replied.status, 'replied')
    await page.getByTestId('reply').getByText('已协调供电公司更换老化线路').waitFor()
    assertCleanConsole(page, SIGNED_OUT_PROBE)
  })

  it('the enterprise rates the reply badly', async () => {
    await as(ENTERPRISE)
    await openRequest(page, server.url, requestId)
    const rated = await act(page, 'rate', async () => {
      await rate(page, '不满意')
      await page.getByTestId('action-note').fill('今天上午又停了一次电，问题没有解决。')
    })
    // A bad rating keeps the request open and asks for a rectification.
    assert.equal(rated.status, 'replied')
    assert.equal(rated.rating.level, 'dissatisfied')
    await page.getByTestId('rating').getByText('不满意').waitFor()
    await page.getByTestId('rectification').getByText('待整改').waitFor()
    assert.deepEqual(rated.allowed_actions, [], 'nothing is left for the enterprise until the rectification')
    assertCleanConsole(page, SIGNED_OUT_PROBE)
  })

  it('the handler rectifies', async () => {
    await as(HANDLER)
    await openRequest(page, server.url, requestId)
    const rectified = await act(page, 'rectify', async () => {
      await page.getByTestId('action-note').fill('供电公司已更换整段线路并加装监测，一周内未再停电。')
    })
    await page.getByTestId('rectification').getByText('已整改').waitFor()
    assert.ok(!rectified.allowed_actions.includes('rectify'))
    assertCleanConsole(page, SIGNED_OUT_PROBE)
  })

  it('the enterprise answers the revisit, and the request is closed', async () => {
    await as(ENTERPRISE)
    await openRequest(page, server.url, requestId)
    const closed = await act(page, 'revisit', async () => {
      await rate(page, '满意')
    })
    assert.equal(closed.status, 'closed')
    await page.getByTestId('status-tag').first().getByText('已办结').waitFor()
    // The timeline holds every step, in order.
    const { body } = await apiGet(page, `/api/v1/requests/${requestId}/events`)
    assert.deepEqual(
      body.items.map((e) => e.action),
      ['submit', 'attach', 'attach', 'accept', 'route', 'sign', 'reply', 'rate', 'rectify', 'revisit'],
    )
    assert.equal(await page.getByTestId('timeline').locator('.el-timeline-item').count(), body.items.length)
    await screenshot(page, 'enterprise-request')
    assertCleanConsole(page, SIGNED_OUT_PROBE)
  })

  it('the leader sees the rates change', async (t) => {
    await as(LEADER)
    await page.waitForURL(/\/cockpit/)
    const rates = await apiGet(page, '/api/v1/results/rates?group=department')
    if (rates.status === 404) {
      t.skip('the results API (GET /api/v1/results/rates) is not built yet')
      return
    }
    const overall = rates.body.overall
    // The cockpit shows exactly the API's figures for the current month. Which rates are defined
    // depends on the day the walk runs (the response rate counts requests whose sign due falls in
    // the month), but the walk closed a request today as solved at the revisit, so the resolution
    // rate is defined now and was not before.
    const shown = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`)
    for (const key of ['response_rate', 'resolution_rate', 'satisfaction_rate']) {
      const kpi = page.getByTestId(`kpi-${key}`).locator('.kpi__value')
      await kpi.getByText(shown(overall[key]), { exact: true }).waitFor()
    }
    assert.notEqual(overall.resolution_rate, null, 'the resolution rate is defined after the closing')
    assert.notEqual(shown(overall.resolution_rate), leaderBefore.resolution_rate, 'resolution_rate did not change')
    await screenshot(page, 'leader-cockpit')
    assertCleanConsole(page, [...SIGNED_OUT_PROBE, { status: 404, url: /\/api\/v1\/liaison\/coverage/ }])
  })
})
