import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import PlatformsPage from './PlatformsPage'
import { fakeServer } from '../../test/fakeServer'
import { renderWithStore, signedIn } from '../../test/render'
import type { SocialAccount } from './types'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

const account = (over: Partial<SocialAccount>): SocialAccount => ({
  id: 'a1',
  platform: 'twitter',
  platform_user_id: '1',
  username: 'ada',
  display_name: 'Ada',
  avatar_url: null,
  follower_count: 1520,
  status: 'active',
  status_reason: null,
  token_expires_at: null,
  last_synced_at: null,
  created_at: '2026-11-01T00:00:00Z',
  sandbox: true,
  choices: [],
  ...over,
})
const platforms = {
  items: [
    { platform: 'twitter', display_name: 'X (Twitter)', sandbox: true, capabilities: {} },
    { platform: 'linkedin', display_name: 'LinkedIn', sandbox: false, capabilities: {} },
  ],
}

function serve(accounts: SocialAccount[]) {
  server = fakeServer({
    'GET /social-accounts': () => ({ status: 200, body: { items: accounts } }),
    'GET /social-accounts/platforms': () => ({ status: 200, body: platforms }),
    'POST /social-accounts/connect': () => ({ status: 200, body: { authorization_url: 'http://127.0.0.1/sandbox/linkedin/authorize?state=s' } }),
    'DELETE /social-accounts/a1': () => ({ status: 204 }),
  })
}

describe('platforms page', () => {
  it('lists accounts with name, handle, followers, health and the reason', async () => {
    serve([account({}), account({ id: 'a2', platform: 'instagram', username: 'ada.ig', status: 'needs_reauth', status_reason: 'Instagram access has expired; please reconnect the account' })])
    renderWithStore(<PlatformsPage />, { auth: signedIn() })
    const rows = await screen.findAllByTestId('account-row')
    expect(rows[0]).toHaveTextContent('@ada · X · 1.5K followers')
    expect(within(rows[0]).getByText('Active')).toBeInTheDocument()
    expect(within(rows[1]).getByText('Needs reconnecting')).toBeInTheDocument()
    expect(rows[1]).toHaveTextContent('Instagram access has expired; please reconnect the account')
    expect(within(rows[1]).getByRole('button', { name: 'Reconnect' })).toBeInTheDocument()
    expect(within(rows[0]).queryByRole('button', { name: 'Reconnect' })).toBeNull()
  })

  it('shows an empty state and the platforms to connect, marking sandbox ones', async () => {
    serve([])
    renderWithStore(<PlatformsPage />, { auth: signedIn() })
    expect(await screen.findByText('No accounts yet')).toBeInTheDocument()
    const x = (await screen.findByRole('button', { name: 'Connect X (Twitter)' })).closest('li')!
    expect(x).toHaveTextContent('Sandbox')
    expect(screen.getByRole('button', { name: 'Connect LinkedIn' }).closest('li')).not.toHaveTextContent('Sandbox')
  })

  it('Connect asks for the authorization URL and sends the browser there', async () => {
    serve([])
    const assign = vi.fn()
    vi.stubGlobal('location', { ...window.location, assign })
    renderWithStore(<PlatformsPage />, { auth: signedIn() })
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Connect LinkedIn' }))
    await waitFor(() => expect(assign).toHaveBeenCalledWith('http://127.0.0.1/sandbox/linkedin/authorize?state=s'))
    expect(server!.callsTo('POST /social-accounts/connect')[0].body).toEqual({ platform: 'linkedin' })
    vi.unstubAllGlobals()
  })

  it('a reconnect link from a notice puts that account first with a one-click Reconnect', async () => {
    serve([account({}), account({ id: 'a2', platform: 'linkedin', username: 'ada.li' })])
    const assign = vi.fn()
    vi.stubGlobal('location', { ...window.location, assign })
    renderWithStore(<PlatformsPage />, { auth: signedIn(), route: '/platforms?reconnect=a2' })
    const prompt = await screen.findByText('Reconnect @ada.li on LinkedIn')
    expect(prompt).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Reconnect now' }))
    await waitFor(() => expect(assign).toHaveBeenCalledWith('http://127.0.0.1/sandbox/linkedin/authorize?state=s'))
    expect(server!.callsTo('POST /social-accounts/connect')[0].body).toMatchObject({ platform: 'linkedin', account_id: 'a2' })
    vi.unstubAllGlobals()
  })

  it('reports the OAuth outcome from the URL', async () => {
    serve([account({})])
    renderWithStore(<PlatformsPage />, { auth: signedIn(), route: '/platforms?error=access_denied&message=You%20cancelled%20on%20LinkedIn.' })
    expect(await screen.findByRole('alert')).toHaveTextContent('You cancelled on LinkedIn.')
  })

  it('disconnects after confirmation', async () => {
    serve([account({})])
    renderWithStore(<PlatformsPage />, { auth: signedIn() })
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'Disconnect Ada' }))
    const dialog = await screen.findByRole('dialog')
    expect(server!.callsTo('DELETE /social-accounts/a1')).toHaveLength(0)
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }))
    await waitFor(() => expect(server!.callsTo('DELETE /social-accounts/a1')).toHaveLength(1))
  })
})

describe('plan limits before the consent screen (issue 21.10)', () => {
  it('shows "2 of 2 accounts used", disables Connect and links to the upgrade', async () => {
    server = fakeServer({
      'GET /social-accounts': () => ({ status: 200, body: { items: [account({}), account({ id: 'a2', platform: 'linkedin', username: null, display_name: 'Ada L' })] } }),
      'GET /social-accounts/platforms': () => ({ status: 200, body: platforms }),
      'GET /billing/subscription': () => ({
        status: 200,
        body: {
          tier: 'free',
          plan_name: 'Free',
          status: 'active',
          interval: null,
          current_period_end: null,
          cancel_at_period_end: false,
          features: [],
          usage: { posts_this_month: 0, posts_per_month: 10, connected_accounts: 2, connected_accounts_limit: 2 },
        },
      }),
    })
    renderWithStore(<PlatformsPage />, { auth: signedIn() })
    expect(await screen.findByTestId('accounts-used')).toHaveTextContent('2 of 2 accounts used')
    expect(screen.getByRole('button', { name: 'Connect LinkedIn' })).toBeDisabled()
    expect(screen.getByRole('link', { name: 'Upgrade to connect more' })).toHaveAttribute('href', '/billing')
  })
})

describe('the Facebook Page picker says what happened (issue 21.12)', () => {
  const pages = [
    { id: 'p1', name: 'Ada Bakery' },
    { id: 'p2', name: 'Ada Books' },
  ]
  const facebook = account({ id: 'fb', platform: 'facebook', platform_user_id: 'p1', username: null, display_name: 'Ada Bakery', choices: pages })

  it('shows the current Page, a pending state, then the Page it now posts to', async () => {
    let current = facebook
    server = fakeServer({
      'GET /social-accounts': () => ({ status: 200, body: { items: [current] } }),
      'GET /social-accounts/platforms': () => ({ status: 200, body: platforms }),
      'POST /social-accounts/fb/select': () => {
        current = { ...facebook, platform_user_id: 'p2', display_name: 'Ada Books' }
        return { status: 200, body: current, delayMs: 150 }
      },
    })
    const user = userEvent.setup()
    renderWithStore(<PlatformsPage />, { auth: signedIn() })
    const picker = await screen.findByRole('combobox', { name: 'Page to post to' })
    expect(picker).toHaveValue('p1')
    expect(screen.getByRole('option', { name: 'Ada Bakery (posting here now)' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Use this' })).toBeDisabled()
    await user.selectOptions(picker, 'p2')
    await user.click(screen.getByRole('button', { name: 'Use this' }))
    expect(await screen.findByText('Switching to Ada Books…')).toBeInTheDocument()
    expect(await screen.findByText('Now posting to Ada Books.')).toBeInTheDocument()
    expect(server.callsTo('POST /social-accounts/fb/select')[0].body).toEqual({ choice_id: 'p2' })
    expect(screen.queryByText('Switching to Ada Books…')).toBeNull()
    await waitFor(() => expect(screen.getByRole('option', { name: 'Ada Books (posting here now)' })).toBeInTheDocument())
  })

  it('says why a switch failed, next to the picker', async () => {
    server = fakeServer({
      'GET /social-accounts': () => ({ status: 200, body: { items: [facebook] } }),
      'GET /social-accounts/platforms': () => ({ status: 200, body: platforms }),
      'POST /social-accounts/fb/select': () => ({ status: 409, body: { error: { code: 'already_connected', message: 'That one is already connected as another account.' } } }),
    })
    const user = userEvent.setup()
    renderWithStore(<PlatformsPage />, { auth: signedIn() })
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Page to post to' }), 'p2')
    await user.click(screen.getByRole('button', { name: 'Use this' }))
    const form = screen.getByRole('form', { name: 'Page to post to' })
    expect(await within(form).findByRole('alert')).toHaveTextContent("Couldn't switch to Ada Books: That one is already connected as another account.")
  })
})

describe('LinkedIn Pages as accounts of their own (issue 19)', () => {
  const member = account({
    id: 'li',
    platform: 'linkedin',
    platform_user_id: 'sub-1',
    username: null,
    display_name: 'Grace Hopper',
    choices: [
      { id: 'sub-1', name: 'Grace Hopper (profile)' },
      { id: 'urn:li:organization:11', name: 'Hopper Inc' },
      { id: 'urn:li:organization:12', name: 'Hopper Labs' },
    ],
  })
  const inc = account({ id: 'li-inc', platform: 'linkedin', platform_user_id: 'urn:li:organization:11', username: 'hopper-inc', display_name: 'Hopper Inc', choices: member.choices })

  it('lists the Pages the member administers; the ticked ones are added as accounts and the profile stays', async () => {
    let items = [member]
    server = fakeServer({
      'GET /social-accounts': () => ({ status: 200, body: { items } }),
      'GET /social-accounts/platforms': () => ({ status: 200, body: platforms }),
      'POST /social-accounts/li/choices': () => {
        const labs = account({ id: 'li-labs', platform: 'linkedin', platform_user_id: 'urn:li:organization:12', display_name: 'Hopper Labs', choices: member.choices })
        items = [member, inc, labs]
        return { status: 201, body: { items: [inc, labs] } }
      },
    })
    const user = userEvent.setup()
    renderWithStore(<PlatformsPage />, { auth: signedIn() })
    const pages = await screen.findByRole('form', { name: 'LinkedIn Pages you administer' })
    // The member's own profile is not offered here (it is this account), nor the switch picker.
    expect(within(pages).queryByText('Grace Hopper (profile)')).toBeNull()
    expect(screen.queryByRole('combobox', { name: 'Account to post to' })).toBeNull()
    expect(within(pages).getByRole('button', { name: 'Add as an account' })).toBeDisabled()
    await user.click(within(pages).getByRole('checkbox', { name: 'Hopper Inc' }))
    await user.click(within(pages).getByRole('checkbox', { name: 'Hopper Labs' }))
    await user.click(within(pages).getByRole('button', { name: 'Add 2 Pages as accounts' }))
    expect(await within(pages).findByRole('status')).toHaveTextContent('Added Hopper Inc, Hopper Labs: they are in your accounts, ready to post as the Page.')
    expect(server.callsTo('POST /social-accounts/li/choices')[0].body).toEqual({ choice_ids: ['urn:li:organization:11', 'urn:li:organization:12'] })
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(3))
    const rows = screen.getAllByTestId('account-row')
    expect(within(rows[1]).getByText('Company Page')).toBeInTheDocument()
    // Once connected, a Page is shown as such on the member's list and cannot be added twice.
    const again = screen.getByRole('form', { name: 'LinkedIn Pages you administer' })
    expect(within(again).getByRole('checkbox', { name: /Hopper Inc/ })).toBeDisabled()
    expect(within(again).getAllByText('Connected')).toHaveLength(2)
    expect(within(again).queryByRole('button', { name: /Add/ })).toBeNull()
  })

  it('says why Pages could not be added', async () => {
    server = fakeServer({
      'GET /social-accounts': () => ({ status: 200, body: { items: [member] } }),
      'GET /social-accounts/platforms': () => ({ status: 200, body: platforms }),
      'POST /social-accounts/li/choices': () => ({ status: 402, body: { error: { code: 'plan_limit', message: 'Your Free plan connects up to 2 accounts.' } } }),
    })
    const user = userEvent.setup()
    renderWithStore(<PlatformsPage />, { auth: signedIn() })
    const pages = await screen.findByRole('form', { name: 'LinkedIn Pages you administer' })
    await user.click(within(pages).getByRole('checkbox', { name: 'Hopper Inc' }))
    await user.click(within(pages).getByRole('button', { name: 'Add as an account' }))
    expect(await within(pages).findByRole('alert')).toHaveTextContent("Couldn't add the Pages: Your Free plan connects up to 2 accounts.")
  })
})

describe('Instagram: two ways to connect (issue 19)', () => {
  const withInstagram = { items: [...platforms.items, { platform: 'instagram', display_name: 'Instagram', sandbox: true, capabilities: {} }] }

  it('offers Facebook and Instagram login, explains the difference, and sends the chosen method', async () => {
    const pageless = account({ id: 'ig', platform: 'instagram', platform_user_id: '77', username: 'pageless', status: 'needs_reauth', connect_method: 'instagram_login' })
    server = fakeServer({
      'GET /social-accounts': () => ({ status: 200, body: { items: [pageless] } }),
      'GET /social-accounts/platforms': () => ({ status: 200, body: withInstagram }),
      'POST /social-accounts/connect': () => ({ status: 200, body: { authorization_url: 'http://127.0.0.1/sandbox/instagram-login/oauth/authorize?state=s' } }),
    })
    const assign = vi.fn()
    vi.stubGlobal('location', { ...window.location, assign })
    try {
      renderWithStore(<PlatformsPage />, { auth: signedIn() })
      const user = userEvent.setup()
      const instagram = await screen.findByRole('listitem', { name: 'Instagram: two ways to connect' })
      expect(instagram).toHaveTextContent('linked to a Facebook Page you manage')
      expect(instagram).toHaveTextContent('no Facebook Page needed')
      await user.click(within(instagram).getByRole('button', { name: 'Connect with Instagram login' }))
      await waitFor(() => expect(assign).toHaveBeenCalledWith('http://127.0.0.1/sandbox/instagram-login/oauth/authorize?state=s'))
      await user.click(within(instagram).getByRole('button', { name: 'Connect with Facebook' }))
      // An account connected with Instagram login is reconnected the same way.
      await user.click(screen.getByRole('button', { name: 'Reconnect' }))
      await waitFor(() => expect(server!.callsTo('POST /social-accounts/connect')).toHaveLength(3))
      expect(server!.callsTo('POST /social-accounts/connect').map((c) => c.body)).toEqual([
        { platform: 'instagram', method: 'instagram_login' },
        { platform: 'instagram', method: 'facebook_login' },
        { platform: 'instagram', account_id: 'ig', method: 'instagram_login' },
      ])
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
