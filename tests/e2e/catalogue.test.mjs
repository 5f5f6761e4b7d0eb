// The admin's catalogue screens on the demo city, in a real Chromium against a real
// `zhitong serve`: a category's deadline policy and default department edited, a new category
// refused with the server's field error and then created, and deactivated; a day of the
// working-day calendar added, a wrong one refused on its row with nothing saved, then the year
// saved — each checked through the JSON API afterwards.
import { after, before, beforeEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { DEMO_PASSWORD, startServer } from './lib/server.mjs'
import { apiSession } from './lib/api.mjs'
import { assertCleanConsole, openBrowser, resetConsole, screenshot, signIn } from './lib/browser.mjs'

async function choose(page, testId, label) {
  await page.getByTestId(testId).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

function nextResponse(page, method, pathname) {
  return page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === pathname)
}

describe('the admin catalogue screens', () => {
  let server
  let browser
  let page
  let admin

  before(async () => {
    server = await startServer({ demo: true })
    browser = await openBrowser()
    page = await browser.newPage()
    admin = await apiSession(server.url, 'admin', DEMO_PASSWORD)
    await signIn(page, server.url, 'admin', DEMO_PASSWORD)
  })
  beforeEach(() => resetConsole(page))
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('edits a category, refuses a bad new one by field, creates and deactivates it', async () => {
    const before = (await admin.get('/api/v1/categories/all')).items
    const power = before.find((c) => c.code === 'power')
    const departments = (await admin.get('/api/v1/departments')).items
    const target = departments.find((d) => d.id !== power.department_id)
    const listed = nextResponse(page, 'GET', '/api/v1/categories/all')
    await page.getByTestId('menu-categories').click()
    await listed
    const table = page.getByTestId('categories')
    await page.getByTestId(`state-of-${before.at(-1).code}`).waitFor()
    assert.equal(await table.locator('tbody tr').count(), before.length)

    // Another reply deadline and default department for 供电用电.
    await page.getByTestId('edit-category-power').click()
    const dialog = page.getByTestId('category-dialog')
    await dialog.waitFor()
    const days = page.getByTestId('field-reply-days').locator('input')
    await days.fill(String(power.reply_days + 4))
    await days.press('Tab')
    await choose(page, 'field-department', target.name)
    let saved = nextResponse(page, 'PATCH', '/api/v1/categories/power')
    await page.getByTestId('dialog-save').click()
    assert.equal((await saved).status(), 200)
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('reply-days-of-power').getByText(`${power.reply_days + 4} 个工作日`).waitFor()
    await page.getByTestId('department-of-power').getByText(target.name).waitFor()
    const after = (await admin.get('/api/v1/categories/all')).items.find((c) => c.code === 'power')
    assert.equal(after.reply_days, power.reply_days + 4)
    assert.equal(after.department_id, target.id)
    assert.equal(after.name, power.name, 'the fields not edited stay')

    // A code the server refuses: its message under the code input, the dialog stays open.
    await page.getByTestId('category-create').click()
    await dialog.waitFor()
    await page.getByTestId('field-code').fill('Water Supply')
    await page.getByTestId('field-name').fill('供水用水')
    let created = nextResponse(page, 'POST', '/api/v1/categories')
    await page.getByTestId('dialog-save').click()
    assert.equal((await created).status(), 400)
    const fieldError = dialog.locator('.el-form-item.is-error .el-form-item__error')
    await fieldError.waitFor()
    assert.match(await fieldError.textContent(), /编码/)
    assert.ok(await dialog.isVisible())
    await page.getByTestId('field-code').fill('water_supply')
    created = nextResponse(page, 'POST', '/api/v1/categories')
    await page.getByTestId('dialog-save').click()
    assert.equal((await created).status(), 201)
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('state-of-water_supply').getByText('启用').waitFor()
    assert.ok((await admin.get('/api/v1/categories')).items.some((c) => c.code === 'water_supply'))
    await screenshot(page, 'admin-categories')

    // Deactivated: still listed here, gone from the catalogue enterprises pick from.
    saved = nextResponse(page, 'PATCH', '/api/v1/categories/water_supply')
    await page.getByTestId('toggle-category-water_supply').click()
    assert.equal((await saved).status(), 200)
    await page.getByTestId('state-of-water_supply').getByText('已停用').waitFor()
    assert.equal((await admin.get('/api/v1/categories/all')).items.find((c) => c.code === 'water_supply').active, false)
    assert.ok(!(await admin.get('/api/v1/categories')).items.some((c) => c.code === 'water_supply'))
    assertCleanConsole(page, [{ status: 400, url: /\/api\/v1\/categories$/ }])
  })

  it('adds a holiday to a year of the calendar; a wrong day is refused on its row and nothing is saved', async () => {
    const year = await admin.get('/api/v1/calendar/2025')
    assert.ok(!year.days.some((d) => d.date === '2025-03-04'))
    await page.getByTestId('menu-calendar').click()
    await page.getByTestId('calendar-days').waitFor()
    const loaded = nextResponse(page, 'GET', '/api/v1/calendar/2025')
    const yearInput = page.getByTestId('calendar-year').locator('input')
    await yearInput.fill('2025')
    await yearInput.press('Enter')
    await loaded
    await page.getByTestId('day-2025-01-26').waitFor() // the Spring Festival make-up workday
    const rows = page.getByTestId('calendar-days').locator('tbody tr')
    assert.equal(await rows.count(), year.days.length)

    // A make-up workday on a Wednesday (refused by the server) and a holiday on a Tuesday.
    const addDay = async (date, kind, name) => {
      const picker = page.getByTestId('calendar-add').locator('input').first()
      await picker.fill(date)
      await picker.press('Enter')
      await choose(page, 'add-kind', kind)
      await page.getByTestId('add-name').fill(name)
      await page.getByTestId('add-day').click()
      await page.getByTestId(`day-${date}`).waitFor()
    }
    await addDay('2025-03-05', '调休上班', '错误示例')
    await addDay('2025-03-04', '放假', '测试假日')
    await page.getByTestId('calendar-dirty').waitFor()
    let put = nextResponse(page, 'PUT', '/api/v1/calendar/2025')
    await page.getByTestId('calendar-save').click()
    assert.equal((await put).status(), 400)
    await page.getByTestId('calendar-error').waitFor()
    const wrongRow = rows.filter({ has: page.getByTestId('day-2025-03-05') })
    assert.match(await wrongRow.textContent(), /周六或周日/)
    assert.equal((await admin.get('/api/v1/calendar/2025')).days.length, year.days.length, 'nothing was saved')

    // Without the wrong day the year is saved, and the API has the new holiday.
    await page.getByTestId('remove-2025-03-05').click()
    put = nextResponse(page, 'PUT', '/api/v1/calendar/2025')
    await page.getByTestId('calendar-save').click()
    assert.equal((await put).status(), 200)
    await page.getByTestId('calendar-dirty').waitFor({ state: 'hidden' })
    const saved = await admin.get('/api/v1/calendar/2025')
    assert.equal(saved.days.length, year.days.length + 1)
    assert.deepEqual(
      saved.days.find((d) => d.date === '2025-03-04'),
      { date: '2025-03-04', kind: 'holiday', name: '测试假日', name_en: '' },
    )
    assert.equal(saved.covered, true)
    await screenshot(page, 'admin-calendar')
    assertCleanConsole(page, [{ status: 400, url: /\/api\/v1\/calendar\/2025$/ }])
  })
})
