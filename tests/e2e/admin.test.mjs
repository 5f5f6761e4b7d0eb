// The admin's directory screens on the demo city, in a real Chromium against a real
// `zhitong serve`: the enterprise list (filter, search, sort, pages), editing with the server's
// field errors shown next to the input, the import with its row-level error report and then a
// good file, the regions tree with each region's departments, and users.
import { after, before, beforeEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEMO_PASSWORD, startServer } from './lib/server.mjs'
import { apiSession } from './lib/api.mjs'
import { assertCleanConsole, openBrowser, resetConsole, screenshot, signIn } from './lib/browser.mjs'

async function choose(page, testId, label) {
  await page.getByTestId(testId).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

// Waits for the next GET of `pathname` and returns its JSON.
function nextList(page, pathname) {
  return page
    .waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === pathname)
    .then((r) => r.json())
}

describe('the admin directory screens', () => {
  let server
  let browser
  let page
  let admin
  let tmp

  before(async () => {
    server = await startServer({ demo: true })
    browser = await openBrowser()
    page = await browser.newPage()
    admin = await apiSession(server.url, 'admin', DEMO_PASSWORD)
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhitong-import-'))
    await signIn(page, server.url, 'admin', DEMO_PASSWORD)
  })
  beforeEach(() => resetConsole(page))
  after(async () => {
    await browser?.close()
    await server?.stop()
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  })

  it('lists enterprises with filters, search, sort and pages', async () => {
    const first = nextList(page, '/api/v1/enterprises')
    await page.getByTestId('menu-enterprises').click()
    const all = await first
    const table = page.getByTestId('enterprises')
    await table.getByText(all.items[0].name).waitFor()
    assert.equal(await table.locator('tbody tr').count(), all.items.length)
    await page.locator('.el-pagination__total').getByText(String(all.total)).waitFor()

    // By region: every row is of 张店区, and there are fewer.
    const zhangdian = (await admin.get('/api/v1/regions')).items.find((r) => r.name === '张店区')
    let answer = nextList(page, '/api/v1/enterprises')
    await choose(page, 'filter-region', zhangdian.name)
    const inRegion = await answer
    assert.ok(inRegion.total > 0 && inRegion.total < all.total)
    await table.getByText(inRegion.items[0].name).waitFor()
    const regions = await table.locator('tbody tr td:nth-child(2)').allTextContents()
    assert.ok(regions.every((r) => r.trim() === '张店区'), regions.join())

    // Sorted by revenue, highest first.
    answer = nextList(page, '/api/v1/enterprises')
    await choose(page, 'enterprise-sort', '营业收入从高到低')
    const byRevenue = await answer
    const revenues = byRevenue.items.map((e) => e.annual_revenue)
    assert.deepEqual(revenues, [...revenues].sort((a, b) => b - a))
    await table.getByText(byRevenue.items[0].name).waitFor()

    // Search by a name.
    const wanted = byRevenue.items[3]
    answer = nextList(page, '/api/v1/enterprises')
    await page.getByTestId('enterprise-search').fill(wanted.name)
    await page.getByTestId('enterprise-search').press('Enter')
    const found = await answer
    assert.ok(found.items.some((e) => e.id === wanted.id))
    await table.getByText(wanted.name).waitFor()
    await screenshot(page, 'admin-enterprises')
    assertCleanConsole(page)
  })

  it('shows the server field error next to the input, and saves a good edit', async () => {
    const target = (await admin.get('/api/v1/enterprises?sort=name&limit=1')).items[0]
    await page.goto(`${server.url}/admin/enterprises`)
    await page.getByTestId(`edit-enterprise-${target.id}`).click()
    const dialog = page.getByTestId('enterprise-dialog')
    await dialog.waitFor()
    assert.equal(await page.getByTestId('field-uscc').inputValue(), target.uscc)
    // A credit code with a wrong check digit: the server says why, under that input.
    const last = target.uscc.at(-1)
    await page.getByTestId('field-uscc').fill(target.uscc.slice(0, -1) + (last === '0' ? '1' : '0'))
    const refused = page.waitForResponse((r) => r.request().method() === 'PATCH')
    await page.getByTestId('dialog-save').click()
    assert.equal((await refused).status(), 400)
    const fieldError = dialog.locator('.el-form-item.is-error .el-form-item__error')
    await fieldError.waitFor()
    assert.match(await fieldError.textContent(), /统一社会信用代码|校验/)
    assert.ok(await dialog.isVisible(), 'the dialog stays open')
    // Put the code back, change the name: saved, and the list shows it.
    await page.getByTestId('field-uscc').fill(target.uscc)
    await page.getByTestId('field-name').fill(`${target.name}（改）`)
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH')
    await page.getByTestId('dialog-save').click()
    assert.equal((await saved).status(), 200)
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('enterprises').getByText(`${target.name}（改）`).waitFor()
    assert.equal((await admin.get(`/api/v1/enterprises/${target.id}`)).name, `${target.name}（改）`)
    // The server refused one save: that 400 is expected, nothing else.
    assertCleanConsole(page, [{ status: 400, url: /\/api\/v1\/enterprises\/\d+/ }])
  })

  it('imports: a bad file lists every bad row and writes nothing; a good one is written', async () => {
    const known = (await admin.get('/api/v1/enterprises?sort=id&limit=2')).items
    const header = '统一社会信用代码,企业名称,所属区县,行业代码,从业人数\n'
    const bad = path.join(tmp, '企业名录-有错.csv')
    fs.writeFileSync(
      bad,
      header +
        `${known[0].uscc},${known[0].name},${known[0].region_name},${known[0].industry_code},120\n` +
        `91370300MA3C000000,错误代码企业,张店区,26,10\n` +
        `${known[1].uscc},${known[1].name},不存在区,${known[1].industry_code},10\n`,
    )
    await page.getByTestId('menu-import').click()
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(bad)
    await page.getByTestId('import-file-name').getByText('企业名录-有错.csv').waitFor()
    await page.getByTestId('import-start').click()
    const rows = page.getByTestId('import-error-rows')
    await rows.waitFor()
    const text = await rows.textContent()
    // Rows as a spreadsheet numbers them (the header is row 1): rows 3 and 4 are wrong.
    const rowNumbers = await rows.locator('tbody tr td:first-child').allTextContents()
    assert.deepEqual([...new Set(rowNumbers.map((n) => n.trim()))], ['3', '4'])
    assert.match(text, /不存在区/)
    assert.equal(await page.getByTestId('import-progress').getAttribute('data-step'), 'failed')
    assert.equal((await admin.get(`/api/v1/enterprises/${known[0].id}`)).employees, known[0].employees, 'nothing was written')
    await screenshot(page, 'admin-import')

    const good = path.join(tmp, '企业名录.csv')
    fs.writeFileSync(good, header + `${known[0].uscc},${known[0].name},${known[0].region_name},${known[0].industry_code},${known[0].employees + 7}\n`)
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(good)
    await page.getByTestId('import-file-name').getByText('企业名录.csv').waitFor()
    await page.getByTestId('import-start').click()
    await page.getByTestId('import-result').getByText('导入成功').waitFor()
    assert.match(await page.getByTestId('import-result').textContent(), /更新 1/)
    assert.equal((await admin.get(`/api/v1/enterprises/${known[0].id}`)).employees, known[0].employees + 7)
    assertCleanConsole(page, [{ status: 400, url: /\/api\/v1\/imports\/enterprises/ }])
  })

  it('shows the regions as a tree and the departments of the one chosen', async () => {
    await page.getByTestId('menu-regions').click()
    const tree = page.getByTestId('region-tree')
    await tree.getByText(/淄博市/).first().waitFor()
    const departments = (await admin.get('/api/v1/departments')).items
    const table = page.getByTestId('departments')
    await table.locator('tbody tr').first().waitFor()
    assert.equal(await table.locator('tbody tr').count(), departments.length)
    // The city itself: only its own departments.
    const city = (await admin.get('/api/v1/regions')).items.find((r) => r.kind === 'city')
    await tree.getByText(city.name, { exact: false }).first().click()
    await page.getByTestId('departments').getByText(`${city.name}的部门`).waitFor()
    const own = departments.filter((d) => d.region_id === city.id)
    assert.ok(own.length > 0)
    await table.getByText(own[0].name).waitFor()
    assert.equal(await table.locator('tbody tr').count(), own.length)
    await screenshot(page, 'admin-regions')
    assertCleanConsole(page)
  })

  it('creates a user and disables it', async () => {
    await page.getByTestId('menu-users').click()
    await page.getByTestId('users').waitFor()
    await page.getByTestId('user-create').click()
    await page.getByTestId('field-login').fill('handler2')
    await page.getByTestId('field-display-name').fill('第二承办人')
    await page.getByTestId('field-password').fill('Zhitong-e2e-handler-2')
    await choose(page, 'field-role', '承办人')
    const bureau = (await admin.get('/api/v1/departments')).items.find((d) => d.code === 'industry_it')
    await choose(page, 'field-department', bureau.name)
    await page.getByTestId('dialog-save').click()
    await page.getByTestId('user-dialog').waitFor({ state: 'hidden' })
    const users = page.getByTestId('users')
    await users.getByText('handler2', { exact: true }).waitFor()
    const created = (await admin.get('/api/v1/users?role=handler')).items.find((u) => u.login === 'handler2')
    assert.equal(created.department_id, bureau.id)
    await page.getByTestId('toggle-handler2').click()
    await users.locator('tr', { hasText: 'handler2' }).getByText('已停用').waitFor()
    assert.equal((await admin.get('/api/v1/users?role=handler')).items.find((u) => u.login === 'handler2').disabled, true)
    assertCleanConsole(page)
  })
})
