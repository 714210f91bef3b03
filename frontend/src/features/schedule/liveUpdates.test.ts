import { afterEach, describe, expect, it } from 'vitest'
import { makeStore, type RootState } from '../../app/store'
import { postsApi } from '../posts/postsApi'
import { makePostEventHandler } from './liveUpdates'
import { fakeServer } from '../../test/fakeServer'
import { signedIn } from '../../test/render'
import type { Post } from '../posts/types'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

const target = (id: string, platform: string) => ({
  id,
  platform,
  social_account_id: `a-${platform}`,
  content: 'Hello',
  title: null,
  media_ids: [],
  status: 'pending',
  user_edited: false,
  optimized_by: null,
  platform_url: null,
  error_message: null,
  published_at: null,
  due_at: null,
  account: null,
  attempts: 0,
  error_code: null,
  options: {},
  platform_post_id: null,
  updated_at: '2026-11-25T10:00:00Z',
  parts: [],
  first_comment: null,
})
const post: Post = {
  id: 'p1',
  title: null,
  content: 'Hello',
  media_ids: [],
  platforms: ['twitter', 'instagram'],
  status: 'publishing',
  scheduled_for: null,
  schedule_timezone: null,
  published_at: null,
  created_at: '2026-11-25T10:00:00Z',
  updated_at: '2026-11-25T10:00:00Z',
  platform_posts: [target('t1', 'twitter'), target('t2', 'instagram')],
  problems: [],
  revision: 0,
  submitted_by: null,
  submitted_at: null,
  approved_by: null,
  approved_at: null,
  notice: null,
}

describe('live post events (SSE) update the caches', () => {
  it('patches the cached post, refetches lists and toasts each outcome once', async () => {
    server = fakeServer({
      'GET /posts/p1': () => ({ status: 200, body: post }),
      'GET /posts': () => ({ status: 200, body: { items: [], total: 0, limit: 10, offset: 0 } }),
    })
    const store = makeStore({ auth: signedIn() } as Partial<RootState>)
    await store.dispatch(postsApi.endpoints.getPost.initiate('p1'))
    const list = store.dispatch(postsApi.endpoints.listPosts.initiate({ status: 'scheduled' }))
    await list
    const handle = makePostEventHandler(Date.parse('2026-11-25T10:00:00Z'))
    const event = {
      id: 'p1',
      status: 'partially_published',
      platform_posts: [
        {
          id: 't1',
          platform: 'twitter',
          status: 'published',
          platform_url: 'https://x.example/status/1',
          error_message: null,
          published_at: '2026-11-25T10:01:00Z',
          updated_at: '2026-11-25T10:01:00Z',
        },
        { id: 't2', platform: 'instagram', status: 'failed', platform_url: null, error_message: 'The image is too small', published_at: null, updated_at: '2026-11-25T10:01:00Z' },
      ],
    }

    handle(event, store.dispatch)
    handle(event, store.dispatch) // the polling fallback may deliver the same change again

    const cached = postsApi.endpoints.getPost.select('p1')(store.getState()).data!
    expect(cached.status).toBe('partially_published')
    expect(cached.platform_posts.map((pp) => [pp.status, pp.platform_url])).toEqual([
      ['published', 'https://x.example/status/1'],
      ['failed', null],
    ])
    expect(cached.published_at).toBe('2026-11-25T10:01:00Z')
    expect(store.getState().toasts.map((t) => [t.tone, t.message, t.link?.href])).toEqual([
      ['success', 'Published to X', 'https://x.example/status/1'],
      ['error', 'Failed on Instagram: The image is too small', '/posts/p1'],
    ])
    // Lists were invalidated and asked again.
    await new Promise((r) => setTimeout(r, 10))
    const listed = server.callsTo('GET /posts').length
    expect(listed).toBeGreaterThan(1)

    // The server repeats recent changes (its read overlaps the cursor): a repeat, or an older
    // state arriving late, changes nothing and refetches nothing.
    handle(event, store.dispatch)
    handle({ ...event, status: 'publishing', platform_posts: [{ ...event.platform_posts[0], status: 'publishing', updated_at: '2026-11-25T10:00:30Z' }] }, store.dispatch)
    await new Promise((r) => setTimeout(r, 10))
    expect(server.callsTo('GET /posts').length).toBe(listed)
    const after = postsApi.endpoints.getPost.select('p1')(store.getState()).data!
    expect(after.status).toBe('partially_published')
    expect(after.platform_posts[0].status).toBe('published')
    list.unsubscribe()
  })
})

describe('no stale feedback (issue 21.12)', () => {
  it('does not announce outcomes from before the page was opened', async () => {
    const store = makeStore({ auth: signedIn() } as Partial<RootState>)
    const handle = makePostEventHandler(Date.parse('2026-11-25T12:00:00Z'))
    const change = (id: string, at: string) => ({ id, platform: 'twitter', status: 'published', platform_url: null, error_message: null, published_at: at, updated_at: at })
    handle({ id: 'p1', platform_posts: [change('t1', '2026-11-25T11:58:00Z')] }, store.dispatch)
    expect(store.getState().toasts).toEqual([])
    handle({ id: 'p2', platform_posts: [change('t2', '2026-11-25T12:00:30Z')] }, store.dispatch)
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['Published to X'])
  })
})
