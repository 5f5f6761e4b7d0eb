// Debian's Chromium driven by playwright-core, with a fresh profile per browser, plus the checks
// every browser test wants: console errors, the fonts really used for a node, screenshots.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { ROOT } from './server.mjs'

const require = createRequire(path.join(ROOT, 'web/package.json'))
const { chromium } = require('playwright-core')

export const CHROMIUM = process.env.ZHITONG_CHROMIUM || '/usr/bin/chromium'
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
export const DESKTOP = { width: 1366, height: 768 }
export const PHONE = { width: 390, height: 844 }
// The README tour's pictures are refreshed only on request (ZHITONG_SCREENSHOTS=docs), so that an
// ordinary test run leaves the work tree clean; otherwise they go to build/e2e-screenshots.
export const SCREENSHOTS = process.env.ZHITONG_SCREENSHOTS === 'docs'
  ? path.join(ROOT, 'docs/screenshots')
  : path.join(ROOT, 'build/e2e-screenshots')

// Opens a browser with a fresh profile folder; `close()` removes it again.
export async function openBrowser({ viewport = DESKTOP, locale = 'zh-CN' } = {}) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk`)
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'zhitong-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
    locale,
    timezoneId: 'Asia/Shanghai',
  })
  context.setDefaultTimeout(15000)
  return {
    context,
    async newPage() {
      const page = context.pages()[0] && !context.pages()[0].__used ? context.pages()[0] : await context.newPage()
      page.__used = true
      watchConsole(page)
      return page
    },
    async close() {
      await context.close().catch(() => {})
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

// Collects console errors and uncaught exceptions on page.problems. Chromium reports every
// failed HTTP response as a console error ("Failed to load resource: … status of 401"); those
// are kept apart in page.failedResources as {status, url}, for the test to judge which it expects.
export function watchConsole(page) {
  page.problems = []
  page.failedResources = []
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    const text = msg.text()
    const failed = /Failed to load resource: the server responded with a status of (\d+)/.exec(text)
    if (failed) page.failedResources.push({ status: Number(failed[1]), url: msg.location()?.url ?? '' })
    else page.problems.push(`console.error: ${text}`)
  })
  page.on('pageerror', (err) => page.problems.push(`uncaught: ${err.message}`))
  return page
}

// Forgets what the page logged so far (a page shared by several tests starts each one clean).
export function resetConsole(page) {
  page.problems.length = 0
  page.failedResources.length = 0
}

// Throws unless the page had no console errors, and no failed resources other than `allowed`
// ([{status, url: RegExp}]).
export function assertCleanConsole(page, allowed = []) {
  const unexpected = page.failedResources.filter(
    (f) => !allowed.some((a) => a.status === f.status && (!a.url || a.url.test(f.url))),
  )
  const all = [...page.problems, ...unexpected.map((f) => `HTTP ${f.status} ${f.url}`)]
  if (all.length) throw new Error(`console errors:\n  ${all.join('\n  ')}`)
}

// The platform fonts Chromium used to draw the text of the first node matching `selector`
// (CDP CSS.getPlatformFontsForNode): [{familyName, postScriptName, glyphCount}].
export async function fontsUsedFor(page, selector) {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 })
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
    if (!nodeId) throw new Error(`no node matches ${selector}`)
    // The fonts are reported on the text node; ask the element and each of its text children.
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: -1 })
    const ids = [nodeId]
    const walk = (n) => (n.children ?? []).forEach((c) => (ids.push(c.nodeId ?? 0), walk(c)))
    walk(node)
    const fonts = []
    for (const id of ids.filter(Boolean)) {
      const { fonts: f } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: id }).catch(() => ({ fonts: [] }))
      fonts.push(...f)
    }
    return fonts
  } finally {
    await cdp.detach().catch(() => {})
  }
}

export const CJK_FONT = /CJK|Noto Sans SC|Noto Serif SC|WenQuanYi|Source Han|Droid Sans Fallback|AR PL/i

// A steady picture of the page: no loading mask and no passing message (Element Plus messages
// last 3 s) left on it — waited for a few seconds at most, a picture is not worth a failure —
// and every CSS transition at its end state (`animations: 'disabled'` fast-forwards finite
// animations and transitions: https://playwright.dev/docs/api/class-page#page-screenshot).
export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const file = path.join(SCREENSHOTS, `${name}.png`)
  await page
    .waitForFunction(
      () =>
        ![...document.querySelectorAll('.el-loading-mask, .el-message')].some(
          (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden',
        ),
      null,
      { timeout: 5000 },
    )
    .catch(() => {})
  await page.screenshot({ path: file, animations: 'disabled' })
  return file
}

// Signs out through the header's button when someone is signed in; ends on the sign-in form.
export async function signOut(page, baseUrl) {
  await page.goto(`${baseUrl}/`)
  const button = page.getByTestId('signout')
  const form = page.locator('input[name=login]')
  await button.or(form).first().waitFor()
  if (await button.isVisible()) {
    await button.click()
    await form.waitFor()
  }
}

// Signs in through the form; waits until the app has left the sign-in page.
export async function signIn(page, baseUrl, login, password) {
  await page.goto(`${baseUrl}/signin`)
  await page.locator('input[name=login]').fill(login)
  await page.locator('input[name=password]').fill(password)
  await page.getByTestId('signin-submit').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'))
}
