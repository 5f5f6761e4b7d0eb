// The contact register (无事不扰) through the web app, across roles, on a fresh demo city: the
// liaison logs a visit to an enterprise they serve (from "my enterprises"); the administrator
// sets a quiet period for it; a visit in the quiet period is refused with the rule named and goes
// through only with a written justification (flagged); a handler logs a visit about a request of
// their department from the request page (the same dialog, the same justification); the
// enterprise sees who contacted it and why, reports the visit as needless, and the complaint
// request that the report filed is there to follow; the enterprise asks for a quiet period and
// the administrator approves it; the leader sees the flagged contact; the administrator draws a
// random inspection plan and publishes it, and anyone reads it without signing in.
// Each screen also fits a phone. No page may log a console error.
//
// The steps share one server and one browser profile and run in order; each signs out first.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { DEMO_PASSWORD, startServer } from './lib/server.mjs'
import { apiSession } from './lib/api.mjs'
import { PHONE, assertCleanConsole, openBrowser, resetConsole, screenshot, signIn, signOut } from './lib/browser.mjs'

const LIAISON = 'liaison'
const ENTERPRISE = 'qiye-contacts'
const ENTERPRISE_PASSWORD = 'Zhitong-e2e-contacts-1'
// Signing in anew is the only 401 a page may see (the app asks /auth/me once when it starts).
const SIGNED_OUT_PROBE = [{ status: 401, url: /\/api\/v1\/auth\/me/ }]

// Today's date in Shanghai, as the server counts quiet periods.
const shanghaiToday = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)

// The page's own JSON GET (with its session cookie): what the server says this user sees.
function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { Accept: 'application/json' } })
    return { status: res.status, body: await res.json() }
  }, path)
}

async function menuEntries(page) {
  return page
    .getByTestId('side-menu')
    .locator('[data-testid^="menu-"]')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-testid').slice('menu-'.length)))
}

// Submits the open contact form; returns the server's answer {status, body}.
async function submitContact(page) {
  const answer = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/contacts',
  )
  await page.getByTestId('contact-submit').click()
  const response = await answer
  return { status: response.status(), body: await response.json() }
}

describe('the contact register, liaison and enterprise', () => {
  let server
  let browser
  let page
  let admin
  let target
  let official
  let visit
  let complaint
  let flaggedVisit
  let published
  let filed
  let asked
  const purpose = '了解企业技改项目进展和用地需求'

  before(async () => {
    server = await startServer({ demo: true })
    browser = await openBrowser()
    page = await browser.newPage()
    admin = await apiSession(server.url, 'admin', DEMO_PASSWORD)
    // Setup: a user of the first enterprise the demo liaison serves.
    const me = await (await apiSession(server.url, LIAISON, DEMO_PASSWORD)).get('/api/v1/auth/me')
    official = await admin.get(`/api/v1/officials/${me.official_id}`)
    const served = (await admin.get(`/api/v1/officials/${me.official_id}/enterprises`)).items
    assert.ok(served.length > 0, 'the demo liaison serves no enterprise')
    target = served[0]
    await admin.post('/api/v1/users', {
      login: ENTERPRISE,
      display_name: '企业联系人',
      password: ENTERPRISE_PASSWORD,
      role: 'enterprise',
      enterprise_id: target.id,
    })
    // It has an open request, which the liaison's visit is about.
    const enterprise = await apiSession(server.url, ENTERPRISE, ENTERPRISE_PASSWORD)
    filed = await enterprise.post('/api/v1/requests', {
      kind: 'problem',
      category_code: 'finance',
      title: '申请技改项目贷款贴息',
      description: '企业二期厂房技改项目想申请贷款贴息，请告知申请条件和材料。',
    })
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function as(login, password = DEMO_PASSWORD) {
    await signOut(page, server.url)
    resetConsole(page)
    await signIn(page, server.url, login, password)
  }

  it('the liaison logs a visit from their enterprises and sees it', async () => {
    await as(LIAISON)
    await page.waitForURL(/\/my\/enterprises/)
    assert.deepEqual(await menuEntries(page), ['myEnterprises', 'coverageGaps', 'contactLog', 'queue'])
    await page.getByTestId(`last-contact-${target.id}`).getByText('从未联系').waitFor()
    await page.getByTestId(`log-contact-${target.id}`).click()
    await page.waitForURL(/\/contacts\?/)
    const dialog = page.getByTestId('contact-dialog')
    await dialog.waitFor()
    // The enterprise is chosen already; the purpose is required before anything is sent.
    await dialog.getByTestId('contact-enterprise').getByText(target.name).waitFor()
    await page.getByTestId('contact-submit').click()
    await dialog.getByText('此项为必填项').waitFor()
    await page.getByTestId('contact-purpose').fill(purpose)
    await page.getByTestId('contact-outcome').fill('企业计划明年扩建二期厂房，需协调用地指标。')
    // The visit is about the enterprise's open request, chosen from its requests.
    await page.getByTestId('contact-request').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: filed.title }).first().click()
    const { status, body } = await submitContact(page)
    assert.equal(status, 201, JSON.stringify(body))
    visit = body
    assert.equal(visit.enterprise_id, target.id)
    assert.equal(visit.kind, 'visit')
    assert.equal(visit.official_id, official.id)
    assert.equal(visit.flagged, false)
    assert.equal(visit.request_id, filed.id)
    await dialog.waitFor({ state: 'hidden' })
    const row = page.getByTestId('contacts').locator('tr', { hasText: purpose })
    await row.waitFor()
    await row.getByText(target.name).waitFor()
    // The list is what the server lists for the liaison's enterprise.
    const listed = await apiGet(page, `/api/v1/contacts?enterprise_id=${target.id}`)
    assert.equal(listed.body.total, 1)
    assert.equal(await page.getByTestId('contacts').locator('tbody tr').count(), 1)
    // Back on "my enterprises", the last contact is this one.
    await page.getByTestId('menu-myEnterprises').click()
    await page.getByTestId(`last-contact-${target.id}`).getByText('走访').waitFor()
    assertCleanConsole(page, SIGNED_OUT_PROBE)
  })

  it('the administrator sets a quiet period for the enterprise from today', async () => {
    await as('admin')
    await page.getByTestId('menu-contactRules').click()
    await page.waitForURL(/\/contact-rules$/)
    await page.getByRole('tab', { name: '企业宁静期' }).click()
    await page.getByTestId('quiet-create').click()
    const dialog = page.getByTestId('quiet-dialog')
    await dialog.waitFor()
    await page.getByTestId('quiet-enterprise').click()
    await page.keyboard.type(target.name.slice(0, 6))
    await page.locator('.el-select-dropdown__item:visible', { hasText: target.name }).first().click()
    await page.getByTestId('quiet-reason').fill('年度检修停产')
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/quiet-periods',
    )
    await page.getByTestId('quiet-save').click()
    const response = await answer
    const quiet = await response.json()
    assert.equal(response.status(), 201, JSON.stringify(quiet))
    // An administrator's quiet period is approved at once, from today (the form's default).
    assert.equal(quiet.enterprise_id, target.id)
    assert.equal(quiet.status, 'approved')
    assert.equal(quiet.starts_on, shanghaiToday())
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('quiet-periods').locator('tr', { has: page.getByTestId(`quiet-${quiet.id}`) }).getByText('已批准').waitFor()
    assertCleanConsole(page, SIGNED_OUT_PROBE)
  })

  it('a visit in the quiet period is refused with the rule, and logged only with a justification', async () => {
    await as(LIAISON)
    await page.getByTestId('menu-contactLog').click()
    await page.waitForURL(/\/contacts$/)
    await page.getByTestId('log-contact').click()
    const dialog = page.getByTestId('contact-dialog')
    await dialog.waitFor()
    await page.getByTestId('contact-enterprise').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: target.name }).first().click()
    // The quiet period is shown as soon as the enterprise is chosen.
    await dialog.getByTestId('contact-quiet').getByText('年度检修停产').waitFor()
    await page.getByTestId('contact-purpose').fill('回访设备更新补贴申报情况')
    const refused = await submitContact(page)
    assert.equal(refused.status, 422)
    assert.equal(refused.body.error.code, 'contact.rule_violation')
    // The form names the broken rule in the server's words and asks for a justification.
    const shown = dialog.getByTestId('contact-violations').locator('li')
    await shown.first().waitFor()
    assert.deepEqual(
      await shown.evaluateAll((items) => items.map((i) => i.getAttribute('data-rule'))),
      refused.body.error.violations.map((v) => v.rule),
    )
    assert.deepEqual(
      refused.body.error.violations.map((v) => v.rule),
      ['quiet_period'],
    )
    assert.equal((await shown.first().textContent()).trim(), refused.body.error.violations[0].message_zh)
    await page.getByTestId('contact-submit').getByText('附理由登记').waitFor()
    await page.getByTestId('contact-submit').click()
    await dialog.getByTestId('contact-justification').waitFor()
    await dialog.getByText('此项为必填项').first().waitFor()
    await page.getByTestId('contact-justification').fill('补贴申报明天截止，需当面核对材料。')
    const logged = await submitContact(page)
    assert.equal(logged.status, 201, JSON.stringify(logged.body))
    assert.equal(logged.body.flagged, true)
    flaggedVisit = logged.body
    assert.deepEqual(
      logged.body.violations.map((v) => v.rule),
      ['quiet_period'],
    )
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId(`flagged-${logged.body.id}`).waitFor()
    await screenshot(page, 'liaison-contacts')
    assertCleanConsole(page, [...SIGNED_OUT_PROBE, { status: 422, url: /\/api\/v1\/contacts$/ }])
  })

  it('a handler logs a visit about a request of their department from the request page, justified in the quiet period', async () => {
    // Setup: the dispatcher accepts the enterprise's request and routes it to the handler's department.
    const dispatcher = await apiSession(server.url, 'dispatcher', DEMO_PASSWORD)
    const handlerMe = await (await apiSession(server.url, 'handler', DEMO_PASSWORD)).get('/api/v1/auth/me')
    await dispatcher.act(filed.id, 'accept')
    await dispatcher.act(filed.id, 'route', { department_id: handlerMe.department_id })

    await as('handler')
    await page.waitForURL(/\/queue/)
    await page.goto(`${server.url}/requests/${filed.id}`)
    await page.getByTestId('log-contact').click()
    // The liaison's dialog, on the request's enterprise and the request itself.
    const dialog = page.getByTestId('contact-dialog')
    await dialog.getByTestId('contact-enterprise').getByText(target.name).waitFor()
    await dialog.getByTestId('contact-request').getByText(`#${filed.id}`).waitFor()
    await dialog.getByTestId('contact-quiet').getByText('年度检修停产').waitFor()
    await page.getByTestId('contact-purpose').fill('现场核实技改项目贷款贴息材料')
    const refused = await submitContact(page)
    assert.equal(refused.status, 422, JSON.stringify(refused.body))
    assert.deepEqual(refused.body.error.violations.map((v) => v.rule), ['quiet_period'])
    await dialog.getByTestId('contact-violations').locator('[data-rule="quiet_period"]').waitFor()
    await page.getByTestId('contact-justification').fill('贴息材料明天报送，须当面核对。')
    const logged = await submitContact(page)
    assert.equal(logged.status, 201, JSON.stringify(logged.body))
    assert.equal(logged.body.flagged, true)
    assert.equal(logged.body.request_id, filed.id)
    assert.equal(logged.body.enterprise_id, target.id)
    assert.deepEqual(logged.body.department_ids, [handlerMe.department_id])
    await dialog.waitFor({ state: 'hidden' })
    // The handler's contact register (their department's) lists it.
    await page.getByTestId('menu-contactLog').click()
    await page.waitForURL(/\/contacts$/)
    const row = page.getByTestId('contacts').locator('tr', { has: page.getByTestId(`contact-${logged.body.id}`) })
    await row.getByTestId(`flagged-${logged.body.id}`).waitFor()
    await row.getByTestId(`linked-request-${logged.body.id}`).getByText(`#${filed.id}`).waitFor()
    await screenshot(page, 'handler-contacts')
    assertCleanConsole(page, [...SIGNED_OUT_PROBE, { status: 422, url: /\/api\/v1\/contacts$/ }])
  })

  it('the enterprise sees who contacted it, rates one visit and reports the other as needless', async () => {
    await as(ENTERPRISE, ENTERPRISE_PASSWORD)
    await page.waitForURL(/\/my\/requests$/)
    assert.deepEqual(await menuEntries(page), ['myRequests', 'newRequest', 'myContacts'])
    await page.getByTestId('menu-myContacts').click()
    await page.waitForURL(/\/my\/contacts$/)
    const table = page.getByTestId('contacts')
    const row = table.locator('tr', { has: page.getByTestId(`contact-${visit.id}`) })
    await row.getByText(purpose).waitFor()
    // Who, when, which kind, about which request: as the server registered it.
    await row.getByTestId(`linked-request-${visit.id}`).getByText(`#${filed.id}`).waitFor()
    await row.getByText(visit.official_name).waitFor()
    await row.getByText('走访').waitFor()
    const mine = await apiGet(page, '/api/v1/contacts')
    assert.equal(mine.status, 200)
    assert.ok(mine.body.items.every((c) => c.enterprise_id === target.id), 'the enterprise sees another enterprise\'s contact')
    assert.equal(await table.locator('tbody tr').count(), mine.body.total)
    await screenshot(page, 'enterprise-contacts')

    // It rates the other visit.
    const other = table.locator('tr', { has: page.getByTestId(`contact-${flaggedVisit.id}`) })
    await other.getByTestId(`rate-${flaggedVisit.id}`).click()
    await page.getByTestId('rate-dialog').waitFor()
    await page.getByTestId('rate-level').getByText('基本满意', { exact: true }).click()
    const rated = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/contacts/${flaggedVisit.id}/rating`)
    await page.getByTestId('rate-submit').click()
    const ratedResponse = await rated
    assert.equal(ratedResponse.status(), 200)
    assert.equal((await ratedResponse.json()).rating.level, 'basically_satisfied')
    await other.getByTestId(`rating-${flaggedVisit.id}`).getByText('基本满意').waitFor()

    await row.getByTestId(`report-${visit.id}`).click()
    const dialog = page.getByTestId('report-dialog')
    await dialog.waitFor()
    const reason = '一周内第二次来厂询问同样的情况，影响正常生产。'
    await page.getByTestId('report-reason').fill(reason)
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/contacts/${visit.id}/report`,
    )
    await page.getByTestId('report-submit').click()
    const response = await answer
    const body = await response.json()
    assert.equal(response.status(), 201, JSON.stringify(body))
    complaint = body.request
    assert.equal(complaint.kind, 'complaint')
    assert.equal(complaint.category_code, 'needless_contact')
    await dialog.waitFor({ state: 'hidden' })
    // The row now says it was reported, and leads to the request; it cannot be reported again.
    const reported = row.getByTestId(`reported-${visit.id}`)
    await reported.getByText(`#${complaint.id}`).waitFor()
    assert.equal(await row.getByTestId(`report-${visit.id}`).count(), 0)
    await reported.getByRole('link').click()
    await page.waitForURL(new RegExp(`/requests/${complaint.id}$`))
    await page.getByTestId('request-detail').getByText(complaint.title).first().waitFor()
    const request = await apiGet(page, `/api/v1/requests/${complaint.id}`)
    assert.equal(request.status, 200)
    assert.equal(request.body.enterprise_id, target.id)
    assert.ok(request.body.description.includes(reason), request.body.description)
    // And it is among the enterprise's requests.
    await page.getByTestId('menu-myRequests').click()
    await page.getByTestId('my-requests').getByText(complaint.title).waitFor()
    assertCleanConsole(page, SIGNED_OUT_PROBE)
  })

  it('the enterprise asks for a quiet period, and the administrator approves it', async () => {
    await as(ENTERPRISE, ENTERPRISE_PASSWORD)
    await page.getByTestId('menu-myContacts').click()
    await page.getByTestId('quiet-request').click()
    await page.getByTestId('quiet-dialog').waitFor()
    await page.getByTestId('quiet-reason').fill('新产线调试，请暂缓走访')
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/quiet-periods',
    )
    await page.getByTestId('quiet-save').click()
    const response = await answer
    asked = await response.json()
    assert.equal(response.status(), 201, JSON.stringify(asked))
    assert.equal(asked.status, 'pending')
    assert.equal(asked.enterprise_id, target.id)
    await page.getByTestId(`my-quiet-${asked.id}`).getByText('待审批').waitFor()
    assertCleanConsole(page, SIGNED_OUT_PROBE)

    await as('admin')
    await page.goto(`${server.url}/contact-rules`)
    await page.getByRole('tab', { name: '企业宁静期' }).click()
    await page.getByTestId(`approve-${asked.id}`).click()
    await page.getByTestId('decision-dialog').waitFor()
    await page.getByTestId('decision-note').fill('同意')
    const decided = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/quiet-periods/${asked.id}/decision`)
    await page.getByTestId('decision-submit').click()
    assert.equal((await decided).status(), 200)
    const row = page.getByTestId('quiet-periods').locator('tr', { has: page.getByTestId(`quiet-${asked.id}`) })
    await row.getByText('已批准').waitFor()
    assert.equal(await page.getByTestId(`approve-${asked.id}`).count(), 0)
    assertCleanConsole(page, SIGNED_OUT_PROBE)

    // The enterprise sees the decision.
    await as(ENTERPRISE, ENTERPRISE_PASSWORD)
    await page.getByTestId('menu-myContacts').click()
    await page.getByTestId(`my-quiet-${asked.id}`).getByText('已批准').waitFor()
    assertCleanConsole(page, SIGNED_OUT_PROBE)
  })

  it('the leader sees the contact flagged to leaders, with the rule and the justification', async () => {
    await as('leader')
    // The leader also has the contact register, to log their own contacts.
    assert.ok((await menuEntries(page)).includes('contactRules'))
    assert.ok((await menuEntries(page)).includes('contactLog'))
    await page.getByTestId('menu-contactRules').click()
    const row = page.getByTestId('flagged-contacts').locator('tr', { has: page.getByTestId(`flagged-contact-${flaggedVisit.id}`) })
    await row.locator('[data-rule="quiet_period"]').waitFor()
    await row.getByText(flaggedVisit.justification).waitFor()
    const listed = await apiGet(page, '/api/v1/contacts/flagged')
    assert.equal(await page.getByTestId('flagged-contacts').locator('tbody tr').count(), listed.body.items.length)
    assert.ok(listed.body.items.every((c) => c.flagged))
    await screenshot(page, 'leader-contact-rules')
    assertCleanConsole(page, SIGNED_OUT_PROBE)
  })

  it('the administrator draws a random inspection plan and publishes it', async () => {
    const department = (await admin.get('/api/v1/departments')).items[0]
    const inspectors = (await admin.get('/api/v1/officials?limit=2')).items
    await as('admin')
    await page.goto(`${server.url}/contact-rules`)
    await page.getByRole('tab', { name: '双随机抽查' }).click()
    await page.getByTestId('plan-create').click()
    await page.getByTestId('plan-dialog').waitFor()
    await page.getByTestId('plan-title-input').fill('安全生产双随机抽查')
    await page.getByTestId('plan-departments').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: department.name }).first().click()
    await page.keyboard.press('Escape')
    await page.getByTestId('plan-count').locator('input').fill('3')
    // The roster is looked up by name as the administrator types (the select stays open between picks).
    await page.getByTestId('plan-roster').click()
    for (const o of inspectors) {
      await page.keyboard.type(o.name)
      await page.locator('.el-select-dropdown__item:visible', { hasText: o.name }).first().click()
    }
    const answer = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/inspection-plans',
    )
    await page.getByTestId('plan-draw').click()
    const response = await answer
    const draft = await response.json()
    assert.equal(response.status(), 201, JSON.stringify(draft))
    assert.equal(draft.status, 'draft')
    assert.deepEqual(draft.department_ids, [department.id])
    assert.deepEqual(draft.roster.map((r) => Number(r.key)).sort(), inspectors.map((o) => o.id).sort())
    assert.equal(draft.draw.targets.length, 3)
    // The draw is shown for review before it is published.
    const detail = page.getByTestId('plan-detail')
    await detail.getByTestId('plan-detail-seed').getByText(draft.seed).waitFor()
    assert.equal(await detail.getByTestId('plan-detail-targets').locator('tbody tr').count(), 3)
    const publishing = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/inspection-plans/${draft.id}/publish`)
    await page.getByTestId('plan-publish').click()
    assert.equal((await publishing).status(), 200)
    await detail.getByTestId('plan-public-link').waitFor()
    await page.getByTestId(`plan-status-${draft.id}`).getByText('已公开').waitFor()
    published = draft.id
    assertCleanConsole(page, SIGNED_OUT_PROBE)
  })

  it('anyone reads the published plan without signing in', async () => {
    await signOut(page, server.url)
    resetConsole(page)
    await page.getByTestId('public-inspections-link').click()
    await page.waitForURL(/\/inspections$/)
    await page.getByTestId(`plan-${published}`).click()
    await page.waitForURL(new RegExp(`/inspections/${published}$`))
    await page.getByTestId('plan-title').getByText('安全生产双随机抽查').waitFor()
    const plan = await apiGet(page, `/api/v1/public/inspection-plans/${published}`)
    assert.equal(plan.status, 200)
    assert.equal((await page.getByTestId('plan-seed').textContent()).trim(), plan.body.seed)
    const rows = page.getByTestId('plan-targets').locator('tbody tr')
    await rows.first().waitFor()
    assert.equal(await rows.count(), plan.body.draw.targets.length)
    for (const drawn of plan.body.draw.targets) await page.getByTestId('plan-targets').getByText(drawn.key).waitFor()
    // The enterprise in its quiet period was left out of the draw, and the page says why.
    assert.ok(plan.body.excluded.some((x) => x.name === target.name), JSON.stringify(plan.body.excluded))
    await page.getByTestId('plan-excluded').getByText(target.name).waitFor()
    assert.equal(await page.getByTestId('plan-file').getAttribute('href'), `/api/v1/public/inspection-plans/${published}`)
    await screenshot(page, 'public-inspection-plan')
    assertCleanConsole(page)
  })

  it('keeps each role to its own contact screens, and both fit a phone', async () => {
    // The liaison sees that the enterprise reported the visit.
    await as(LIAISON)
    await page.goto(`${server.url}/contacts?enterprise_id=${target.id}`)
    await page.getByTestId('contacts').locator('tr', { has: page.getByTestId(`contact-${visit.id}`) }).getByText('企业已投诉').waitFor()
    // An enterprise page is not the liaison's: they are sent home.
    await page.goto(`${server.url}/my/contacts`)
    await page.waitForURL(/\/my\/enterprises$/)
    assertCleanConsole(page, SIGNED_OUT_PROBE)

    const phone = await browser.newPage()
    await phone.setViewportSize(PHONE)
    const wide = []
    for (const [login, password, paths] of [
      [LIAISON, DEMO_PASSWORD, ['/contacts', '/my/enterprises']],
      ['leader', DEMO_PASSWORD, ['/contact-rules']],
      ['handler', DEMO_PASSWORD, ['/contacts']],
      [ENTERPRISE, ENTERPRISE_PASSWORD, ['/my/contacts']],
    ]) {
      await signOut(phone, server.url)
      await signIn(phone, server.url, login, password)
      for (const path of paths) {
        await phone.goto(`${server.url}${path}`)
        const table = phone.getByTestId('contacts').or(phone.getByTestId('my-enterprises')).or(phone.getByTestId('flagged-contacts'))
        await table.locator('tbody tr').first().waitFor()
        await phone.waitForLoadState('networkidle')
        const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        if (overflow > 1) wide.push(`${login} ${path}: ${overflow}px too wide`)
      }
    }
    // The enterprise reaches the report on a phone.
    await phone.getByTestId(`reported-${visit.id}`).waitFor()
    await screenshot(phone, 'phone-enterprise-contacts')
    await signOut(phone, server.url)
    await phone.goto(`${server.url}/inspections/${published}`)
    await phone.getByTestId('plan-targets').locator('tbody tr').first().waitFor()
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    if (overflow > 1) wide.push(`public /inspections/${published}: ${overflow}px too wide`)
    assert.deepEqual(wide, [])
    assertCleanConsole(phone, SIGNED_OUT_PROBE)
  })
})
