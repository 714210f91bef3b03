// End-to-end check of the auth journey in the system Chromium, against a running server that
// serves frontend/dist at / and the API at /api (the real backend, or e2e/stub-backend.mjs).
//
//   BASE_URL=http://127.0.0.1:8123 npm run e2e
//
// Env: BASE_URL (required), CHROMIUM_PATH (default /usr/bin/chromium), ARTIFACTS_DIR
// (default <repo>/test-artifacts), HEADFUL=1 to watch.
import { chromium } from 'playwright-core'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const BASE_URL = (process.env.BASE_URL ?? '').replace(/\/$/, '')
const ARTIFACTS = path.resolve(process.env.ARTIFACTS_DIR ?? path.join(here, '..', '..', 'test-artifacts'))
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// CI runs the browser beside the rest of the suite on 2 cores: steps get more time there.
const TIMEOUT = process.env.CI === 'true' ? 30_000 : 15_000

if (!BASE_URL) {
  console.error('Set BASE_URL to the server that serves the dashboard, e.g. BASE_URL=http://127.0.0.1:8123 npm run e2e')
  process.exit(2)
}

const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const account = {
  fullName: `Erin Tester ${stamp}`,
  email: `e2e-${stamp}@example.com`,
  password: `correct-horse-${stamp}`,
}

let step = 'start'
const problems = []

function expect(condition, message) {
  if (!condition) throw new Error(`Expectation failed: ${message}`)
}

async function shot(page, name) {
  const file = path.join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  console.log(`  screenshot ${path.relative(process.cwd(), file)}`)
}

function watch(page) {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`)
  })
}

async function run(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  context.setDefaultTimeout(TIMEOUT)
  const page = await context.newPage()
  watch(page)
  let current = page

  try {
    step = 'open signup'
    await page.goto(`${BASE_URL}/signup`)
    await page.getByRole('heading', { name: 'Create your account' }).waitFor()
    await shot(page, 'auth-signup-1280')

    step = 'sign up'
    await page.getByLabel('Full name').fill(account.fullName)
    await page.getByLabel('E-mail').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await page.getByRole('button', { name: 'Create account' }).click()

    step = 'dashboard after signup'
    await page.waitForURL(`${BASE_URL}/`)
    await page.getByRole('heading', { level: 1, name: /Erin/ }).waitFor()
    await page.getByText('Please verify your e-mail address').waitFor()
    expect(await page.getByRole('button', { name: 'Resend e-mail' }).isVisible(), 'resend button visible')
    await shot(page, 'auth-dashboard-1280')

    step = 'resend verification e-mail'
    await page.getByRole('button', { name: 'Resend e-mail' }).click()
    // Either sent, or the backend's cooldown (a link went out at signup) is explained.
    await page.getByText(/Sent\. Check your inbox|Please wait .* before asking again/).waitFor()

    step = 'log out'
    await page.getByRole('button', { name: /Open user menu/ }).click()
    await page.getByRole('menuitem', { name: 'Log out' }).click()
    await page.waitForURL(`${BASE_URL}/login`)
    await page.getByText('You have been logged out.').waitFor()

    step = 'protected page redirects to login'
    await page.goto(`${BASE_URL}/settings`)
    await page.waitForURL(`${BASE_URL}/login`)

    step = 'log in'
    await page.getByLabel('E-mail').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL(`${BASE_URL}/settings`)
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    const shownName = (await page.getByTestId('user-name').textContent())?.trim()
    expect(shownName === account.fullName, `top bar shows "${account.fullName}", got "${shownName}"`)

    step = 'session survives a reload (refresh cookie)'
    await page.goto(`${BASE_URL}/`)
    await page.getByRole('heading', { level: 1, name: /Erin/ }).waitFor()
    expect((await page.getByTestId('user-name').textContent())?.trim() === account.fullName, 'name after reload')

    step = 'save settings'
    await page.getByRole('link', { name: 'Settings' }).first().click()
    await page.getByLabel('Full name').fill(`${account.fullName} Jr`)
    await page.getByRole('form', { name: 'Profile' }).getByRole('button', { name: 'Save' }).click()
    await page.getByRole('form', { name: 'Profile' }).getByText('Saved.').waitFor()
    await page.getByTestId('user-name').getByText(`${account.fullName} Jr`).waitFor()
    const zoneForm = page.getByRole('form', { name: 'Time zone' })
    await zoneForm.getByRole('combobox', { name: 'Time zone' }).selectOption('Europe/Berlin')
    await zoneForm.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('form', { name: 'Time zone' }).getByText('Saved.').waitFor()
    await shot(page, 'auth-settings-1280')

    step = 'phone width: dashboard'
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${BASE_URL}/`)
    await page.getByRole('heading', { level: 1, name: /Erin/ }).waitFor()
    await shot(page, 'auth-dashboard-390')

    step = 'phone width: navigation drawer'
    await page.getByRole('button', { name: 'Open navigation' }).click()
    const drawer = page.getByRole('dialog')
    await drawer.getByRole('link', { name: 'Settings' }).waitFor()
    await page.waitForTimeout(300) // let the slide-in finish for the screenshot
    await shot(page, 'auth-nav-390')
    await drawer.getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    await drawer.waitFor({ state: 'detached' })
    await shot(page, 'auth-settings-390')

    step = 'phone width: login page'
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    phone.setDefaultTimeout(TIMEOUT)
    current = await phone.newPage()
    watch(current)
    await current.goto(`${BASE_URL}/login`)
    await current.getByRole('heading', { name: 'Log in to Socialflow' }).waitFor()
    await shot(current, 'auth-login-390')
    await phone.close()
    current = page

    step = 'wrong password is reported'
    await page.getByRole('button', { name: /Open user menu/ }).click()
    await page.getByRole('menuitem', { name: 'Log out' }).click()
    await page.waitForURL(`${BASE_URL}/login`)
    await page.getByLabel('E-mail').fill(account.email)
    await page.getByLabel('Password').fill('definitely-not-it')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page
      .getByRole('alert')
      .getByText(/don.t match an account|Too many attempts/)
      .waitFor()

    const pageErrors = problems.filter((p) => p.startsWith('page error'))
    expect(pageErrors.length === 0, `no uncaught page errors (${pageErrors.join('; ')})`)
  } catch (error) {
    try {
      await shot(current, 'auth-failure')
    } catch {
      // The page may be gone; the error below is what matters.
    }
    throw error
  } finally {
    await context.close()
  }
}

await mkdir(ARTIFACTS, { recursive: true })
console.log(`e2e: ${BASE_URL} as ${account.email}`)
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: !process.env.HEADFUL,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'].filter(
    (arg) => !(process.env.HEADFUL && arg === '--headless'),
  ),
})
try {
  await run(browser)
  console.log('e2e: PASS')
  if (problems.length) console.log(`  (browser console noted: ${problems.join(' | ')})`)
} catch (error) {
  console.error(`e2e: FAIL at step "${step}": ${error instanceof Error ? error.message : error}`)
  if (problems.length) console.error(`  browser: ${problems.join('\n  browser: ')}`)
  process.exitCode = 1
} finally {
  await browser.close()
}
