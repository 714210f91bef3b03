import { afterEach, describe, expect, it } from 'vitest'
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { NotificationsBell, timeAgo } from './NotificationsBell'
import { makePostEventHandler } from '../schedule/liveUpdates'
import { fakeServer } from '../../test/fakeServer'
import { renderWithStore, signedIn } from '../../test/render'
import type { Notification } from './notificationsApi'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()
const note = (id: string, overrides: Partial<Notification> = {}): Notification => ({
  id,
  kind: 'post_failed',
  title: `Post failed on X (${id})`,
  body: 'The token was revoked.',
  link: `/posts/p-${id}`,
  read_at: null,
  created_at: minutesAgo(5),
  ...overrides,
})

function serve(initial: Notification[]) {
  let items = initial.map((n) => ({ ...n }))
  const page = () => ({ status: 200, body: { items, unread: items.filter((n) => !n.read_at).length } })
  server = fakeServer({
    'GET /notifications': page,
    'POST /notifications/n1/read': () => {
      items = items.map((n) => (n.id === 'n1' ? { ...n, read_at: new Date().toISOString() } : n))
      return { status: 200, body: items.find((n) => n.id === 'n1') }
    },
    'POST /notifications/read-all': () => {
      items = items.map((n) => ({ ...n, read_at: n.read_at ?? new Date().toISOString() }))
      return { status: 204 }
    },
  })
  return { add: (n: Notification) => (items = [n, ...items]) }
}

describe('notifications bell', () => {
  it('shows the unread count and lists title, body, time and link', async () => {
    serve([note('n1'), note('n2', { read_at: minutesAgo(1), title: 'Reconnect LinkedIn', link: null, created_at: minutesAgo(60 * 3) })])
    renderWithStore(<NotificationsBell timeZone="UTC" />, { auth: signedIn() })
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' })
    expect(screen.getByTestId('unread-count')).toHaveTextContent('1')
    await userEvent.setup().click(bell)
    const items = await screen.findAllByTestId('notification')
    expect(items).toHaveLength(2)
    expect(items[0]).toHaveTextContent('Post failed on X (n1)')
    expect(items[0]).toHaveTextContent('The token was revoked.')
    expect(items[0]).toHaveTextContent('5 min ago')
    expect(within(items[0]).getByRole('link', { name: 'Open' })).toHaveAttribute('href', '/posts/p-n1')
    expect(items[1]).toHaveTextContent('3 h ago')
    expect(within(items[1]).queryByRole('button', { name: /Mark read/ })).not.toBeInTheDocument()
  })

  it('marks one read, then all read', async () => {
    serve([note('n1'), note('n2')])
    renderWithStore(<NotificationsBell timeZone="UTC" />, { auth: signedIn() })
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }))
    await user.click(await screen.findByRole('button', { name: 'Mark read: Post failed on X (n1)' }))
    await screen.findByRole('button', { name: 'Notifications, 1 unread' })
    expect(server!.callsTo('POST /notifications/n1/read')).toHaveLength(1)
    await user.click(screen.getByRole('button', { name: 'Mark all read' }))
    await screen.findByRole('button', { name: 'Notifications' })
    expect(screen.queryByTestId('unread-count')).not.toBeInTheDocument()
    expect(server!.callsTo('POST /notifications/read-all')).toHaveLength(1)
  })

  it('says so when there are none', async () => {
    serve([])
    renderWithStore(<NotificationsBell timeZone="UTC" />, { auth: signedIn() })
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Notifications' }))
    expect(await screen.findByText(/No notifications yet/)).toBeInTheDocument()
  })

  it('re-reads the list when a live post event arrives', async () => {
    const backend = serve([])
    const { store } = renderWithStore(<NotificationsBell timeZone="UTC" />, { auth: signedIn() })
    await screen.findByRole('button', { name: 'Notifications' })
    backend.add(note('n9'))
    const change = { id: 't-1', platform: 'twitter', status: 'failed', platform_url: null, error_message: 'Rejected', published_at: null, updated_at: '2026-11-25T12:00:00Z' }
    act(() => makePostEventHandler()({ id: 'p-1', status: 'failed', platform_posts: [change] }, store.dispatch))
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument()
    expect(server!.callsTo('GET /notifications')).toHaveLength(2)
  })

  it('words times relative to now, and older ones as dates', () => {
    const now = Date.parse('2026-11-25T12:00:00Z')
    expect(timeAgo('2026-11-25T11:59:40Z', 'UTC', now)).toBe('just now')
    expect(timeAgo('2026-11-25T11:15:00Z', 'UTC', now)).toBe('45 min ago')
    expect(timeAgo('2026-11-25T02:00:00Z', 'UTC', now)).toBe('10 h ago')
    expect(timeAgo('2026-11-20T12:00:00Z', 'UTC', now)).toMatch(/Nov.*20|20.*Nov/)
  })
})
