import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { QueueList } from './QueueList'
import { Toaster } from '../../components/Toaster'
import { fakeServer } from '../../test/fakeServer'
import { renderWithStore, signedIn } from '../../test/render'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

const summary = (id: string, content: string) => ({ id, title: null, content, platforms: ['twitter'], status: 'draft', scheduled_for: null, published_at: null, created_at: '', updated_at: '' })

describe('deleting posts (issue 21.5)', () => {
  it('bulk-deletes the selected posts and offers Undo', async () => {
    server = fakeServer({
      'GET /posts': () => ({ status: 200, body: { items: [summary('p1', 'First'), summary('p2', 'Second'), summary('p3', 'Third')], total: 3, limit: 10, offset: 0 } }),
      'POST /posts/bulk-delete': (r) => ({ status: 200, body: r.body }),
      'POST /posts/restore': (r) => ({ status: 200, body: r.body }),
    })
    renderWithStore(
      <>
        <QueueList status="draft" timeZone="UTC" empty="None" />
        <Toaster />
      </>,
      { auth: signedIn() },
    )
    const user = userEvent.setup()
    await user.click(await screen.findByRole('checkbox', { name: 'Select "First"' }))
    await user.click(screen.getByRole('checkbox', { name: 'Select "Third"' }))
    await user.click(screen.getByRole('button', { name: 'Delete selected (2)' }))
    await waitFor(() => expect(server!.callsTo('POST /posts/bulk-delete')[0]?.body).toEqual({ post_ids: ['p1', 'p3'] }))
    expect(await screen.findByText('2 posts deleted.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(server!.callsTo('POST /posts/restore')[0]?.body).toEqual({ post_ids: ['p1', 'p3'] }))
    expect(await screen.findByText('2 posts restored.')).toBeInTheDocument()
  })
})

describe('rows say what is happening (issue 21.12)', () => {
  it('a post published now reads "Publishing", not "Scheduled"; a post with its own time reads "Scheduled"', async () => {
    const now = { ...summary('p1', 'Going out now'), status: 'scheduled' }
    const later = { ...summary('p2', 'Going out later'), status: 'scheduled', scheduled_for: '2099-03-12T10:00:00Z' }
    server = fakeServer({ 'GET /posts': () => ({ status: 200, body: { items: [now, later], total: 2, limit: 10, offset: 0 } }) })
    renderWithStore(<QueueList status="scheduled" timeZone="UTC" empty="None" />, { auth: signedIn() })
    const [first, second] = await screen.findAllByTestId('post-row')
    expect(within(first).getByText('Publishing')).toBeInTheDocument()
    expect(within(first).queryByText('Scheduled')).not.toBeInTheDocument()
    expect(within(second).getByText('Scheduled')).toBeInTheDocument()
  })
})

describe('unscheduling says where the post went (issue 21.5)', () => {
  it('Unschedule tells the user the post is in Drafts, with a link to it', async () => {
    const later = { ...summary('p2', 'Going out later'), status: 'scheduled', scheduled_for: '2099-03-12T10:00:00Z' }
    server = fakeServer({
      'GET /posts': () => ({ status: 200, body: { items: [later], total: 1, limit: 10, offset: 0 } }),
      'POST /posts/p2/cancel': () => ({ status: 200, body: { ...later, status: 'draft', scheduled_for: null } }),
    })
    renderWithStore(
      <>
        <QueueList status="scheduled" timeZone="UTC" empty="None" />
        <Toaster />
      </>,
      { auth: signedIn() },
    )
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Unschedule' }))
    const toasts = screen.getByTestId('toasts')
    expect(await within(toasts).findByText('Unscheduled: the post is in Drafts now.')).toBeInTheDocument()
    expect(within(toasts).getByRole('link', { name: 'Open it' })).toHaveAttribute('href', '/posts/p2')
    expect(server!.callsTo('POST /posts/p2/cancel')).toHaveLength(1)
  })
})
