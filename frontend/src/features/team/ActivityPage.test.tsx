import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import ActivityPage, { PAGE_SIZE } from './ActivityPage'
import { fakeServer, type FakeRequest } from '../../test/fakeServer'
import { inWorkspace, renderWithStore, signedIn } from '../../test/render'
import { makeMember, makeWorkspace, personalWorkspace } from '../workspaces/fixtures'
import type { ActivityEntry, Role } from '../workspaces/types'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

const auth = signedIn()
const entry = (i: number): ActivityEntry => ({
  id: `e${i}`,
  created_at: new Date(Date.UTC(2026, 10, 1, 12, 0) - i * 60_000).toISOString(),
  actor: i % 2 ? { id: 'u-2', email: 'eve@example.com', full_name: 'Eve Editor' } : { id: 'u-1', email: 'ada@example.com', full_name: 'Ada Lovelace' },
  action: i % 2 ? 'post.created' : 'member.invited',
  target_type: null,
  target_id: null,
  summary: i % 2 ? `Created a post (${i})` : `Invited someone (${i})`,
})
const LOG = Array.from({ length: 30 }, (_, i) => entry(i))

/** Filters and pages like the server: action ("post" = every post.*), actor_id, limit/offset. */
function answer(req: FakeRequest) {
  const { action, actor_id, limit, offset } = req.params as { action?: string; actor_id?: string; limit: number; offset: number }
  const rows = LOG.filter((e) => (!action || (action.includes('.') ? e.action === action : e.action.startsWith(`${action}.`))) && (!actor_id || e.actor?.id === actor_id))
  return { status: 200, body: { items: rows.slice(offset, offset + limit), total: rows.length } }
}

function serve(role: Role = 'admin') {
  server = fakeServer({
    'GET /workspaces': () => ({ status: 200, body: { items: [personalWorkspace(), makeWorkspace({ role })] } }),
    'GET /workspaces/ws-acme/members': () => ({
      status: 200,
      body: { items: [makeMember({ role }), makeMember({ user_id: 'u-2', email: 'eve@example.com', full_name: 'Eve Editor', role: 'editor' })] },
    }),
    'GET /workspaces/ws-acme/activity': answer,
  })
  return server
}

const shown = () => screen.getAllByTestId('activity-entry')

describe('activity log', () => {
  it('pages through the log, newest first, with who did what', async () => {
    const s = serve()
    renderWithStore(<ActivityPage />, { auth, route: '/activity', workspace: inWorkspace(auth, 'ws-acme') })
    expect(await screen.findByText('Invited someone (0)')).toBeInTheDocument()
    expect(shown()).toHaveLength(PAGE_SIZE)
    expect(shown()[1]).toHaveTextContent('Created a post (1)')
    expect(shown()[1]).toHaveTextContent('by Eve Editor')
    expect(within(shown()[1]).getByText('Post created')).toBeInTheDocument()
    expect(screen.getByText(`1–${PAGE_SIZE} of 30`)).toBeInTheDocument()

    await userEvent.setup().click(screen.getByRole('button', { name: 'Next' }))
    expect(await screen.findByText('Created a post (29)')).toBeInTheDocument()
    expect(shown()).toHaveLength(5)
    expect(s.callsTo('GET /workspaces/ws-acme/activity').at(-1)!.params).toEqual({ limit: PAGE_SIZE, offset: PAGE_SIZE })
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled()
  })

  it('filters by action (one, or a whole family) and by member, back on the first page', async () => {
    const s = serve()
    renderWithStore(<ActivityPage />, { auth, route: '/activity?page=1', workspace: inWorkspace(auth, 'ws-acme') })
    expect(await screen.findByText('Created a post (25)')).toBeInTheDocument()
    const ux = userEvent.setup()

    await ux.selectOptions(screen.getByLabelText('Action'), 'member.invited')
    await waitFor(() => expect(shown()).toHaveLength(15))
    expect(shown().every((e) => e.textContent?.includes('Invited someone'))).toBe(true)
    expect(s.callsTo('GET /workspaces/ws-acme/activity').at(-1)!.params).toEqual({ limit: PAGE_SIZE, offset: 0, action: 'member.invited' })

    await ux.selectOptions(screen.getByLabelText('Action'), 'post')
    await ux.selectOptions(screen.getByLabelText('Member'), 'u-1')
    expect(await screen.findByText('Nothing matches these filters')).toBeInTheDocument()
    expect(s.callsTo('GET /workspaces/ws-acme/activity').at(-1)!.params).toEqual({ limit: PAGE_SIZE, offset: 0, action: 'post', actor_id: 'u-1' })

    await ux.selectOptions(screen.getByLabelText('Member'), 'u-2')
    await waitFor(() => expect(shown()).toHaveLength(15))
  })

  it('is for admins and the owner: an editor is told so and nothing is asked of the server', async () => {
    const s = serve('editor')
    renderWithStore(<ActivityPage />, { auth, route: '/activity', workspace: inWorkspace(auth, 'ws-acme') })
    expect(await screen.findByText('For admins and the owner')).toBeInTheDocument()
    expect(s.callsTo('GET /workspaces/ws-acme/activity')).toHaveLength(0)
  })
})
