// Issue 19 in the browser journey: the post types people use. A LinkedIn Page the member
// administers is added as an account of its own, Instagram is connected with Instagram login
// (no Facebook Page), then: a 3-part X thread with a first reply, an Instagram Reel with a
// first comment, and a post as the LinkedIn Page; the post page shows every part's URL and
// each first comment's URL.
//
// Called by journey.e2e.mjs with its helpers (the page is the journey's signed-in user, on a
// plan that connects more than two accounts; X and LinkedIn are connected).
import { execFileSync } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A real vertical MP4 (1080x1920, 6 s) made by the repo's test media writer. */
async function writeVerticalMp4() {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'journey-reel-')), 'reel.mp4')
  const python = process.env.JOURNEY_PYTHON ?? path.join(REPO, '.venv', 'bin', 'python')
  const code = 'import sys; from tests.media.files import mp4; open(sys.argv[1], "wb").write(mp4(1080, 1920, seconds=6.0))'
  execFileSync(python, ['-c', code, file], { cwd: REPO })
  return file
}

/** Compose a new post for the accounts whose checkbox names match `chips`. */
async function compose(page, text, chips) {
  await page.getByRole('link', { name: 'Compose' }).first().click()
  await page.getByRole('heading', { name: 'Compose' }).waitFor()
  await page.getByLabel('Post text').fill(text)
  for (const chip of chips) await page.getByRole('checkbox', { name: chip }).check({ force: true })
}

/** The hrefs of the links named `name` inside `scope`, once there are `count` of them. */
async function links(scope, name, count, timeout) {
  const found = scope.getByRole('link', { name })
  await found.nth(count - 1).waitFor({ timeout })
  return found.evaluateAll((els) => els.map((el) => el.getAttribute('href')))
}

/**
 * @param {object} j
 * @param {import('playwright-core').Page} j.page
 * @param {string} j.baseUrl
 * @param {string} j.stamp
 * @param {string} j.linkedinUsername the LinkedIn member the journey connected
 * @param {(name: string) => void} j.setStep
 * @param {(page: import('playwright-core').Page, name: string) => Promise<void>} j.checkPage
 * @param {(page: import('playwright-core').Page, name: string) => Promise<void>} j.shots
 * @param {(condition: unknown, message: string) => void} j.expect
 * @param {number} j.publishTimeout
 */
export async function postTypesJourney({ page, baseUrl, stamp, linkedinUsername, setStep, checkPage, shots, expect, publishTimeout }) {
  const urls = []

  setStep('19 LinkedIn: add a Page you administer as an account of its own')
  await page.getByRole('link', { name: 'Platforms' }).first().click()
  await page.getByRole('heading', { name: 'Platforms' }).waitFor()
  const pages = page.getByRole('form', { name: 'LinkedIn Pages you administer' })
  // The sandbox names the member's Pages "<Name> Inc" (administrator) and "<Name> Labs".
  const pageName = (await pages.locator('label').filter({ hasText: / Inc$/ }).first().textContent()).trim()
  expect(pageName.length > 4, `the Pages of ${linkedinUsername} are offered (${pageName})`)
  await pages.getByRole('checkbox', { name: pageName }).check()
  await pages.getByRole('button', { name: 'Add as an account' }).click()
  await pages
    .getByRole('status')
    .filter({ hasText: `Added ${pageName}` })
    .waitFor()
  await page
    .getByTestId('account-row')
    .filter({ has: page.getByText('Company Page', { exact: true }) })
    .waitFor()

  setStep('19 Instagram: connect with Instagram login (no Facebook Page)')
  const instagram = page.getByRole('listitem', { name: 'Instagram: two ways to connect' })
  await instagram.getByText('no Facebook Page needed').waitFor()
  await instagram.getByRole('button', { name: 'Connect with Instagram login' }).click()
  await page.getByRole('button', { name: 'Authorize app' }).waitFor()
  await page.getByLabel(/Sandbox account/i).fill(`ig_${stamp}`.slice(0, 20))
  await page.getByRole('button', { name: 'Authorize app' }).click()
  await page.waitForURL(/\/platforms/)
  await page.getByText('Account connected.').waitFor()
  await page
    .getByTestId('account-row')
    .filter({ hasText: `@ig_${stamp}`.slice(0, 21) })
    .waitFor()
  await shots(page, 'journey-platforms-post-types')
  await checkPage(page, 'platforms (Instagram login, LinkedIn Page)')

  setStep('19 X: a 3-part thread with a first reply, each part counted as X counts it')
  await compose(page, `Thread ${stamp} 1/3: what we shipped this week`, [/^X: /])
  const x = page.getByRole('group', { name: 'X thread and first reply' })
  await x.getByRole('button', { name: 'Add to thread' }).click()
  await x.getByLabel('Thread part 2').fill(`Thread ${stamp} 2/3: threads, first comments, Reels and Pages`)
  await x.getByRole('button', { name: 'Add to thread' }).click()
  await x.getByLabel('Thread part 3').fill(`Thread ${stamp} 3/3: thanks for reading 🙏`)
  await x.getByLabel('First reply (X)').fill(`Read more: https://example.com/notes/${stamp}`)
  // Part 3 is counted by X's weights (the emoji counts 2): from POST /api/posts/check.
  const part3 = `Thread ${stamp} 3/3: thanks for reading 🙏`
  const weighted = [...part3].length + 1
  await x.getByTestId('thread-part').nth(1).getByLabel(`${weighted} of 280 characters`).waitFor()
  const preview = page.getByRole('figure', { name: 'X thread preview' })
  await preview.getByRole('article', { name: 'First reply' }).waitFor()
  expect((await preview.getByTestId('x-part').count()) === 4, 'the preview shows the thread: 3 parts and the first reply')
  await shots(page, 'journey-compose-thread')
  await checkPage(page, 'compose (X thread)')
  await page.getByRole('button', { name: 'Publish now' }).click()
  await page.waitForURL(/\/posts\//)
  await page.getByTestId('target-twitter').locator('[data-status="published"]').first().waitFor({ timeout: publishTimeout })
  const thread = page.getByRole('list', { name: 'Thread on X' })
  const partUrls = await links(thread, /^View part \d$/, 3, publishTimeout)
  const replyUrls = await links(page.getByTestId('first-comment-twitter'), 'View first reply', 1, publishTimeout)
  expect(new Set(partUrls).size === 3 && partUrls.every((u) => /\/status\/\d+$/.test(u)), `three distinct part URLs (${partUrls.join(', ')})`)
  expect(!partUrls.includes(replyUrls[0]), 'the first reply has its own URL')
  urls.push(...partUrls, ...replyUrls)
  await shots(page, 'journey-thread-published')
  await checkPage(page, 'post (X thread published)')

  setStep('19 Instagram: a Reel with a first comment')
  const reel = await writeVerticalMp4()
  await compose(page, `Reel ${stamp}: behind the scenes`, [/^Instagram: /])
  await page.getByLabel('Upload media').setInputFiles(reel)
  await page.getByRole('list', { name: 'Attached media' }).locator('video').waitFor({ timeout: 60_000 })
  const ig = page.getByRole('group', { name: 'Instagram settings' })
  await ig.getByRole('radio', { name: /^Reel/ }).check()
  await ig.getByLabel('First comment (Instagram)').fill(`#behindthescenes #${stamp}`)
  await page.getByRole('figure', { name: 'Instagram Reel preview' }).waitFor()
  await page.getByLabel('First comment preview').filter({ hasText: '#behindthescenes' }).waitFor()
  await shots(page, 'journey-compose-reel')
  await page.getByRole('button', { name: 'Publish now' }).click()
  await page.waitForURL(/\/posts\//)
  const igTarget = page.getByTestId('target-instagram')
  await igTarget.locator('[data-status="published"]').first().waitFor({ timeout: publishTimeout })
  const [reelUrl] = await links(igTarget, 'View on Instagram', 1, publishTimeout)
  expect(/\/reel\//.test(reelUrl), `the Reel's URL is a /reel/ link (${reelUrl})`)
  const [commentUrl] = await links(page.getByTestId('first-comment-instagram'), 'View first comment', 1, publishTimeout)
  urls.push(reelUrl, commentUrl)
  await shots(page, 'journey-reel-published')

  setStep('19 LinkedIn: a post as the Page')
  await compose(page, `Company news ${stamp}: we are hiring`, [new RegExp(`^LinkedIn: ${pageName}`)])
  await page.getByRole('figure', { name: 'LinkedIn preview' }).getByText(pageName).waitFor()
  await page.getByRole('button', { name: 'Publish now' }).click()
  await page.waitForURL(/\/posts\//)
  const li = page.getByTestId('target-linkedin')
  await li.locator('[data-status="published"]').first().waitFor({ timeout: publishTimeout })
  // The target names the Page by its vanity name (the sandbox's "<name>-inc").
  const vanity = pageName.toLowerCase().replace(/ /g, '-')
  expect((await li.textContent()).includes(`@${vanity}`), `the post went out as the Page (@${vanity})`)
  const [pageUrl] = await links(li, 'View on LinkedIn', 1, publishTimeout)
  urls.push(pageUrl)
  await checkPage(page, 'post (LinkedIn Page)')

  // Instagram gives a comment no link of its own: its first comment links to the Reel.
  console.log(`  issue 19 URLs seen: ${urls.join(' ')}`)
  return { baseUrl, urls }
}
