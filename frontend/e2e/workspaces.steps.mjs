// Issue 14 in the browser journey: create a workspace, meet the Free plan's one seat (402 naming
// the plan that allows more), upgrade it to Business, invite a second user, who signs up from
// the invitation link in a browser of their own, accepts and sees the members page; the owner
// makes them a viewer, who then sees no write buttons, and the API refuses a write anyway.
//
// Called by journey.e2e.mjs with its helpers (the page is the journey's signed-in owner).

/**
 * @param {object} j
 * @param {import('playwright-core').Browser} j.browser
 * @param {import('playwright-core').Page} j.page the owner, signed in
 * @param {string} j.baseUrl
 * @param {string} j.stamp unique per run
 * @param {{ email: string }} j.owner
 * @param {(name: string) => void} j.setStep
 * @param {(page: import('playwright-core').Page, name: string) => Promise<void>} j.checkPage
 * @param {(page: import('playwright-core').Page, name: string) => Promise<void>} j.shots
 * @param {(condition: unknown, message: string) => void} j.expect
 * @param {(page: import('playwright-core').Page) => void} j.watch
 * @param {number} j.timeout
 */
export async function workspaceJourney({ browser, page, baseUrl, stamp, owner, setStep, checkPage, shots, expect, watch, timeout }) {
  const workspace = `Client ${stamp}`
  const member = { fullName: `Sam Second ${stamp}`, email: `second-${stamp}@example.com`, password: `second-horse-${stamp}` }
  const mainNav = (p) => p.getByRole('navigation', { name: 'Main' }).first()

  setStep('14 create a workspace from the switcher')
  await page.getByTestId('workspace-switcher').click()
  await page.getByRole('menuitem', { name: /Create workspace/ }).click()
  const create = page.getByRole('dialog', { name: 'Create a workspace' })
  await create.getByLabel('Workspace name').fill(workspace)
  await create.getByRole('button', { name: 'Create workspace' }).click()
  await page.waitForURL(`${baseUrl}/team`)
  await page.getByTestId('current-workspace').filter({ hasText: workspace }).waitFor()
  await page.getByTestId('team-role').filter({ hasText: 'Owner' }).waitFor()
  await page.getByTestId('member-row').filter({ hasText: owner.email }).waitFor()
  const workspaceId = await page.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith('sf_workspace:'))?.[1])
  expect(workspaceId, 'the new workspace is remembered in this browser')

  setStep("14 the Free plan's single seat: the invitation is refused naming the plan that allows more")
  const invite = page.getByRole('form', { name: 'Invite a member' })
  await invite.getByLabel('E-mail').fill(member.email)
  await invite.getByRole('button', { name: 'Send invitation' }).click()
  await page.getByText(/The Free plan has 1 seat, all taken \(pending invitations count\)\. The \w+ plan allows more\./).waitFor()
  await checkPage(page, 'team (seat limit)')

  setStep('14 upgrade the workspace to Business (3 seats)')
  await page.getByRole('link', { name: 'See plans in Billing' }).click()
  await page.getByTestId('current-plan').filter({ hasText: 'Free' }).waitFor()
  await page.getByRole('button', { name: 'Upgrade to Business' }).click()
  await page.getByRole('button', { name: 'Pay', exact: true }).click()
  await page.waitForURL(/\/billing/)
  await page.getByTestId('current-plan').filter({ hasText: 'Business' }).waitFor({ timeout: 30_000 })
  // Back from the payment page (a full page load): still in the new workspace.
  await page.getByTestId('current-workspace').filter({ hasText: workspace }).waitFor()

  setStep('14 invite a second user as an editor; the link is shown to share')
  await mainNav(page).getByRole('link', { name: 'Team' }).click()
  await page.getByTestId('seats-used').filter({ hasText: 'of 3 used' }).waitFor()
  await invite.getByLabel('E-mail').fill(member.email)
  await invite.getByLabel('Role').selectOption('editor')
  await invite.getByRole('button', { name: 'Send invitation' }).click()
  const link = await page.getByTestId('invitation-url').inputValue()
  expect(link.startsWith(`${baseUrl}/invitations/accept?token=`), `the invitation link opens this dashboard (${link.replace(/token=.*/, 'token=…')})`)
  await page.getByTestId('invitation-row').filter({ hasText: member.email }).waitFor()
  await page.getByTestId('seats-used').filter({ hasText: '2 of 3 used' }).waitFor()
  await shots(page, 'journey-team-invited')
  await checkPage(page, 'team')

  setStep('14 the second user opens the link in their own browser, signs up and accepts')
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Paris' })
  context.setDefaultTimeout(timeout)
  const second = await context.newPage()
  watch(second)
  try {
    await second.goto(link)
    await second.getByTestId('invitation-workspace').filter({ hasText: workspace }).waitFor()
    await second.getByTestId('invitation-summary').filter({ hasText: 'as Editor' }).waitFor()
    await checkPage(second, 'invitation (signed out)')
    await second.getByRole('link', { name: 'Create an account' }).click()
    await second.getByLabel('Full name').fill(member.fullName)
    expect((await second.getByLabel('E-mail').inputValue()) === member.email, 'the sign-up form has the invited address')
    await second.getByLabel('Password').fill(member.password)
    await second.getByRole('button', { name: 'Create account' }).click()
    // Back on the invitation with its token, signed in as the invited address.
    await second.getByRole('button', { name: `Accept and join ${workspace}` }).click()
    await second.waitForURL(`${baseUrl}/team`)

    setStep('14 the new member sees the members page of the workspace they joined')
    await second.getByTestId('current-workspace').filter({ hasText: workspace }).waitFor()
    await second.getByTestId('team-role').filter({ hasText: 'Editor' }).waitFor()
    await second.getByTestId('member-row').filter({ hasText: owner.email }).waitFor()
    await second.getByTestId('member-row').filter({ hasText: member.email }).waitFor()
    await shots(second, 'journey-team-member')
    await checkPage(second, 'team (editor)')

    setStep('14 the owner sees them join and makes them a viewer')
    await page.goto(`${baseUrl}/team`)
    const row = page.getByTestId('member-row').filter({ hasText: member.email })
    await row.getByRole('combobox', { name: /^Role of/ }).selectOption('viewer')
    await page
      .getByTestId('toasts')
      .getByText(/is now Viewer\./)
      .waitFor()
    await page.getByTestId('invitation-row').waitFor({ state: 'detached' })

    setStep('14 a viewer sees no write buttons')
    await second.goto(`${baseUrl}/schedule`)
    await second.getByRole('heading', { name: 'Schedule', exact: true }).waitFor()
    await second.getByTestId('current-role').filter({ hasText: 'Viewer' }).waitFor()
    expect((await mainNav(second).getByRole('link', { name: 'Compose' }).count()) === 0, 'no Compose in a viewer’s navigation')
    expect((await second.getByRole('link', { name: 'New post' }).count()) === 0, 'no New post on the schedule')
    await checkPage(second, 'schedule (viewer)')
    await mainNav(second).getByRole('link', { name: 'Library' }).click()
    await second.getByRole('heading', { name: 'Library' }).waitFor()
    await second.getByText('Your library is empty').waitFor()
    expect((await second.getByRole('button', { name: /New item|Add an item/ }).count()) === 0, 'no library writes')
    await mainNav(second).getByRole('link', { name: 'Platforms' }).click()
    await second.getByText(/Its admins connect and disconnect them/).waitFor()
    expect((await second.getByRole('button', { name: /^(Connect|Disconnect|Reconnect)/ }).count()) === 0, 'no connecting or disconnecting')
    await mainNav(second).getByRole('link', { name: 'Billing' }).click()
    await second.getByText(/Only the owner of .* changes its plan/).waitFor()
    expect((await second.getByRole('button', { name: /^Upgrade to|Manage subscription/ }).count()) === 0, 'no billing actions')
    await second.goto(`${baseUrl}/compose`)
    await second.getByText(/You are a viewer in .*: you can read posts, the calendar and analytics, but not change anything/).waitFor()
    expect((await second.getByLabel('Post text').count()) === 0, 'no editor for a viewer')
    await shots(second, 'journey-viewer-compose')

    setStep('14 the API refuses a viewer’s write anyway (403 forbidden_role)')
    const login = await context.request.post(`${baseUrl}/api/auth/login`, { data: { email: member.email, password: member.password } })
    const { access_token: token } = await login.json()
    const refused = await context.request.post(`${baseUrl}/api/library`, {
      headers: { Authorization: `Bearer ${token}`, 'X-Workspace-Id': workspaceId },
      data: { title: 'Not allowed', content: 'A viewer cannot write this.' },
    })
    const body = await refused.json()
    expect(refused.status() === 403 && body.error?.code === 'forbidden_role', `POST /api/library as a viewer: ${refused.status()} ${JSON.stringify(body.error ?? body)}`)
  } finally {
    await context.close()
  }

  setStep('14 the activity log shows who joined')
  await mainNav(page).getByRole('link', { name: 'Activity' }).click()
  await page.getByRole('heading', { name: 'Activity' }).waitFor()
  await page
    .getByTestId('activity-entry')
    .filter({ hasText: `${member.email} joined as editor` })
    .waitFor()
  await page.getByLabel('Action').selectOption('member.role_changed')
  await page.getByTestId('activity-entry').filter({ hasText: 'to viewer' }).waitFor()
  await shots(page, 'journey-activity')
  await checkPage(page, 'activity')
}
