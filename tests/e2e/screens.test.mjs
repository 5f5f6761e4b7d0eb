// The main screens of each role on a demo city whose requests run on a clock the test sets
// (ZHITONG_FAKE_NOW=@file): the handler queue's SLA colours (on time, near due, overdue), and
// every main screen at phone width without sideways scrolling.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import os from 'node:os'
import { DEMO_PASSWORD, startServer } from './lib/server.mjs'
import { apiSession } from './lib/api.mjs'
import { PHONE, assertCleanConsole, openBrowser, screenshot, signIn, signOut } from './lib/browser.mjs'

describe('the main screens on a set clock', () => {
  let server
  let browser
  let clockDir
  const titles = {}
  const ids = {}
  const setClock = (at) => fs.writeFileSync(path.join(clockDir, 'now'), at)

  before(async () => {
    clockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhitong-clock-'))
    setClock('2025-03-06T09:00:00+08:00')
    server = await startServer({ demo: true, env: { ZHITONG_FAKE_NOW: `@${path.join(clockDir, 'now')}` } })
    browser = await openBrowser()
    // Setup through the API: power requests routed to the bureau of industry, which must sign
    // within 1 working day and then reply within the category's days (README "Requests"). Seen on
    // Monday 10:00: the one routed on Friday 09:00 is overdue (due Monday 09:00), the one routed
    // on Monday 09:00 is near due (less than a working day left), the one routed and signed on
    // Monday 09:00 is on time (days left to reply).
    const enterprise = await apiSession(server.url, 'enterprise', DEMO_PASSWORD)
    const dispatcher = await apiSession(server.url, 'dispatcher', DEMO_PASSWORD)
    const handler = await apiSession(server.url, 'handler', DEMO_PASSWORD)
    const bureau = (await dispatcher.get('/api/v1/departments')).items.find((d) => d.code === 'industry_it')
    const cases = {
      overdue: ['2025-03-07', '厂区周五停电，请排查线路'],
      near_due: ['2025-03-10', '变压器异响，请尽快检修'],
      on_time: ['2025-03-10', '申请增加一路供电线路'],
    }
    for (const [sla, [day, title]] of Object.entries(cases)) {
      setClock(`${day}T09:00:00+08:00`)
      titles[sla] = title
      const r = await enterprise.post('/api/v1/requests', {
        kind: 'problem',
        category_code: 'power',
        title,
        description: `${title}。${day} 上午提交。`,
      })
      ids[sla] = r.id
      await dispatcher.act(r.id, 'accept')
      await dispatcher.act(r.id, 'route', { department_id: bureau.id })
      if (sla === 'on_time') await handler.act(r.id, 'sign')
    }
    setClock('2025-03-10T10:00:00+08:00')
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
    if (clockDir) fs.rmSync(clockDir, { recursive: true, force: true })
  })

  it('colours the handler queue by SLA: on time, near due, overdue', async () => {
    const page = await browser.newPage()
    await signIn(page, server.url, 'handler', DEMO_PASSWORD)
    await page.waitForURL(/\/queue/)
    const queue = page.getByTestId('queue')
    const tagTypes = { on_time: 'success', near_due: 'warning', overdue: 'danger' }
    for (const [sla, title] of Object.entries(titles)) {
      const row = queue.locator('tr', { hasText: title })
      await row.waitFor()
      const tag = row.getByTestId('sla')
      assert.equal(await tag.getAttribute('data-sla'), sla, `${title}`)
      assert.match(await tag.locator('.el-tag').getAttribute('class'), new RegExp(`el-tag--${tagTypes[sla]}`))
      // The remaining (or overdue) time is shown beside the colour.
      assert.match(await tag.textContent(), sla === 'overdue' ? /已超期/ : /剩余/)
    }
    // Overdue and near-due rows are tinted; on-time rows are not.
    const background = (title) =>
      queue.locator('tr', { hasText: title }).evaluate((tr) => getComputedStyle(tr).backgroundColor)
    const plain = await background(titles.on_time)
    assert.notEqual(await background(titles.overdue), plain)
    assert.notEqual(await background(titles.near_due), plain)
    assert.notEqual(await background(titles.overdue), await background(titles.near_due))
    // Sorted by due time: the overdue one first.
    const order = await queue.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent))
    assert.ok(order[0].includes(titles.overdue), `first row: ${order[0]}`)
    await screenshot(page, 'handler-queue')
    assertCleanConsole(page)
  })

  it('fits a phone (390 px): no main screen scrolls sideways', async () => {
    const page = await browser.newPage()
    await page.setViewportSize(PHONE)
    const screens = {
      enterprise: ['/my/requests', '/my/requests/new', `/requests/${ids.on_time}`],
      handler: ['/queue', `/requests/${ids.overdue}`],
      liaison: ['/my/gaps'],
      leader: ['/cockpit'],
      admin: ['/admin/users', '/admin/enterprises', '/admin/officials', '/admin/regions', '/admin/import'],
    }
    const wide = []
    for (const [login, paths] of Object.entries(screens)) {
      await signOut(page, server.url)
      await signIn(page, server.url, login, DEMO_PASSWORD)
      for (const p of paths) {
        await page.goto(`${server.url}${p}`)
        await page.locator('.zt-page-title, [data-testid="request-detail"]').first().waitFor()
        await page.waitForLoadState('networkidle')
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        if (overflow > 1) wide.push(`${login} ${p}: ${overflow}px too wide`)
        if (p === '/queue') {
          // The time left stays in sight on a phone (under the title).
          assert.ok(await page.getByTestId('queue').getByTestId('sla').first().isVisible(), 'no SLA colour at phone width')
          await screenshot(page, 'phone-queue')
        }
      }
    }
    assert.deepEqual(wide, [])
    assertCleanConsole(page, [
      { status: 401, url: /\/api\/v1\/auth\/me/ },
      { status: 404, url: /\/api\/v1\/(results|liaison)\// },
    ])
  })
})
