import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
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
