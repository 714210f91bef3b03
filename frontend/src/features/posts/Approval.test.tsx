import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { QueueList } from '../schedule/QueueList'
import { Calendar } from '../schedule/Calendar'
import { useReschedule } from '../schedule/useReschedule'
import { Toaster } from '../../components/Toaster'
import { fakeServer } from '../../test/fakeServer'
import { inWorkspace, renderWithStore, signedIn } from '../../test/render'
import { makeWorkspace, personalWorkspace } from '../workspaces/fixtures'
import { approvalWarning } from './ApprovalNotice'
import type { Role } from '../workspaces/types'
import type { CalendarItem } from './types'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

const pending = {
  id: 'p1',
  title: null,
  content: 'Spring sale',
  platforms: ['twitter'],
  status: 'pending_approval',
  scheduled_for: '2099-03-12T10:00:00Z',
  published_at: null,
  created_at: '',
  updated_at: '',
}
const page = { items: [pending], total: 1, limit: 10, offset: 0 }
const passed = { error: { code: 'approval_time_passed', message: 'This post was to go out at 2027-03-10 12:00 UTC, which has passed.', details: null } }

function asTeam(role: Role, routes: Parameters<typeof fakeServer>[0] = {}) {
  const auth = signedIn()
  server = fakeServer({
    'GET /workspaces': () => ({ status: 200, body: { items: [personalWorkspace(), makeWorkspace({ role, approval_required: true })] } }),
    'GET /posts': () => ({ status: 200, body: page }),
    ...routes,
  })
  renderWithStore(
    <>
      <QueueList status="pending_approval" timeZone="UTC" empty="None" />
      <Toaster />
    </>,
    { auth, workspace: inWorkspace(auth, 'ws-acme') },
  )
}

describe('approval in the queue (issue 15)', () => {
  it('"Needs my approval" asks the server for what I may approve', async () => {
    const auth = signedIn()
    server = fakeServer({ 'GET /posts': () => ({ status: 200, body: page }) })
    renderWithStore(<QueueList status="pending_approval" awaitingMe timeZone="UTC" empty="None" />, { auth })
    await screen.findByTestId('post-row')
    expect(server.callsTo('GET /posts')[0]?.params).toEqual({ awaiting_my_approval: true, limit: 10, offset: 0 })
  })

  it('a pending post reads "Pending approval"; an admin approves it', async () => {
    asTeam('admin', { 'POST /posts/p1/approve': () => ({ status: 200, body: { ...pending, status: 'scheduled' } }) })
    const row = await screen.findByTestId('post-row')
    expect(within(row).getByText('Pending approval')).toBeInTheDocument()
    await userEvent.setup().click(await within(row).findByRole('button', { name: 'Approve' }))
    await waitFor(() => expect(server!.callsTo('POST /posts/p1/approve')).toHaveLength(1))
    expect(server!.callsTo('POST /posts/p1/approve')[0]?.body).toEqual({})
    expect(await screen.findByText('Approved: it goes out at its time.')).toBeInTheDocument()
  })

  it('when its time has passed the approver is asked, and "Publish now" sends publish_now', async () => {
    let calls = 0
    asTeam('owner', {
      'POST /posts/p1/approve': () => (++calls === 1 ? { status: 409, body: passed } : { status: 200, body: { ...pending, status: 'scheduled', scheduled_for: null } }),
    })
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'Approve' }))
    const dialog = await screen.findByRole('dialog', { name: 'Its time has passed' })
    expect(within(dialog).getByText(/which has passed/)).toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Publish now' }))
    await waitFor(() => expect(server!.callsTo('POST /posts/p1/approve')[1]?.body).toEqual({ publish_now: true }))
    expect(await screen.findByText('Approved: publishing now.')).toBeInTheDocument()
  })

  it('Request changes needs a comment and sends it', async () => {
    asTeam('admin', { 'POST /posts/p1/request-changes': () => ({ status: 200, body: { ...pending, status: 'draft' } }) })
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'Request changes' }))
    const dialog = await screen.findByRole('dialog', { name: 'Request changes' })
    await user.click(within(dialog).getByRole('button', { name: 'Send back' }))
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Say what should change.')
    expect(server!.callsTo('POST /posts/p1/request-changes')).toHaveLength(0)
    await user.type(within(dialog).getByLabelText('What should change?'), 'Use the new logo')
    await user.click(within(dialog).getByRole('button', { name: 'Send back' }))
    await waitFor(() => expect(server!.callsTo('POST /posts/p1/request-changes')[0]?.body).toEqual({ comment: 'Use the new logo' }))
    expect(await screen.findByText('Sent back to its author as a draft.')).toBeInTheDocument()
  })

  it('an editor may withdraw but not approve', async () => {
    asTeam('editor', { 'POST /posts/p1/cancel': () => ({ status: 200, body: { ...pending, status: 'draft' } }) })
    const row = await screen.findByTestId('post-row')
    const user = userEvent.setup()
    await user.click(await within(row).findByRole('button', { name: 'Withdraw' }))
    await waitFor(() => expect(server!.callsTo('POST /posts/p1/cancel')).toHaveLength(1))
    expect(within(row).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument()
    expect(within(row).queryByRole('button', { name: 'Request changes' })).not.toBeInTheDocument()
  })
})

describe('the editor says what saving will do (issue 15)', () => {
  const ws = (role: Role, approval_for_admins = false) => makeWorkspace({ role, approval_required: true, approval_for_admins })
  it('an editor editing a scheduled (approved) post is told it goes back for approval', () => {
    expect(approvalWarning({ status: 'scheduled' }, ws('editor'))).toMatch(/back for approval/)
    expect(approvalWarning({ status: 'scheduled' }, ws('admin'))).toBeNull()
    expect(approvalWarning({ status: 'scheduled' }, ws('admin', true))).toMatch(/back for approval/)
    expect(approvalWarning({ status: 'scheduled' }, ws('owner', true))).toBeNull()
    expect(approvalWarning({ status: 'pending_approval' }, ws('owner'))).toMatch(/waiting for approval/)
    expect(approvalWarning({ status: 'scheduled' }, makeWorkspace({ role: 'editor' }))).toBeNull()
  })
})

describe('the calendar shows pending posts apart (issue 15)', () => {
  it('a post waiting for approval is named so and drawn dashed', () => {
    const items: CalendarItem[] = [
      { id: 'p1', title: null, content: 'Waiting', status: 'pending_approval', platforms: ['twitter'], at: '2099-11-26T09:15:00Z', kind: 'scheduled' },
      { id: 'p2', title: null, content: 'Approved', status: 'scheduled', platforms: ['twitter'], at: '2099-11-27T09:15:00Z', kind: 'scheduled' },
    ]
    renderWithStore(<Calendar view="month" anchor="2099-11-20" today="2099-11-20" items={items} timeZone="UTC" />, { auth: signedIn() })
    const waiting = screen.getByRole('link', { name: /Pending approval:\s*Waiting/ })
    expect(waiting.className).toMatch(/border-dashed/)
    expect(screen.getByRole('link', { name: /Scheduled:\s*Approved/ }).className).not.toMatch(/border-dashed/)
  })
})

describe('moving a post on the calendar under approval (issue 15)', () => {
  it('says the moved post waits for approval, without an Undo', async () => {
    const item: CalendarItem = { id: 'p1', title: null, content: 'Launch day', status: 'scheduled', platforms: ['twitter'], at: '2099-11-26T09:15:00Z', kind: 'scheduled' }
    server = fakeServer({ 'POST /posts/p1/schedule': () => ({ status: 202, body: { id: 'p1', status: 'pending_approval' } }) })
    function Mover() {
      const { move } = useReschedule('UTC')
      return <button onClick={() => void move(item, { day: '2099-11-28' }, new Date('2099-11-20T00:00:00Z'))}>Move</button>
    }
    const { store } = renderWithStore(<Mover />, { auth: signedIn() })
    await userEvent.setup().click(screen.getByRole('button', { name: 'Move' }))
    await waitFor(() => expect(store.getState().toasts.at(-1)?.message).toMatch(/waits for approval/))
    expect(store.getState().toasts.at(-1)?.undoReschedule).toBeUndefined()
  })
})
