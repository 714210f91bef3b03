import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import TeamPage from './TeamPage'
import { fakeServer, type FakeResponse } from '../../test/fakeServer'
import { inWorkspace, makeUser, renderWithStore, signedIn } from '../../test/render'
import { makeInvitation, makeMember, makeWorkspace, personalWorkspace } from '../workspaces/fixtures'
import type { Invitation, Member, Workspace } from '../workspaces/types'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => {
  server?.restore()
  vi.unstubAllGlobals()
})
beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver
})

const auth = signedIn(makeUser({ email_verified: true }))
const accounts = [
  { id: 'acc-x', platform: 'twitter', platform_user_id: '1', username: 'acme', display_name: 'Acme', status: 'active' },
  { id: 'acc-li', platform: 'linkedin', platform_user_id: '2', username: null, display_name: 'Acme Inc', status: 'active' },
]
const URL = 'http://127.0.0.1:8123/invitations/accept?token=tok-123'

function serve({ workspace = makeWorkspace(), members = [makeMember()], invitations = [] as Invitation[], extra = {} as Record<string, (req: { body: unknown }) => FakeResponse> } = {}) {
  const state = { members: [...members], invitations: [...invitations] }
  server = fakeServer({
    'GET /workspaces': () => ({ status: 200, body: { items: [personalWorkspace(), workspace] } }),
    'GET /social-accounts': () => ({ status: 200, body: { items: accounts } }),
    'GET /workspaces/ws-acme/members': () => ({ status: 200, body: { items: [...state.members] } }),
    'GET /workspaces/ws-acme/invitations': () => ({ status: 200, body: { items: [...state.invitations] } }),
    'POST /workspaces/ws-acme/invitations': (req) => {
      const body = req.body as { email: string; role: Invitation['role']; account_ids?: string[] | null }
      const inv = makeInvitation({ id: 'inv-new', email: body.email, role: body.role, account_ids: body.account_ids ?? null })
      state.invitations.push(inv)
      return { status: 201, body: { ...inv, url: URL } }
    },
    ...extra,
  })
  return { server, state }
}

function renderTeam(workspace: Workspace = makeWorkspace()) {
  return renderWithStore(<TeamPage />, { auth, route: '/team', workspace: inWorkspace(auth, workspace.id) })
}

describe('team page', () => {
  it('lists members with their role, editors’ accounts and who is read-only; seats used of the limit', async () => {
    const members: Member[] = [
      makeMember(),
      makeMember({ user_id: 'u-2', email: 'eve@example.com', full_name: 'Eve Editor', role: 'editor', account_ids: ['acc-x'] }),
      makeMember({ user_id: 'u-3', email: 'vic@example.com', full_name: null, role: 'viewer', read_only: true }),
    ]
    serve({ workspace: makeWorkspace({ seats_used: 4, seat_limit: 3 }), members })
    renderTeam()
    const rows = await screen.findAllByTestId('member-row')
    expect(rows.map((r) => r.getAttribute('data-email'))).toEqual(['ada@example.com', 'eve@example.com', 'vic@example.com'])
    expect(rows[0]).toHaveTextContent('Owner')
    expect(within(rows[0]).getByText('You')).toBeInTheDocument()
    expect(within(rows[1]).getByRole('combobox', { name: 'Role of Eve Editor' })).toHaveValue('editor')
    expect(within(rows[1]).getByTestId('member-access')).toHaveTextContent('Accounts: X @acme')
    expect(within(rows[2]).getByText('Read-only')).toBeInTheDocument()
    expect(rows[2]).toHaveTextContent("Over the plan's seats: read-only until someone is removed or the plan upgraded.")
    expect(screen.getByTestId('seats-used')).toHaveTextContent('4 of 3 used')
    expect(screen.getByRole('progressbar', { name: 'Seats used' })).toHaveAttribute('aria-valuetext', '4 of 3')
    expect(screen.getByText(/1 member is over the plan's seats/)).toBeInTheDocument()
    expect(screen.getByTestId('team-role')).toHaveTextContent('Owner')
  })

  it('invites an editor limited to some accounts and shows the link once, with a copy button', async () => {
    const { server: s } = serve()
    renderTeam()
    // user-event puts a clipboard of its own on navigator.
    const ux = userEvent.setup()
    const form = await screen.findByRole('form', { name: 'Invite a member' })
    await ux.click(within(form).getByRole('button', { name: 'Send invitation' }))
    expect(within(form).getByLabelText('E-mail')).toHaveAccessibleDescription('Enter the e-mail address to invite.')
    expect(s!.callsTo('POST /workspaces/ws-acme/invitations')).toHaveLength(0)

    await ux.type(within(form).getByLabelText('E-mail'), 'bob@example.com')
    expect(within(form).getByLabelText('Role')).toHaveValue('editor')
    await ux.click(within(form).getByLabelText('Only these accounts'))
    await ux.click(within(form).getByLabelText('LinkedIn Acme Inc'))
    await ux.click(within(form).getByRole('button', { name: 'Send invitation' }))

    expect(await screen.findByTestId('invitation-url')).toHaveValue(URL)
    expect(screen.getByText('Invitation sent to bob@example.com')).toBeInTheDocument()
    expect(screen.getByText(/share it another way/)).toBeInTheDocument()
    expect(s!.callsTo('POST /workspaces/ws-acme/invitations')[0].body).toEqual({ email: 'bob@example.com', role: 'editor', account_ids: ['acc-li'] })
    await ux.click(screen.getByRole('button', { name: 'Copy link' }))
    expect(await navigator.clipboard.readText()).toBe(URL)
    expect(await screen.findByText('Copied to the clipboard.')).toBeInTheDocument()
    // The new invitation is pending below; the link is not kept once dismissed.
    expect(await screen.findByTestId('invitation-row')).toHaveAttribute('data-email', 'bob@example.com')
    await ux.click(screen.getByRole('button', { name: 'Done' }))
    expect(screen.queryByTestId('invitation-url')).toBeNull()
  })

  it('a full plan: the 402 names the plan that allows more and links to Billing', async () => {
    serve({
      workspace: makeWorkspace({ plan: 'pro', seats_used: 2, seat_limit: 2 }),
      extra: {
        'POST /workspaces/ws-acme/invitations': () => ({
          status: 402,
          body: {
            error: { code: 'seat_limit', message: 'The Pro plan has 2 seats and 2 are taken. Upgrade to Business for more.', details: { plan: 'pro', seat_limit: 2, used: 2, upgrade_to: 'business' } },
          },
        }),
      },
    })
    renderTeam(makeWorkspace({ plan: 'pro' }))
    const ux = userEvent.setup()
    const form = await screen.findByRole('form', { name: 'Invite a member' })
    await ux.type(within(form).getByLabelText('E-mail'), 'carol@example.com')
    await ux.selectOptions(within(form).getByLabelText('Role'), 'viewer')
    await ux.click(within(form).getByRole('button', { name: 'Send invitation' }))
    const alert = await screen.findByText(/The Pro plan has 2 seats, all taken \(pending invitations count\)\. The Business plan allows more\./)
    expect(alert.closest('[role="status"]')).toHaveTextContent('No seat left for another member')
    expect(within(alert.closest('[role="status"]') as HTMLElement).getByRole('link', { name: 'See plans in Billing' })).toHaveAttribute('href', '/billing')
    expect(screen.queryByTestId('invitation-url')).toBeNull()
    expect(screen.getByTestId('seats-used')).toHaveTextContent('2 of 2 used')
  })

  it('pending invitations: resend shows the new link, revoke asks first', async () => {
    const { server: s, state } = serve({
      invitations: [makeInvitation()],
      extra: {
        'POST /workspaces/ws-acme/invitations/inv-1/resend': () => ({ status: 200, body: { ...makeInvitation(), url: `${URL}-2` } }),
        'DELETE /workspaces/ws-acme/invitations/inv-1': () => {
          state.invitations = []
          return { status: 204 }
        },
      },
    })
    renderTeam()
    const ux = userEvent.setup()
    const row = await screen.findByTestId('invitation-row')
    expect(row).toHaveTextContent('bob@example.com')
    expect(row).toHaveTextContent('Invited by ada@example.com')
    await ux.click(within(row).getByRole('button', { name: 'Resend the invitation to bob@example.com' }))
    expect(await within(row).findByTestId('invitation-url')).toHaveValue(`${URL}-2`)

    await ux.click(within(row).getByRole('button', { name: 'Revoke the invitation to bob@example.com' }))
    const dialog = screen.getByRole('dialog', { name: 'Withdraw the invitation to bob@example.com?' })
    expect(s!.callsTo('DELETE /workspaces/ws-acme/invitations/inv-1')).toHaveLength(0)
    await ux.click(within(dialog).getByRole('button', { name: 'Revoke' }))
    await waitFor(() => expect(screen.queryByTestId('invitation-row')).toBeNull())
    expect(screen.getByText('No pending invitations')).toBeInTheDocument()
  })

  it('changes a role and removes a member after confirming', async () => {
    const eve = makeMember({ user_id: 'u-2', email: 'eve@example.com', full_name: 'Eve Editor', role: 'editor' })
    const { server: s, state } = serve({
      members: [makeMember(), eve],
      extra: {
        'PATCH /workspaces/ws-acme/members/u-2': (req) => {
          state.members = [makeMember(), { ...eve, ...(req.body as object) }]
          return { status: 200, body: state.members[1] }
        },
        'DELETE /workspaces/ws-acme/members/u-2': () => {
          state.members = [makeMember()]
          return { status: 204 }
        },
      },
    })
    renderTeam()
    const ux = userEvent.setup()
    await ux.selectOptions(await screen.findByRole('combobox', { name: 'Role of Eve Editor' }), 'viewer')
    await waitFor(() => expect(s!.callsTo('PATCH /workspaces/ws-acme/members/u-2')[0]?.body).toEqual({ role: 'viewer' }))
    await ux.click(screen.getByRole('button', { name: 'Remove Eve Editor' }))
    const dialog = screen.getByRole('dialog', { name: 'Remove Eve Editor?' })
    expect(dialog).toHaveTextContent('The posts they wrote stay')
    await ux.click(within(dialog).getByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(screen.getAllByTestId('member-row')).toHaveLength(1))
    expect(s!.callsTo('DELETE /workspaces/ws-acme/members/u-2')).toHaveLength(1)
  })

  it('deleting the workspace needs its name typed; then the dashboard is back in the personal workspace', async () => {
    const { server: s } = serve({ extra: { 'DELETE /workspaces/ws-acme': () => ({ status: 204 }) } })
    const { store } = renderTeam()
    const ux = userEvent.setup()
    await ux.click(await screen.findByRole('button', { name: 'Delete workspace' }))
    const dialog = screen.getByRole('dialog', { name: 'Delete Acme?' })
    const confirm = within(dialog).getByRole('button', { name: 'Delete for everyone' })
    expect(confirm).toBeDisabled()
    await ux.type(within(dialog).getByLabelText('Type Acme to confirm'), 'Acm')
    expect(confirm).toBeDisabled()
    await ux.type(within(dialog).getByLabelText('Type Acme to confirm'), 'e')
    await ux.click(confirm)
    await waitFor(() => expect(store.getState().workspace.currentId).toBe('u-1'))
    expect(s!.callsTo('DELETE /workspaces/ws-acme')).toHaveLength(1)
  })

  it('turns approval on for editors, then for admins too', async () => {
    let current = makeWorkspace()
    const { server: s } = serve({
      extra: {
        'GET /workspaces': () => ({ status: 200, body: { items: [personalWorkspace(), current] } }),
        'PATCH /workspaces/ws-acme': (req) => {
          current = { ...current, ...(req.body as object) }
          return { status: 200, body: current }
        },
      },
    })
    renderTeam()
    const ux = userEvent.setup()
    const editors = await screen.findByRole('checkbox', { name: 'Posts by editors need approval' })
    const admins = screen.getByRole('checkbox', { name: /Admins.* posts need approval too/ })
    expect(editors).not.toBeChecked()
    expect(admins).toBeDisabled()
    await ux.click(editors)
    await waitFor(() => expect(s!.callsTo('PATCH /workspaces/ws-acme')[0]?.body).toEqual({ approval_required: true }))
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Posts by editors need approval' })).toBeChecked())
    expect(screen.getByRole('checkbox', { name: /Admins.* posts need approval too/ })).toBeEnabled()
  })

  it('a member who is not the owner can leave', async () => {
    const me = makeMember({ role: 'viewer' })
    const { server: s } = serve({
      workspace: makeWorkspace({ role: 'viewer' }),
      members: [makeMember({ user_id: 'u-9', email: 'own@example.com', role: 'owner' }), me],
      extra: { 'DELETE /workspaces/ws-acme/members/u-1': () => ({ status: 204 }) },
    })
    const { store } = renderTeam(makeWorkspace({ role: 'viewer' }))
    const ux = userEvent.setup()
    expect(await screen.findByTestId('team-role')).toHaveTextContent('Viewer')
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull()
    await ux.click(await screen.findByRole('button', { name: 'Leave workspace' }))
    await ux.click(within(screen.getByRole('dialog', { name: 'Leave Acme?' })).getByRole('button', { name: 'Leave workspace' }))
    await waitFor(() => expect(store.getState().workspace.currentId).toBe('u-1'))
    expect(s!.callsTo('DELETE /workspaces/ws-acme/members/u-1')).toHaveLength(1)
  })
})
