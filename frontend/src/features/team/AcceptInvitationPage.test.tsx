import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { AppRoutes } from '../../app/AppRoutes'
import { fakeServer, type FakeResponse } from '../../test/fakeServer'
import { makeUser, renderWithStore, signedIn, signedOut } from '../../test/render'
import { makeWorkspace, personalWorkspace } from '../workspaces/fixtures'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

const TOKEN = 'tok-123'
const ROUTE = `/invitations/accept?token=${TOKEN}`
const preview = { workspace_name: 'Acme', email: 'bob@example.com', role: 'editor', invited_by_email: 'ada@example.com', expires_at: '2030-01-08T10:00:00Z' }
const bob = makeUser({ id: 'u-bob', email: 'bob@example.com', full_name: 'Bob Builder' })
const joined = makeWorkspace({ role: 'editor', owner_id: 'u-1' })

function serve(routes: Record<string, () => FakeResponse> = {}) {
  server = fakeServer({
    [`GET /invitations/${TOKEN}`]: () => ({ status: 200, body: preview }),
    'GET /workspaces': () => ({ status: 200, body: { items: [personalWorkspace({ id: 'u-bob', name: 'Bob Builder' }), joined] } }),
    'GET /workspaces/ws-acme/members': () => ({ status: 200, body: { items: [] } }),
    'GET /workspaces/ws-acme/invitations': () => ({ status: 200, body: { items: [] } }),
    'GET /social-accounts': () => ({ status: 200, body: { items: [] } }),
    'GET /notifications': () => ({ status: 200, body: { items: [], unread: 0 } }),
    ...routes,
  })
  return server
}

describe('accepting an invitation', () => {
  it('signed out: names the workspace, role and inviter; log in comes back here with the token and the address filled in', async () => {
    const s = serve({
      'POST /auth/login': () => ({ status: 200, body: { access_token: 'a1', refresh_token: 'r', token_type: 'bearer', expires_in: 900, user: bob } }),
      [`POST /invitations/${TOKEN}/accept`]: () => ({ status: 200, body: joined }),
    })
    const { router, store } = renderWithStore(<AppRoutes />, { auth: signedOut, route: ROUTE })
    expect(await screen.findByTestId('invitation-workspace')).toHaveTextContent('Acme')
    expect(screen.getByTestId('invitation-summary')).toHaveTextContent('ada@example.com invites bob@example.com to join')
    expect(screen.getByTestId('invitation-summary')).toHaveTextContent('as Editor')
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup')

    const ux = userEvent.setup()
    await ux.click(screen.getByRole('link', { name: 'Log in to accept' }))
    expect(await screen.findByLabelText('E-mail')).toHaveValue('bob@example.com')
    await ux.type(screen.getByLabelText('Password'), 'correct-horse-1')
    await ux.click(screen.getByRole('button', { name: 'Log in' }))

    // Back on the invitation, token kept, now signed in as the invited address.
    const accept = await screen.findByRole('button', { name: 'Accept and join Acme' })
    expect(router.state.location.pathname + router.state.location.search).toBe(ROUTE)
    await ux.click(accept)
    await waitFor(() => expect(router.state.location.pathname).toBe('/team'))
    expect(s.callsTo(`POST /invitations/${TOKEN}/accept`)).toHaveLength(1)
    expect(store.getState().workspace.currentId).toBe('ws-acme')
    expect(localStorage.getItem('sf_workspace:u-bob')).toBe('ws-acme')
  })

  it('signed up from the invitation: the sign-up form has the address and returns here', async () => {
    serve({ 'POST /auth/register': () => ({ status: 201, body: { access_token: 'a1', refresh_token: 'r', token_type: 'bearer', expires_in: 900, user: bob } }) })
    const { router } = renderWithStore(<AppRoutes />, { auth: signedOut, route: ROUTE })
    const ux = userEvent.setup()
    await ux.click(await screen.findByRole('link', { name: 'Create an account' }))
    expect(await screen.findByLabelText('E-mail')).toHaveValue('bob@example.com')
    await ux.type(screen.getByLabelText('Full name'), 'Bob Builder')
    await ux.type(screen.getByLabelText('Password'), 'correct-horse-1')
    await ux.click(screen.getByRole('button', { name: 'Create account' }))
    expect(await screen.findByRole('button', { name: 'Accept and join Acme' })).toBeInTheDocument()
    expect(router.state.location.search).toBe(`?token=${TOKEN}`)
  })

  it('signed in as someone else: says so and offers to sign in as the invited address', async () => {
    serve()
    renderWithStore(<AppRoutes />, { auth: signedIn(), route: ROUTE })
    expect(await screen.findByText("You're signed in as someone else")).toBeInTheDocument()
    expect(screen.getByText(/This invitation is for bob@example.com, and you're signed in as ada@example.com/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Log out and sign in as bob@example.com' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Accept/ })).toBeNull()
  })

  it('403 wrong_invitee from the server is explained, not a crash', async () => {
    serve({
      [`POST /invitations/${TOKEN}/accept`]: () => ({
        status: 403,
        body: { error: { code: 'wrong_invitee', message: 'This invitation is for bob@example.com; sign in with that address to accept it.' } },
      }),
    })
    const { store } = renderWithStore(<AppRoutes />, { auth: signedIn(bob), route: ROUTE })
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Accept and join Acme' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('This invitation is for someone elseIt was sent to bob@example.com: log in with that address to accept it.')
    expect(store.getState().workspace.currentId).not.toBe('ws-acme')
  })

  it('410 when accepting (used meanwhile): the server’s reason, and no second try', async () => {
    serve({ [`POST /invitations/${TOKEN}/accept`]: () => ({ status: 410, body: { error: { code: 'gone', message: 'This invitation has already been used.' } } }) })
    renderWithStore(<AppRoutes />, { auth: signedIn(bob), route: ROUTE })
    const accept = await screen.findByRole('button', { name: 'Accept and join Acme' })
    await userEvent.setup().click(accept)
    expect(await screen.findByRole('alert')).toHaveTextContent('This invitation can no longer be usedThis invitation has already been used.')
    expect(accept).toBeDisabled()
  })

  it('410 on opening the link (expired or revoked): the reason instead of the invitation', async () => {
    serve({ [`GET /invitations/${TOKEN}`]: () => ({ status: 410, body: { error: { code: 'gone', message: 'This invitation has expired; ask for a new one.' } } }) })
    renderWithStore(<AppRoutes />, { auth: signedOut, route: ROUTE })
    expect(await screen.findByRole('alert')).toHaveTextContent('This invitation can no longer be usedThis invitation has expired; ask for a new one.')
    expect(screen.queryByRole('link', { name: 'Log in to accept' })).toBeNull()
  })

  it('a link without its token says so', async () => {
    serve()
    renderWithStore(<AppRoutes />, { auth: signedOut, route: '/invitations/accept' })
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is incomplete')
  })
})
