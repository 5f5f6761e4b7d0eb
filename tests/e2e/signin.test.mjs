// Sign in, the admin home, the language switch: the first walk through the app in a real
// Chromium against a real `zhitong serve` on a fresh database.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { CJK_FONT, assertCleanConsole, fontsUsedFor, openBrowser, screenshot, signIn, PHONE } from './lib/browser.mjs'

const ADMIN = { login: 'admin', name: '管理员', role: 'admin', password: 'Zhitong-e2e-admin-1' }

describe('sign in and the admin home', () => {
  let server
  let browser
  before(async () => {
    server = await startServer({ users: [ADMIN] })
    browser = await openBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('renders the sign-in page in Chinese with a CJK font actually used', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/`)
    await page.waitForURL(/\/signin/)
    await page.getByTestId('product-name').waitFor()
    assert.equal(await page.getByTestId('product-name').textContent(), '直通')
    assert.equal(await page.getByTestId('signin-submit').textContent().then((s) => s.trim()), '登录')
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN')
    const fonts = await fontsUsedFor(page, '[data-testid="product-name"]')
    const cjk = fonts.filter((f) => CJK_FONT.test(f.familyName) && f.glyphCount > 0)
    assert.ok(cjk.length > 0, `no CJK font drew 直通; fonts used: ${JSON.stringify(fonts)}`)
    await screenshot(page, 'signin')
    assertCleanConsole(page)
  })

  it('says so when the password is wrong, and stays on the sign-in page', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/signin`)
    await page.locator('input[name=login]').fill(ADMIN.login)
    await page.locator('input[name=password]').fill('not-the-password')
    await page.getByTestId('signin-submit').click()
    const error = page.getByTestId('signin-error')
    await error.waitFor()
    const text = await error.textContent()
    assert.match(text, /[\u4e00-\u9fff]/, `the error is not in Chinese: ${text}`)
    assert.ok(new URL(page.url()).pathname.startsWith('/signin'))
    // The 401 of the login itself is expected; nothing else.
    assertCleanConsole(page, [{ status: 401, url: /\/api\/v1\/auth\/login/ }])
  })

  it('reaches the admin home with the users list', async () => {
    const page = await browser.newPage()
    await signIn(page, server.url, ADMIN.login, ADMIN.password)
    await page.waitForURL(/\/admin\/users/)
    await page.getByTestId('current-user').waitFor()
    assert.match(await page.getByTestId('current-user').textContent(), /管理员/)
    const table = page.getByTestId('users')
    await table.getByText('admin', { exact: true }).waitFor()
    assert.match(await table.textContent(), /管理员/)
    assert.ok(await page.getByTestId('menu-users').isVisible())
    await screenshot(page, 'admin-users')
    assertCleanConsole(page)
  })

  it('switches to English, and the choice survives a reload', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/admin/users`)
    await page.getByTestId('users').waitFor()
    await page.getByTestId('lang-switch').click()
    await page.getByTestId('signout').getByText('Sign out').waitFor()
    assert.match(await page.getByTestId('menu-users').textContent(), /Users/)
    await page.reload()
    await page.getByTestId('users').waitFor()
    assert.match(await page.getByTestId('signout').textContent(), /Sign out/)
    assert.match(await page.getByTestId('current-role').textContent(), /Administrator/)
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
    // Element Plus follows: the table header and pager are English too.
    assert.match(await page.getByTestId('users').textContent(), /Display|Name/)
    await page.getByTestId('lang-switch').click()
    await page.getByTestId('signout').getByText('退出').waitFor()
    assertCleanConsole(page)
  })

  it('collapses the side menu into a drawer at phone width', async () => {
    const page = await browser.newPage()
    await page.setViewportSize(PHONE)
    await page.goto(`${server.url}/admin/users`)
    await page.getByTestId('users').waitFor()
    assert.equal(await page.getByTestId('menu-users').isVisible(), false)
    await page.getByTestId('menu-toggle').click()
    await page.getByTestId('menu-users').waitFor({ state: 'visible' })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone screen`)
    assertCleanConsole(page)
  })

  it('signs out and goes back to the sign-in page', async () => {
    const page = await browser.newPage()
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.goto(`${server.url}/admin/users`)
    await page.getByTestId('users').waitFor()
    await page.getByTestId('signout').click()
    await page.waitForURL(/\/signin/)
    await page.goto(`${server.url}/admin/users`)
    await page.waitForURL(/\/signin\?redirect=/)
    assertCleanConsole(page)
  })
})
