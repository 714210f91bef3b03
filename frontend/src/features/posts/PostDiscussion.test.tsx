import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { PostDiscussion } from './PostDiscussion'
import { fakeServer } from '../../test/fakeServer'
import { inWorkspace, renderWithStore, signedIn } from '../../test/render'
import { makeWorkspace, personalWorkspace } from '../workspaces/fixtures'
import type { Role } from '../workspaces/types'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

const comment = (id: string, text: string, extra: object = {}) => ({
  id,
  post_id: 'p1',
  author: { id: 'u-2', email: 'eve@example.com', full_name: 'Eve Editor' },
  text,
  internal: false,
  kind: 'comment',
  mentions: [],
  created_at: '2027-03-10T12:00:00Z',
  ...extra,
})
const link = { id: 'l1', url: null, expires_at: '2027-03-17T12:00:00Z', created_at: '2027-03-10T12:00:00Z', revoked_at: null, decision: null, client_name: null, client_email: null, decided_at: null }

function as(role: Role, routes: Parameters<typeof fakeServer>[0] = {}) {
  const auth = signedIn()
  server = fakeServer({
    'GET /workspaces': () => ({ status: 200, body: { items: [personalWorkspace(), makeWorkspace({ role, approval_required: true })] } }),
    'GET /posts/p1/comments': () => ({
      status: 200,
      body: { items: [comment('c1', 'Use the new logo', { kind: 'changes_requested' }), comment('c2', 'Client pays late', { internal: true }), comment('c3', 'Done', { author: null })] },
    }),
    'GET /posts/p1/review-links': () => ({ status: 200, body: { items: [link] } }),
    ...routes,
  })
  renderWithStore(<PostDiscussion postId="p1" />, { auth, workspace: inWorkspace(auth, 'ws-acme') })
}

describe('comments on a post (issue 15)', () => {
  it('shows the thread with internal notes and requested changes flagged; a viewer comments', async () => {
    as('viewer', { 'POST /posts/p1/comments': (r) => ({ status: 201, body: comment('c4', (r.body as { text: string }).text) }) })
    const items = await screen.findAllByTestId('comment')
    expect(items).toHaveLength(3)
    expect(within(items[0]).getByText('Changes requested')).toBeInTheDocument()
    expect(within(items[1]).getByText('Internal note')).toBeInTheDocument()
    expect(within(items[2]).getByText('Client')).toBeInTheDocument()
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Comment' }))
    expect(await screen.findByText('Write something first.')).toBeInTheDocument()
    await user.type(screen.getByLabelText('Add a comment'), 'Looks good @ada')
    await user.click(screen.getByRole('checkbox', { name: /Internal note/ }))
    await user.click(screen.getByRole('button', { name: 'Comment' }))
    await waitFor(() => expect(server!.callsTo('POST /posts/p1/comments')[0]?.body).toEqual({ text: 'Looks good @ada', internal: true }))
    // Review links are for approvers only.
    expect(screen.queryByRole('button', { name: 'Create review link' })).not.toBeInTheDocument()
    expect(server!.callsTo('GET /posts/p1/review-links')).toHaveLength(0)
  })

  it('an admin makes a client review link, sees it once to copy, and revokes one', async () => {
    as('admin', {
      'POST /posts/p1/review-links': () => ({ status: 201, body: { ...link, id: 'l2', url: 'http://app.test/api/review/tok123' } }),
      'DELETE /posts/p1/review-links/l1': () => ({ status: 204, body: null }),
    })
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'Create review link' }))
    expect(await screen.findByLabelText('Client review link')).toHaveValue('http://app.test/api/review/tok123')
    expect(screen.getByText('Shown only now: copy it to share.')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: /^Revoke the review link/ }))
    await waitFor(() => expect(server!.callsTo('DELETE /posts/p1/review-links/l1')).toHaveLength(1))
  })
})
