import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route, Routes } from 'react-router-dom'
import AuthenticatedLayout from '../../app/AuthenticatedLayout'
import BillingPage from '../billing/BillingPage'
import LibraryPage from '../library/LibraryPage'
import PlatformsPage from '../platforms/PlatformsPage'
import SchedulePage from '../schedule/SchedulePage'
import TeamPage from '../team/TeamPage'
import { fakeServer, type FakeResponse } from '../../test/fakeServer'
import { inWorkspace, renderWithStore, signedIn } from '../../test/render'
import { makeMember, makeWorkspace, personalWorkspace } from './fixtures'
import type { Role } from './types'
import { WritersOnly } from './WritersOnly'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())
beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver
})

const auth = signedIn()
const now = new Date().toISOString()
const post = { id: 'p1', title: null, content: 'Launch day', status: 'scheduled', platforms: ['twitter'], published_at: null, scheduled_for: now, created_at: now, updated_at: now }
const account = {
  id: 'a1',
  platform: 'twitter',
  platform_user_id: '1',
  username: 'acme',
  display_name: 'Acme',
  avatar_url: null,
  follower_count: 10,
  status: 'active',
  status_reason: null,
  sandbox: true,
  choices: [],
  created_at: now,
}
const subscription = {
  tier: 'free',
  plan_name: 'Free',
  status: 'inactive',
  interval: null,
  current_period_end: null,
  cancel_at_period_end: false,
  usage: { posts_this_month: 1, posts_per_month: 10, connected_accounts: 1, connected_accounts_limit: 2 },
  features: [],
}

/** The dashboard in Acme as `role`; `extra` routes override the defaults. */
function serve(role: Role, extra: Record<string, () => FakeResponse> = {}) {
  server = fakeServer({
    'GET /workspaces': () => ({ status: 200, body: { items: [personalWorkspace(), makeWorkspace({ role })] } }),
    'GET /notifications': () => ({ status: 200, body: { items: [], unread: 0 } }),
    'GET /posts/calendar': () => ({ status: 200, body: [{ id: 'p1', at: now, content: 'Launch day', kind: 'scheduled', platforms: ['twitter'], status: 'scheduled', title: null }] }),
    'GET /posts': () => ({ status: 200, body: { items: [post], total: 1, limit: 10, offset: 0 } }),
    'GET /posts/p1': () => ({ status: 200, body: { ...post, platform_posts: [], problems: [], media_ids: [] } }),
    'GET /library': () => ({
      status: 200,
      body: {
        items: [{ id: 'l1', title: 'Weekly tip', content: 'Tip', is_template: false, template_name: null, tags: [], media_ids: [], created_at: now, updated_at: now }],
        total: 1,
        limit: 20,
        offset: 0,
      },
    }),
    'GET /library/tags': () => ({ status: 200, body: { tags: [] } }),
    'GET /social-accounts': () => ({ status: 200, body: { items: [account] } }),
    'GET /social-accounts/platforms': () => ({ status: 200, body: { items: [{ platform: 'twitter', display_name: 'X (Twitter)', sandbox: true, capabilities: {} }] } }),
    'GET /billing/subscription': () => ({ status: 200, body: subscription }),
    'GET /billing/plans': () => ({
      status: 200,
      body: { plans: [{ slug: 'pro', name: 'Pro', currency: 'usd', price_monthly: 7900, price_yearly: 79000, posts_per_month: -1, connected_accounts_limit: 10, features: [] }] },
    }),
    'GET /workspaces/ws-acme/members': () => ({ status: 200, body: { items: [makeMember({ role })] } }),
    'GET /workspaces/ws-acme/invitations': () => ({ status: 200, body: { items: [] } }),
    ...extra,
  })
  return server
}

function renderAs(role: Role, page: React.ReactElement, route = '/page', extra: Record<string, () => FakeResponse> = {}) {
  const s = serve(role, extra)
  const ui = (
    <Routes>
      <Route element={<AuthenticatedLayout />}>
        <Route path="/posts/:id" element={<WritersOnly>{<p>The editor</p>}</WritersOnly>} />
        <Route path="/compose" element={<WritersOnly>{<p>The editor</p>}</WritersOnly>} />
        <Route path="*" element={page} />
      </Route>
    </Routes>
  )
  return { server: s, ...renderWithStore(ui, { auth, route, workspace: inWorkspace(auth, 'ws-acme') }) }
}

const nav = () => within(screen.getAllByRole('navigation', { name: 'Main' })[0])

describe('a viewer sees no write buttons', () => {
  it('shows the role in the top bar; no Compose or Activity in the navigation', async () => {
    renderAs('viewer', <p>page</p>)
    expect(await screen.findByTestId('current-role')).toHaveTextContent('Viewer')
    expect(nav().getByRole('link', { name: 'Schedule' })).toBeInTheDocument()
    expect(nav().getByRole('link', { name: 'Team' })).toBeInTheDocument()
    expect(nav().queryByRole('link', { name: 'Compose' })).toBeNull()
    expect(nav().queryByRole('link', { name: 'Activity' })).toBeNull()
  })

  it('schedule: no New post, no selecting or deleting, no Unschedule/Duplicate, nothing to drag', async () => {
    renderAs('viewer', <SchedulePage />)
    expect(await screen.findByText('Launch day', { selector: 'a' })).toBeInTheDocument()
    await screen.findByTestId('calendar-item')
    expect(screen.queryByRole('link', { name: 'New post' })).toBeNull()
    expect(screen.queryByLabelText('Select all on this page')).toBeNull()
    expect(screen.queryByRole('checkbox')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Unschedule' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Duplicate' })).toBeNull()
    expect(screen.getByTestId('calendar-item')).toHaveAttribute('draggable', 'false')
  })

  it('library: reads items, offers no New item, Use, Edit or Delete', async () => {
    renderAs('viewer', <LibraryPage />)
    expect(await screen.findByText('Weekly tip')).toBeInTheDocument()
    for (const name of ['New item', 'Use Weekly tip', 'Edit', 'Delete']) expect(screen.queryByRole('button', { name })).toBeNull()
  })

  it('compose says why there is nothing to write with; a post opens read-only', async () => {
    const { router } = renderAs('viewer', <p>page</p>, '/compose')
    expect(await screen.findByText(/You are a viewer in Acme: you can read posts, the calendar and analytics, but not change anything/)).toBeInTheDocument()
    expect(screen.queryByText('The editor')).toBeNull()
    await router.navigate('/posts/p1')
    expect(await screen.findByTestId('read-only-post')).toHaveTextContent('Launch day')
    expect(screen.queryByText('The editor')).toBeNull()
  })

  it('platforms: the accounts and their health, no connect, disconnect or refresh', async () => {
    renderAs('viewer', <PlatformsPage />)
    expect(await screen.findByTestId('account-row')).toHaveTextContent('@acme · X')
    for (const name of [/^Connect/, /^Disconnect/, /^Refresh/]) expect(screen.queryByRole('button', { name })).toBeNull()
  })
})

describe('an editor writes but manages nothing', () => {
  it('platforms: accounts listed without Connect/Disconnect; compose is open', async () => {
    const { router } = renderAs('editor', <PlatformsPage />)
    expect(await screen.findByTestId('account-row')).toHaveTextContent('@acme · X')
    expect(screen.getByText(/Its admins connect and disconnect them/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Connect/ })).toBeNull()
    expect(screen.queryByRole('button', { name: /^Disconnect/ })).toBeNull()
    expect(nav().getByRole('link', { name: 'Compose' })).toBeInTheDocument()
    await router.navigate('/compose')
    expect(await screen.findByText('The editor')).toBeInTheDocument()
  })

  it('billing: the plan is shown, upgrades and the portal are the owner’s', async () => {
    renderAs('editor', <BillingPage />)
    expect(await screen.findByTestId('current-plan')).toHaveTextContent('Free')
    expect(screen.getByText(/Only the owner of Acme changes its plan/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Upgrade to Pro' })).toBeNull()
  })

  it('team: members listed, no invite form, no role changes; can leave', async () => {
    renderAs('editor', <TeamPage />)
    expect(await screen.findByTestId('member-row')).toBeInTheDocument()
    expect(screen.getByTestId('team-role')).toHaveTextContent('Editor')
    expect(screen.queryByRole('form', { name: 'Invite a member' })).toBeNull()
    expect(screen.queryByRole('combobox', { name: /Role of/ })).toBeNull()
    expect(screen.getByRole('button', { name: 'Leave workspace' })).toBeInTheDocument()
  })

  it('a refusal the UI did not foresee (403 forbidden_role) is a clear message, and the role is read again', async () => {
    const { server: s } = renderAs('editor', <SchedulePage />, '/page', {
      'POST /posts/p1/duplicate': () => ({
        status: 403,
        body: { error: { code: 'forbidden_role', message: 'Your role here (viewer) cannot do this: it needs editor.', details: { required_role: 'editor', role: 'viewer' } } },
      }),
    })
    const duplicate = await screen.findByRole('button', { name: 'Duplicate' })
    const lists = s.callsTo('GET /workspaces').length
    await userEvent.setup().click(duplicate)
    expect(await screen.findByRole('alert')).toHaveTextContent('Your role here (viewer) cannot do this: it needs editor.')
    await waitFor(() => expect(s.callsTo('GET /workspaces').length).toBeGreaterThan(lists))
  })
})

describe('the owner', () => {
  it('connects accounts and changes the plan', async () => {
    renderAs('owner', <PlatformsPage />)
    expect(await screen.findByRole('button', { name: 'Connect X (Twitter)' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Disconnect Acme' })).toBeInTheDocument()
    expect(nav().getByRole('link', { name: 'Activity' })).toBeInTheDocument()
  })
})
