// The whole journey of a new user in the system Chromium, against the REAL backend on its
// embedded defaults (sandbox platforms): sign up, connect two sandbox platforms through their
// consent pages, compose, schedule one a minute ahead and publish one now, watch both reach
// "published" live (SSE, no reload), find them on the calendar, reschedule one by drag, open the
// notifications and analytics, upgrade to Pro, see a post's analytics, upload an image; then
// workspaces (issue 14, e2e/workspaces.steps.mjs): create one, invite a second user who accepts
// in a browser of their own and sees the members page, and a viewer sees no write buttons.
// Every step runs; the first one that fails stops the journey with its name and a screenshot.
//
//   BASE_URL=http://127.0.0.1:8123 npm run e2e:journey
//
// Env: BASE_URL (required), CHROMIUM_PATH (default /usr/bin/chromium), ARTIFACTS_DIR
// (default <repo>/test-artifacts), HEADFUL=1 to watch.
import { chromium } from 'playwright-core'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { postTypesJourney } from './posttypes.steps.mjs'
import { workspaceJourney } from './workspaces.steps.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const BASE_URL = (process.env.BASE_URL ?? '').replace(/\/$/, '')
const ARTIFACTS = path.resolve(process.env.ARTIFACTS_DIR ?? path.join(here, '..', '..', 'test-artifacts'))
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// CI runs the browser beside the rest of the suite on 2 cores: steps get more time there.
const TIMEOUT = process.env.CI === 'true' ? 30_000 : 15_000
const PUBLISH_TIMEOUT = 150_000

if (!BASE_URL) {
  console.error('Set BASE_URL to the server that serves the dashboard, e.g. BASE_URL=http://127.0.0.1:8123 npm run e2e:journey')
  process.exit(2)
}

const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const account = { fullName: `Jo Journey ${stamp}`, email: `journey-${stamp}@example.com`, password: `correct-horse-${stamp}` }
const PLATFORMS = [
  { key: 'twitter', label: 'X (Twitter)', tab: 'X', username: `x_${stamp}`.slice(0, 20), row: (u) => `@${u}` },
  // LinkedIn shares no username: its row shows the platform name instead.
  { key: 'linkedin', label: 'LinkedIn', tab: 'LinkedIn', username: `li_${stamp}`.slice(0, 20), row: () => '· LinkedIn ·' },
]

let step = 'start'
const problems = []

function expect(condition, message) {
  if (!condition) throw new Error(`Expectation failed: ${message}`)
}

/** A real 96x64 RGB PNG (a gradient), written to a temp file for the upload input. */
async function writePng() {
  const width = 96
  const height = 64
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    out.write(type, 4, 'ascii')
    data.copy(out, 8)
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    for (let x = 0; x < width; x++) rows.set([Math.round((x / width) * 255), Math.round((y / height) * 255), 180], row + 1 + x * 3)
  }
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'journey-')), 'gradient.png')
  await writeFile(file, png)
  return file
}

async function shot(page, name) {
  const file = path.join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  console.log(`  screenshot ${path.relative(process.cwd(), file)}`)
}

/** Screenshot at 1280, in the dark scheme too, then at 390 (same page, resized), then back. */
async function shots(page, name) {
  await shot(page, `${name}-1280`)
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.waitForTimeout(400)
  await shot(page, `${name}-dark-1280`)
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.waitForTimeout(200)
  await shot(page, `${name}-390`)
  await page.setViewportSize({ width: 1280, height: 800 })
}

function watch(page) {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`)
  })
}

const AXE = await readFile(path.join(here, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')
const accessibility = []

/** axe-core's serious and critical violations on the page as it is now. */
async function axeViolations(page) {
  // evaluate (not a script tag): runs under a strict Content-Security-Policy too.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE)
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] })
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      )
  })
}

/** Relative luminance (0 black, 1 white) of [r, g, b] in 0-255. */
function luminance([r, g, b]) {
  const linear = (v) => {
    const c = v / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/**
 * The UX checks every page must pass (docs/UX-CHECKS.md): axe-core finds no serious or critical
 * violation, in the light scheme and again with the OS in dark mode (where the page must really
 * be dark), and at 390 px the page does not scroll sideways.
 */
async function checkPage(page, name) {
  await page.waitForTimeout(150)
  const result = await axeViolations(page)
  accessibility.push(`${name}: ${result.length}`)
  expect(result.length === 0, `axe on ${name}: ${result.join(' | ')}`)
  await page.emulateMedia({ colorScheme: 'dark' })
  try {
    // Past the 150 ms color transitions of links and buttons, or axe measures a mid-fade.
    await page.waitForTimeout(400)
    // Computed colors come as oklch(); a 1-pixel canvas turns them into RGB.
    const colors = await page.evaluate(() => {
      const rgb = (color) => {
        const context = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d')
        context.fillStyle = color
        context.fillRect(0, 0, 1, 1)
        return [...context.getImageData(0, 0, 1, 1).data].slice(0, 3)
      }
      return {
        page: rgb(getComputedStyle(document.documentElement).backgroundColor),
        text: rgb(getComputedStyle(document.body).color),
        heading: rgb(getComputedStyle(document.querySelector('h1') ?? document.body).color),
      }
    })
    expect(
      luminance(colors.page) < 0.05 && luminance(colors.text) > 0.5 && luminance(colors.heading) > 0.5,
      `${name} turns dark with the OS (page rgb(${colors.page}), text rgb(${colors.text}), heading rgb(${colors.heading}))`,
    )
    const dark = await axeViolations(page)
    accessibility.push(`${name} (dark): ${dark.length}`)
    expect(dark.length === 0, `axe on ${name} in dark mode: ${dark.join(' | ')}`)
  } finally {
    await page.emulateMedia({ colorScheme: 'light' })
  }
  const size = page.viewportSize()
  await page.setViewportSize({ width: 390, height: 844 })
  await page.waitForTimeout(200)
  const wide = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    culprits: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > 392)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join('.')}`),
  }))
  await page.setViewportSize(size)
  expect(wide.scroll <= 390, `${name} fits 390 px without sideways scrolling (scrollWidth ${wide.scroll}; ${wide.culprits.join(', ')})`)
}

/** "YYYY-MM-DDTHH:MM" in `zone`, `minutes` from now. */
function localIn(zone, minutes) {
  const date = new Date(Date.now() + minutes * 60_000)
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

function addDay(day, n) {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** The composer's checkbox of the platform's connected account (in "Publish to"). */
function accountChip(page, p) {
  return page.getByRole('group', { name: 'Publish to' }).getByRole('checkbox', { name: new RegExp(`^${p.tab}: `) })
}

async function compose(page, text) {
  await page.getByRole('link', { name: 'Compose' }).first().click()
  await page.getByRole('heading', { name: 'Compose' }).waitFor()
  await page.getByLabel('Post text').fill(text)
  for (const p of PLATFORMS) await accountChip(page, p).check({ force: true })
  // Live counters from POST /api/posts/check, as each platform counts.
  await page
    .getByRole('tab', { name: /X/ })
    .getByText(/\d+ \/ 280/)
    .waitFor()
}

async function run(browser) {
  // The browser is in Paris: the account must take that zone at sign-up (issue 21.11).
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Paris' })
  context.setDefaultTimeout(TIMEOUT)
  const page = await context.newPage()
  watch(page)

  try {
    step = 'sign up'
    await page.goto(`${BASE_URL}/signup`)
    await checkPage(page, 'sign-up')
    await page.getByLabel('Full name').fill(account.fullName)
    await page.getByLabel('E-mail').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL(`${BASE_URL}/`)
    await page.getByRole('heading', { level: 1, name: /Jo/ }).waitFor()
    await checkPage(page, 'dashboard (new user)')

    step = '21.6 two tabs reloading at once stay signed in'
    const second = await context.newPage()
    watch(second)
    await second.goto(`${BASE_URL}/`)
    await second.getByRole('heading', { level: 1, name: /Jo/ }).waitFor()
    for (let round = 0; round < 5; round++) {
      await Promise.all([page.reload(), second.reload()])
      await Promise.all([page.getByRole('heading', { level: 1, name: /Jo/ }).waitFor(), second.getByRole('heading', { level: 1, name: /Jo/ }).waitFor()])
    }
    await second.close()

    for (const p of PLATFORMS) {
      step = `connect ${p.label} via its consent page`
      await page.getByRole('link', { name: 'Platforms' }).first().click()
      await page.getByRole('heading', { name: 'Platforms' }).waitFor()
      await page.getByRole('button', { name: `Connect ${p.label}` }).click()
      await page.getByRole('button', { name: 'Authorize app' }).waitFor()
      if (p.key === PLATFORMS[0].key) await shot(page, 'journey-consent-1280')
      await page.getByLabel(/Sandbox account/i).fill(p.username)
      await page.getByRole('button', { name: 'Authorize app' }).click()
      await page.waitForURL(/\/platforms/)
      await page.getByText('Account connected.').waitFor()
      await page
        .getByTestId('account-row')
        .filter({ hasText: p.row(p.username) })
        .waitFor()
    }
    await shots(page, 'journey-platforms')

    step = "21.10 the Free plan's 2-account limit shows before leaving for the platform"
    await page.getByTestId('accounts-used').filter({ hasText: '2 of 2 accounts used' }).waitFor()
    expect(await page.getByRole('button', { name: 'Connect Facebook' }).isDisabled(), 'Connect is disabled at the limit')
    await page.getByRole('link', { name: 'Upgrade to connect more' }).waitFor()
    await checkPage(page, 'platforms')

    step = 'compose and schedule one a minute ahead'
    await compose(page, `Scheduled from the journey ${stamp} #socialflow https://example.com/a`)
    await shots(page, 'journey-compose')
    // The picker names the zone it reads times in (the user's, from Settings).
    const zone = (await page.getByText(/^Schedule for/).textContent()).match(/\(([^)]+)\)/)[1]
    console.log(`  user time zone: ${zone}`)
    expect(zone === 'Europe/Paris', `the account took the browser's zone at sign-up (got ${zone})`)
    await checkPage(page, 'compose')

    step = '21.15 an account chip shows where keyboard focus is'
    const chipBox = accountChip(page, PLATFORMS[0])
    await chipBox.focus()
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Tab')
    const ring = await chipBox.evaluate((el) => {
      const style = getComputedStyle(el.closest('label'))
      return { focused: document.activeElement === el, style: style.outlineStyle, width: parseFloat(style.outlineWidth) }
    })
    expect(ring.focused && ring.style !== 'none' && ring.width >= 2, `the focused chip has a visible outline (${JSON.stringify(ring)})`)

    step = 'schedule the post a minute ahead'
    const soon = localIn(zone, 2)
    await page.getByLabel(/Schedule for/).fill(soon)
    await page.getByRole('button', { name: 'Schedule', exact: true }).click()
    await page.getByText(/Scheduled for/).waitFor()
    const scheduledId = page.url().split('/posts/')[1]
    expect(scheduledId, 'the scheduled post opens at /posts/:id')

    step = '21.5 a refused schedule (a past time) leaves no draft behind'
    await compose(page, `Never saved ${stamp}`)
    await page.getByLabel(/Schedule for/).fill(localIn(zone, -24 * 60))
    await page.getByRole('button', { name: 'Schedule', exact: true }).click()
    await page.getByRole('region', { name: 'Publish' }).getByRole('alert').first().waitFor()
    expect(!page.url().includes('/posts/'), 'the refused post was not created')

    step = '21.3 an unsaved new post survives a reload'
    await page.reload()
    await page.getByText('We restored the post you were writing.').waitFor()
    expect((await page.getByLabel('Post text').inputValue()) === `Never saved ${stamp}`, 'the text came back')
    await page.getByRole('button', { name: 'Discard it' }).click()
    await page.getByText('We restored the post you were writing.').waitFor({ state: 'hidden' })

    step = 'compose and publish one now'
    await compose(page, `Published now from the journey ${stamp}`)
    await page.getByRole('button', { name: 'Publish now' }).click()
    await page.waitForURL(/\/posts\//)
    const publishedId = page.url().split('/posts/')[1]

    step = 'the published-now post reaches "published" live (no reload)'
    // A marker on window survives SPA navigation but not a reload: it proves no reload happened.
    await page.evaluate(() => (window.__journeyNoReload = true))
    await page.locator('[data-status="published"]').first().waitFor({ timeout: PUBLISH_TIMEOUT })
    for (const p of PLATFORMS) await page.getByTestId(`target-${p.key}`).locator('[data-status="published"]').waitFor({ timeout: PUBLISH_TIMEOUT })
    await page
      .getByTestId('toasts')
      .getByText(/Published to/)
      .first()
      .waitFor({ timeout: PUBLISH_TIMEOUT })
    await shots(page, 'journey-published-now')
    await checkPage(page, 'post (published)')

    step = 'one more scheduled post (tomorrow) to reschedule by drag'
    await compose(page, `To be moved by drag ${stamp}`)
    const tomorrowLocal = `${addDay(localIn(zone, 0).slice(0, 10), 1)}T10:15`
    await page.getByLabel(/Schedule for/).fill(tomorrowLocal)
    await page.getByRole('button', { name: 'Schedule', exact: true }).click()
    await page.getByText(/Scheduled for/).waitFor()
    const dragId = page.url().split('/posts/')[1]

    step = 'the scheduled post reaches "published" live on the schedule page (no reload)'
    await page.getByRole('link', { name: 'Schedule' }).first().click()
    await page.getByRole('heading', { name: 'Schedule', exact: true }).waitFor()
    await page.getByRole('tab', { name: 'Published' }).click()
    await page.locator(`[data-testid="post-row"][data-post-id="${scheduledId}"]`).waitFor({ timeout: PUBLISH_TIMEOUT })
    await page.locator(`[data-testid="post-row"][data-post-id="${publishedId}"]`).waitFor()

    expect(await page.evaluate(() => window.__journeyNoReload === true), 'the page was never reloaded')

    step = 'both published posts are on the calendar'
    for (const id of [scheduledId, publishedId]) await page.locator(`[data-testid="calendar-item"][data-post-id="${id}"]`).waitFor()
    await shots(page, 'journey-schedule')
    await checkPage(page, 'schedule')

    step = 'reschedule by drag (month view keeps the time of day)'
    const source = page.locator(`[data-testid="calendar-item"][data-post-id="${dragId}"]`)
    const fromDay = await source.evaluate((el) => el.closest('[data-day]').getAttribute('data-day'))
    const toDay = addDay(fromDay, 1)
    await source.dragTo(page.locator(`[role="gridcell"][data-day="${toDay}"]`))
    // Written like every date of the dashboard: the browser's locale, not "2027-03-13 10:15".
    const movedTo = await page.evaluate((day) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(`${day}T10:15:00Z`)), toDay)
    await page.getByTestId('toasts').getByText(`Rescheduled to ${movedTo}.`).waitFor()
    await page.locator(`[role="gridcell"][data-day="${toDay}"] [data-post-id="${dragId}"]`).waitFor()
    console.log(`  moved post ${dragId} from ${fromDay} to ${toDay}`)

    step = '21.13 calendar entries are readable: the start of the text at 1366 px, the whole time at 390 px'
    await page.setViewportSize({ width: 1366, height: 800 })
    const entry = page.locator(`[data-testid="calendar-item"][data-post-id="${dragId}"]`)
    const text = await entry.getByTestId('calendar-text').evaluate((el) => ({ width: el.clientWidth, text: el.textContent }))
    // ~12 characters of text-xs at least ("To be moved by…"), never "W…" or "T…".
    expect(text.width >= 80 && text.text.startsWith('To be moved by drag'), `a calendar entry shows the start of its text at 1366 px (${JSON.stringify(text)})`)
    await page.setViewportSize({ width: 390, height: 844 })
    await page.waitForTimeout(200)
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="calendar-time"]')]
        .map((el) => {
          const box = el.getBoundingClientRect()
          const cell = el.closest('[role="gridcell"]').getBoundingClientRect()
          const cut = el.scrollWidth > el.clientWidth + 1 || box.right > cell.right + 1 || box.left < cell.left - 1
          return cut
            ? `${el.textContent} (text ${el.scrollWidth} px in ${el.clientWidth} px, cell ${Math.round(cell.left)}-${Math.round(cell.right)}, time ${Math.round(box.left)}-${Math.round(box.right)})`
            : null
        })
        .filter(Boolean),
    )
    await page.setViewportSize({ width: 1280, height: 800 })
    expect(clipped.length === 0, `no calendar time is cut off at 390 px (${clipped.join(', ')})`)

    step = 'week view'
    await page.getByRole('button', { name: 'week', exact: true }).click()
    await page.getByRole('grid', { name: 'Week calendar' }).waitFor()
    await shots(page, 'journey-schedule-week')

    step = 'dashboard'
    await page.getByRole('link', { name: 'Dashboard' }).first().click()
    await page.getByText("Today's queue").waitFor()
    await page.getByTestId('stat-published').filter({ hasText: '2' }).waitFor()
    await shots(page, 'journey-dashboard')
    await checkPage(page, 'dashboard')

    step = "notifications: open the bell's dropdown"
    await page.getByRole('button', { name: /^Notifications/ }).click()
    const panel = page.getByLabel('Notifications', { exact: true }).filter({ hasText: 'Notifications' })
    await panel
      .getByTestId('notification')
      .first()
      .or(panel.getByText(/No notifications yet/))
      .waitFor()
    const count = await panel.getByTestId('notification').count()
    console.log(`  notifications listed: ${count}`)
    await shot(page, 'journey-notifications-1280')
    await page.keyboard.press('Escape')
    await panel.waitFor({ state: 'hidden' })

    step = 'analytics (Free: followers and posts published)'
    await page.getByRole('link', { name: 'Analytics' }).first().click()
    await page.getByRole('heading', { name: 'Analytics', exact: true }).waitFor()
    // Two posts went out above, each to two platforms: four platform posts published.
    await page.getByTestId('total-posts_published').or(page.getByText('No analytics yet')).first().waitFor()
    if (await page.getByText('No analytics yet').isVisible()) console.log('  analytics: empty state')
    else {
      await page
        .getByTestId('total-posts_published')
        .filter({ hasText: String(2 * PLATFORMS.length) })
        .waitFor()
      await page.getByRole('img', { name: 'Posts published per day' }).waitFor()
    }
    await page.getByRole('radio', { name: '7 days' }).click()
    await page.waitForURL(/range=7d/)
    await page.getByTestId('total-posts_published').or(page.getByText('No analytics yet')).first().waitFor()
    await shots(page, 'journey-analytics-free')
    await checkPage(page, 'analytics')

    step = 'billing: upgrade to Pro through the sandbox checkout'
    await page.getByRole('link', { name: 'Billing' }).first().click()
    await page.getByTestId('current-plan').filter({ hasText: 'Free' }).waitFor()
    await page.getByTestId('usage-posts-this-month').filter({ hasText: '/ 10' }).waitFor()
    await shots(page, 'journey-billing-free')
    await checkPage(page, 'billing')
    await page.getByRole('button', { name: 'Upgrade to Pro' }).click()
    await page.getByRole('button', { name: 'Pay', exact: true }).click()
    await page.waitForURL(/\/billing/)
    await page.getByText('Thanks for upgrading!').waitFor()
    await page.getByTestId('current-plan').filter({ hasText: 'Pro' }).waitFor({ timeout: 30_000 })
    await page.getByTestId('usage-posts-this-month').filter({ hasText: '/ Unlimited' }).waitFor()
    await page.getByTestId('usage-connected-accounts').filter({ hasText: '2 / 10' }).waitFor()
    await shots(page, 'journey-billing-pro')

    step = "analytics on Pro: a published post's own page"
    await page.getByRole('link', { name: 'Schedule' }).first().click()
    await page.getByRole('tab', { name: 'Published' }).click()
    await page.locator(`[data-testid="post-row"][data-post-id="${publishedId}"]`).getByRole('link', { name: 'Analytics' }).click()
    await page.getByRole('heading', { name: 'Post analytics' }).waitFor()
    for (const p of PLATFORMS) await page.getByTestId(`post-analytics-${p.key}`).waitFor()
    await shots(page, 'journey-post-analytics')
    await checkPage(page, 'post analytics')
    await page.getByRole('link', { name: 'All analytics' }).click()
    await page.getByTestId('total-impressions').waitFor()
    await page
      .getByRole('img', { name: /Followers over time|Engagement per platform|Posts published per day/ })
      .first()
      .waitFor()
    await page.getByRole('button', { name: 'Refresh now' }).click()
    await page
      .getByTestId('refresh-message')
      .filter({ hasText: /Fetching follower counts/ })
      .waitFor()
    expect(await page.getByRole('button', { name: 'Refresh now' }).isDisabled(), 'Refresh now waits for the cooldown')
    // Pro has no CSV export (Business): the 402 explains it with the way to billing.
    await page.getByRole('button', { name: 'Export CSV' }).click()
    await page.getByText(/CSV export is not part of the Pro plan/).waitFor()
    await shots(page, 'journey-analytics-pro')

    step = '21.1 Publish waits for an upload in progress; the image is there after saving and reopening'
    await compose(page, `With a picture ${stamp}`)
    let releaseUpload
    const uploadHeld = new Promise((resolve) => (releaseUpload = resolve))
    await page.route('**/api/posts/upload-media**', async (route) => {
      await uploadHeld
      await route.continue()
    })
    await page.getByLabel('Upload media').setInputFiles(await writePng())
    await page.getByText(/Wait for gradient\.png to finish uploading/).waitFor()
    expect(await page.getByRole('button', { name: 'Publish now' }).isDisabled(), 'Publish now waits for the upload')
    expect(await page.getByRole('button', { name: 'Schedule', exact: true }).isDisabled(), 'Schedule waits for the upload')
    releaseUpload()
    const thumbnail = page.getByRole('list', { name: 'Attached media' }).locator('img').first()
    await thumbnail.waitFor()
    await page.unroute('**/api/posts/upload-media**')
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await thumbnail.elementHandle())
    await page.getByRole('figure', { name: 'X preview' }).locator('img[src]').last().waitFor()
    await shot(page, 'journey-media-1280')
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.getByText('Draft saved.').waitFor()
    const mediaPostId = page.url().split('/posts/')[1]
    await page.reload()
    await page.getByRole('heading', { name: 'Edit post' }).waitFor()
    await page.getByRole('list', { name: 'Attached media' }).locator('img').first().waitFor()
    await page.getByRole('figure', { name: 'X preview' }).locator('img[src]').last().waitFor()

    step = '21.3 edits of a saved post are saved by themselves'
    await page.getByLabel('Post text').fill(`With a picture, edited ${stamp}`)
    await page
      .getByTestId('save-state')
      .filter({ hasText: /^Saved$/ })
      .waitFor()
    await page.reload()
    await page.getByRole('heading', { name: 'Edit post' }).waitFor()
    expect((await page.getByLabel('Post text').inputValue()) === `With a picture, edited ${stamp}`, 'the edit was saved without a click')

    step = '21.3 leaving a post with unsaved changes inside the app asks first'
    // Saves are held until released, so the question cannot be overtaken by the autosave.
    let releaseSaves
    const savesHeld = new Promise((resolve) => (releaseSaves = resolve))
    const postUrl = `**/api/posts/${mediaPostId}`
    await page.route(postUrl, async (route) => {
      if (route.request().method() === 'PUT') await savesHeld
      await route.continue()
    })
    await page.getByLabel('Post text').fill(`With a picture, edited twice ${stamp}`)
    await page.getByRole('link', { name: 'Schedule' }).first().click()
    // (Headless UI's dialog element itself has no box: wait on what is inside it.)
    const stay = page.getByRole('dialog', { name: 'Save your changes?' }).getByRole('button', { name: 'Stay' })
    await stay.click()
    await stay.waitFor({ state: 'hidden' })
    expect(page.url().endsWith(`/posts/${mediaPostId}`), 'Stay keeps the editor open')
    await page.getByRole('link', { name: 'Schedule' }).first().click()
    await page.getByRole('dialog', { name: 'Save your changes?' }).getByRole('button', { name: 'Save and leave' }).click()
    releaseSaves()
    await page.getByRole('heading', { name: 'Schedule', exact: true }).waitFor()
    await page.unroute(postUrl)
    await page.goto(`${BASE_URL}/posts/${mediaPostId}`)
    await page.getByRole('heading', { name: 'Edit post' }).waitFor()
    expect((await page.getByLabel('Post text').inputValue()) === `With a picture, edited twice ${stamp}`, '"Save and leave" saved the edit')

    step = '21.5 delete a post, then undo'
    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
    await page.getByTestId('toasts').getByText('Post deleted.').waitFor()
    await page.getByTestId('toasts').getByRole('button', { name: 'Undo' }).click()
    await page.getByTestId('toasts').getByText('Post restored.').waitFor()
    await page.goto(`${BASE_URL}/posts/${mediaPostId}`)
    await page.getByRole('heading', { name: 'Edit post' }).waitFor()

    step = '21.7 optimize with AI in one click'
    await compose(page, `Optimize me please ${stamp}: we shipped live status updates with Socialflow and a calendar you can drag posts around in #launch`)
    await page.getByRole('button', { name: 'Optimize with AI' }).click()
    const results = page.getByLabel('Optimized versions')
    const refused = page.getByText("Your plan doesn't include AI")
    await results.or(refused).first().waitFor({ timeout: 60_000 })
    if (await refused.isVisible()) throw new Error('optimize was refused (402) after upgrading to Pro')
    await results.getByText(/Optimized by/).waitFor()
    await shots(page, 'journey-optimize')

    step = '21.2 saving the X text keeps the LinkedIn AI version'
    await page.getByRole('tab', { name: /LinkedIn/ }).click()
    const linkedInText = await page.getByLabel('Text for LinkedIn').inputValue()
    await page.getByRole('tab', { name: /X/ }).click()
    await page.getByLabel('Text for X').fill(`My own words for X ${stamp}`)
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.getByText('Draft saved.').waitFor()
    await page.reload()
    await page.getByRole('tab', { name: /LinkedIn/ }).click()
    expect((await page.getByLabel('Text for LinkedIn').inputValue()) === linkedInText, 'the LinkedIn AI version survived saving the X text')
    await page.getByRole('tab', { name: /X/ }).click()
    expect((await page.getByLabel('Text for X').inputValue()) === `My own words for X ${stamp}`, 'the X text was saved')

    step = 'library: keep a text, then start a post from it'
    await page.getByRole('link', { name: 'Library' }).first().click()
    await page.getByText('Your library is empty').waitFor()
    await page.getByRole('button', { name: 'New item' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Title').fill('Weekly tip')
    await dialog.getByLabel('Text').fill(`Tip of the week ${stamp}`)
    await dialog.getByLabel('Tags').fill('tips, weekly')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await page.getByTestId('library-item').filter({ hasText: 'Weekly tip' }).waitFor()
    await shots(page, 'journey-library')
    await checkPage(page, 'library')
    await page.getByRole('button', { name: 'Use Weekly tip' }).click()
    await page.getByRole('heading', { name: 'Compose' }).waitFor()
    expect((await page.getByLabel('Post text').inputValue()) === `Tip of the week ${stamp}`, 'compose is prefilled from the library item')

    // Issue 19 (e2e/posttypes.steps.mjs): a LinkedIn Page and Instagram login connected, an X
    // thread with a first reply, a Reel with a first comment, a post as the Page; every URL.
    await postTypesJourney({
      page,
      baseUrl: BASE_URL,
      stamp,
      linkedinUsername: PLATFORMS[1].username,
      setStep: (name) => (step = name),
      checkPage,
      shots,
      expect,
      publishTimeout: PUBLISH_TIMEOUT,
    })

    step = 'settings'
    await page.getByRole('link', { name: 'Settings' }).first().click()
    await page.getByRole('form', { name: 'Time zone' }).waitFor()
    await checkPage(page, 'settings')

    await workspaceJourney({ browser, page, baseUrl: BASE_URL, stamp, owner: account, setStep: (name) => (step = name), checkPage, shots, expect, watch, timeout: TIMEOUT })

    const pageErrors = problems.filter((p) => p.startsWith('page error'))
    expect(pageErrors.length === 0, `no uncaught page errors (${pageErrors.join('; ')})`)
  } catch (error) {
    try {
      await shot(page, 'journey-failure')
    } catch {
      // The page may be gone; the error below is what matters.
    }
    throw error
  } finally {
    await context.close()
  }
}

await mkdir(ARTIFACTS, { recursive: true })
console.log(`journey: ${BASE_URL} as ${account.email}`)
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: !process.env.HEADFUL,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'].filter(
    (arg) => !(process.env.HEADFUL && arg === '--headless'),
  ),
})
try {
  await run(browser)
  console.log('journey: PASS')
  console.log(`  axe serious/critical violations per page: ${accessibility.join(', ')}`)
  if (problems.length) console.log(`  (browser console noted: ${problems.join(' | ')})`)
} catch (error) {
  console.error(`journey: FAIL at step "${step}": ${error instanceof Error ? error.message : error}`)
  if (problems.length) console.error(`  browser: ${problems.join('\n  browser: ')}`)
  process.exitCode = 1
} finally {
  await browser.close()
}
