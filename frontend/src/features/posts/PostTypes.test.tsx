import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route, Routes } from 'react-router-dom'
import ComposePage from './ComposePage'
import { PostStatusPanel } from './PostStatusPanel'
import { PostPreview } from './Previews'
import { canonical, optionMediaIds, optionsChanges, optionsOfPost } from './compose/platformOptions'
import { fakeServer, type FakeRequest } from '../../test/fakeServer'
import { makeUser, renderWithStore, signedIn } from '../../test/render'
import type { Post } from './types'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

function account(id: string, platform: string, username: string | null, display_name: string) {
  return {
    id,
    platform,
    platform_user_id: id,
    username,
    display_name,
    avatar_url: null,
    follower_count: 1,
    status: 'active',
    status_reason: null,
    token_expires_at: null,
    last_synced_at: null,
    created_at: '',
    sandbox: true,
  }
}
const accounts = [account('a-x', 'twitter', 'ada', 'Ada'), account('a-ig', 'instagram', 'ada.gram', 'Ada IG'), account('a-yt', 'youtube', null, 'Ada TV'), account('a-li', 'linkedin', null, 'Ada L')]
const platforms = ['twitter', 'instagram', 'youtube', 'linkedin'].map((platform) => ({ platform, display_name: platform, sandbox: true, capabilities: { supports_title: platform === 'youtube' } }))
const limits: Record<string, number> = { twitter: 280, instagram: 2200, youtube: 5000, linkedin: 3000 }

type Opts = Record<string, { thread?: Array<{ text: string }>; first_comment?: string; media_type?: string; made_for_kids?: boolean }>

/** A stand-in for POST /posts/check: counts each thread part and the first comment, and
 * reports what the server would (a missing made-for-kids answer, a Story's video shape). */
function check(request: FakeRequest) {
  const body = request.body as { content: string; platforms: string[]; platform_options?: Opts }
  return {
    status: 200,
    body: body.platforms.map((platform) => {
      const options = body.platform_options?.[platform] ?? {}
      const thread = options.thread ?? []
      const parts = thread.map((p, i) => ({ position: i + 2, kind: 'thread', count: p.text.length, limit: 280 }))
      if (options.first_comment) parts.push({ position: thread.length + 2, kind: 'first_comment', count: options.first_comment.length, limit: platform === 'twitter' ? 280 : 2200 })
      const problems = []
      if (platform === 'youtube' && options.made_for_kids === undefined)
        problems.push({ platform, code: 'made_for_kids_required', message: 'Say whether this video is made for kids.', field: 'options.made_for_kids', platform_post_id: null })
      if (platform === 'instagram' && options.media_type === 'story')
        problems.push({ platform, code: 'story_aspect', message: 'A Story video must be vertical (9:16); this one is 16:9.', field: 'media_ids', platform_post_id: null })
      thread.forEach((p, i) => {
        if (p.text.length > 280)
          problems.push({ platform, code: 'thread_part_too_long', message: `Part ${i + 2} of the thread is too long.`, field: `options.thread.${i}.text`, platform_post_id: null })
      })
      return { platform, count: body.content.length, limit: limits[platform], problems, parts, post_type: platform === 'instagram' ? (options.media_type ?? null) : null }
    }),
  }
}

function target(id: string, platform: string, options: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    id,
    platform,
    social_account_id: `a-${platform === 'twitter' ? 'x' : platform === 'instagram' ? 'ig' : platform === 'youtube' ? 'yt' : 'li'}`,
    account: null,
    content: 'Hello',
    title: null,
    media_ids: [],
    options,
    status: 'draft',
    user_edited: false,
    optimized_by: null,
    due_at: null,
    attempts: 0,
    platform_post_id: null,
    platform_url: null,
    error_code: null,
    error_message: null,
    published_at: null,
    updated_at: '',
    parts: [],
    first_comment: null,
    ...extra,
  }
}

function post(rows: ReturnType<typeof target>[], extra: Record<string, unknown> = {}): Post {
  return {
    id: 'p-1',
    title: null,
    content: 'Hello',
    media_ids: [],
    platforms: [...new Set(rows.map((r) => r.platform))],
    status: 'draft',
    scheduled_for: null,
    schedule_timezone: null,
    published_at: null,
    created_at: '',
    updated_at: '',
    problems: [],
    platform_posts: rows,
    ...extra,
  } as unknown as Post
}

function serve(extra: Record<string, (r: FakeRequest) => { status: number; body?: unknown }> = {}) {
  server = fakeServer({
    'GET /social-accounts': () => ({ status: 200, body: { items: accounts } }),
    'GET /social-accounts/platforms': () => ({ status: 200, body: { items: platforms } }),
    'GET /social-accounts/a-yt/youtube-playlists': () => ({ status: 200, body: { items: [{ id: 'PL1', title: 'Highlights' }] } }),
    'POST /posts/check': check,
    'POST /posts': () => ({ status: 201, body: post([target('t-0', 'twitter')], { status: 'publishing' }) }),
    'GET /posts/p-1': () => ({ status: 200, body: post([target('t-0', 'twitter')], { status: 'publishing' }) }),
    ...extra,
  })
}

function renderCompose(route = '/compose') {
  return renderWithStore(
    <Routes>
      <Route path="/compose" element={<ComposePage />} />
      <Route path="/posts/:id" element={<ComposePage />} />
    </Routes>,
    { auth: signedIn(makeUser({ timezone: 'Europe/Berlin' })), route },
  )
}

async function start(text: string, ...picks: RegExp[]) {
  const user = userEvent.setup()
  await user.click(await screen.findByLabelText('Post text'))
  await user.paste(text)
  for (const pick of picks) await user.click(screen.getByRole('checkbox', { name: pick }))
  return user
}

const lastCheck = () => server!.callsTo('POST /posts/check').at(-1)!.body as { platform_options?: Opts }

describe('composer: X threads (issue 19)', () => {
  it('"Add to thread" adds parts, each counted as X counts it; the preview is a thread; Publish sends the parts and the first reply', async () => {
    serve()
    renderCompose()
    const user = await start('1/3 The launch', /X: Ada/)
    const settings = await screen.findByRole('group', { name: 'X thread and first reply' })
    await user.click(within(settings).getByRole('button', { name: 'Add to thread' }))
    // The new part has the focus: the user just types on.
    await waitFor(() => expect(within(settings).getByLabelText('Thread part 2')).toHaveFocus())
    await user.paste('2/3 What changed')
    await user.click(within(settings).getByRole('button', { name: 'Add to thread' }))
    await user.paste('3/3 Thanks all')
    await user.click(within(settings).getByLabelText('First reply (X)'))
    await user.paste('Docs: https://example.com/docs')

    await waitFor(() => expect(lastCheck().platform_options?.twitter?.thread).toEqual([{ text: '2/3 What changed' }, { text: '3/3 Thanks all' }]))
    const parts = within(settings).getAllByTestId('thread-part')
    expect(parts).toHaveLength(2)
    await waitFor(() => expect(within(parts[0]).getByLabelText('16 of 280 characters')).toBeInTheDocument())
    expect(within(parts[1]).getByText('Part 3 of 3')).toBeInTheDocument()

    const preview = screen.getByRole('figure', { name: 'X thread preview' })
    const tweets = within(preview).getAllByTestId('x-part')
    expect(tweets.map((t) => t.getAttribute('aria-label'))).toEqual(['Part 1 of 3', 'Part 2 of 3', 'Part 3 of 3', 'First reply'])
    expect(tweets[2]).toHaveTextContent('3/3 Thanks all')
    expect(tweets[3]).toHaveTextContent('Replying to @ada')

    await user.click(screen.getByRole('button', { name: 'Publish now' }))
    await waitFor(() => expect(server!.callsTo('POST /posts')).toHaveLength(1))
    expect(server!.callsTo('POST /posts')[0].body).toMatchObject({
      publish: true,
      platform_options: { twitter: { thread: [{ text: '2/3 What changed' }, { text: '3/3 Thanks all' }], first_comment: 'Docs: https://example.com/docs' } },
    })
  })

  it('a part takes its own photo: uploaded, shown in the thread preview, sent with that part', async () => {
    serve({
      'POST /media/uploads': () => ({
        status: 201,
        body: { id: 'm-part', kind: 'image', mime_type: 'image/png', size_bytes: 10, url: '', status: 'uploading', width: null, height: null, duration_seconds: null },
      }),
      'POST /posts/upload-media': () => ({
        status: 201,
        body: {
          id: 'm-part',
          kind: 'image',
          mime_type: 'image/png',
          size_bytes: 10,
          url: 'https://media.test/part.png',
          thumbnail_url: null,
          filename: 'chart.png',
          status: 'ready',
          width: 10,
          height: 10,
          duration_seconds: null,
        },
      }),
    })
    renderCompose()
    const user = await start('Numbers thread', /X: Ada/)
    const settings = await screen.findByRole('group', { name: 'X thread and first reply' })
    await user.click(within(settings).getByRole('button', { name: 'Add to thread' }))
    await user.paste('The chart')
    await user.upload(within(settings).getByLabelText('Add media to part 2'), new File(['png'], 'chart.png', { type: 'image/png' }))
    expect(await within(settings).findByRole('img', { name: 'chart.png' })).toHaveAttribute('src', 'https://media.test/part.png')
    const tweets = within(screen.getByRole('figure', { name: 'X thread preview' })).getAllByTestId('x-part')
    expect(tweets[1].querySelector('img')).toHaveAttribute('src', 'https://media.test/part.png') // decorative (alt="")
    await user.click(screen.getByRole('button', { name: 'Publish now' }))
    await waitFor(() => expect(server!.callsTo('POST /posts')).toHaveLength(1))
    expect(server!.callsTo('POST /posts')[0].body).toMatchObject({ platform_options: { twitter: { thread: [{ text: 'The chart', media_ids: ['m-part'] }] } }, media_ids: [] })
  })

  it('a part that is too long is marked where it is written; removing a part keeps the others', async () => {
    serve()
    renderCompose()
    const user = await start('Part one', /X: Ada/)
    const settings = await screen.findByRole('group', { name: 'X thread and first reply' })
    for (const text of ['second', 'y'.repeat(290), 'fourth']) {
      await user.click(within(settings).getByRole('button', { name: 'Add to thread' }))
      await user.paste(text)
    }
    await waitFor(() => expect(within(settings).getByLabelText('Thread part 3')).toHaveAccessibleDescription('Part 3 of the thread is too long.'))
    expect(screen.getByRole('list', { name: 'Problems to fix' })).toHaveTextContent('Part 3 of the thread is too long.')
    await user.click(within(settings).getByRole('button', { name: 'Remove part 3' }))
    expect(
      within(settings)
        .getAllByTestId('thread-part')
        .map((p) => within(p).getByRole('textbox').textContent),
    ).toEqual(['second', 'fourth'])
    await waitFor(() => expect(screen.queryByText('Part 3 of the thread is too long.')).not.toBeInTheDocument())
  })

  it('a saved thread is edited in place: the change goes as platform_options, a removed first reply as null', async () => {
    const saved = post([target('t-0', 'twitter', { thread: [{ text: 'two' }], first_comment: 'reply' })])
    serve({
      'GET /posts/p-1': () => ({ status: 200, body: saved }),
      'PUT /posts/p-1': () => ({ status: 200, body: saved }),
    })
    renderCompose('/posts/p-1')
    const settings = await screen.findByRole('group', { name: 'X thread and first reply' })
    expect(within(settings).getByLabelText('Thread part 2')).toHaveValue('two')
    const user = userEvent.setup()
    await user.type(within(settings).getByLabelText('Thread part 2'), '!')
    await user.clear(within(settings).getByLabelText('First reply (X)'))
    await user.click(screen.getByRole('button', { name: 'Save draft' }))
    await waitFor(() => expect(server!.callsTo('PUT /posts/p-1').length).toBeGreaterThan(0))
    expect(server!.callsTo('PUT /posts/p-1').at(-1)!.body).toMatchObject({ platform_options: { twitter: { thread: [{ text: 'two!' }], first_comment: null } } })
  })
})

describe('the optimizer splits a long post into an X thread (issue 19)', () => {
  it('asked with "make a thread", the parts it wrote show in the thread editor and the result', async () => {
    const saved = post([target('t-0', 'twitter')])
    const parts = ['We rebuilt the roastery. 1/3', 'Read https://example.com/story 2/3', 'Thanks @maria #coffee 3/3']
    serve({
      'GET /posts/p-1': () => ({ status: 200, body: saved }),
      'POST /posts/p-1/optimize': () => ({
        status: 200,
        body: {
          optimizer: 'claude',
          notice: null,
          skipped: [],
          variants: [
            {
              platform_post_id: 't-0',
              platform: 'twitter',
              content: parts[0],
              title: null,
              optimized_by: 'claude:x',
              fallback_reason: null,
              cached: false,
              problems: [],
              thread: parts,
              as_thread: true,
              tags: [],
            },
          ],
        },
      }),
    })
    renderCompose('/posts/p-1')
    const user = userEvent.setup()
    await user.click(await screen.findByRole('checkbox', { name: 'X: make a thread if it is too long for one post' }))
    await user.click(screen.getByRole('button', { name: 'Optimize with AI' }))
    await waitFor(() => expect(server!.callsTo('POST /posts/p-1/optimize')).toHaveLength(1))
    expect(server!.callsTo('POST /posts/p-1/optimize')[0].body).toEqual({ thread: true })
    const result = await screen.findByRole('list', { name: 'X thread' })
    expect(
      within(result)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(parts)
    const settings = screen.getByRole('group', { name: 'X thread and first reply' })
    expect(within(settings).getByLabelText('Thread part 2')).toHaveValue(parts[1])
    expect(within(settings).getByLabelText('Thread part 3')).toHaveValue(parts[2])
  })
})

describe('composer: Instagram, YouTube, first comments (issue 19)', () => {
  it('Instagram: a Reel with its cover frame, share to feed and a first comment; the preview is a Reel', async () => {
    serve()
    renderCompose()
    const user = await start('Behind the scenes', /Instagram: Ada IG/)
    const settings = await screen.findByRole('group', { name: 'Instagram settings' })
    await user.click(within(settings).getByRole('radio', { name: /Reel/ }))
    await user.click(within(settings).getByRole('checkbox', { name: /Also show the Reel in the feed/ }))
    await user.type(within(settings).getByLabelText('Cover frame, seconds into the video'), '2.5')
    await user.click(within(settings).getByLabelText('First comment (Instagram)'))
    await user.paste('#bts #launch')
    const reel = await screen.findByRole('figure', { name: 'Instagram Reel preview' })
    expect(within(reel).getByTestId('reel-frame')).toHaveClass('aspect-[9/16]')
    expect(reel).toHaveTextContent('Cover: the frame at 2.5 s · Reels tab only')
    expect(screen.getByLabelText('First comment preview')).toHaveTextContent('#bts #launch')
    await waitFor(() => expect(lastCheck().platform_options?.instagram).toEqual({ media_type: 'reel', share_to_feed: false, thumb_offset_ms: 2500, first_comment: '#bts #launch' }))
  })

  it('Instagram: a Story shows as a 9:16 frame, and its problems are listed before sending', async () => {
    serve()
    renderCompose()
    const user = await start('Today only', /Instagram: Ada IG/)
    await user.click(within(await screen.findByRole('group', { name: 'Instagram settings' })).getByRole('radio', { name: /Story/ }))
    const story = await screen.findByRole('figure', { name: 'Instagram Story preview' })
    expect(within(story).getByTestId('story-frame')).toHaveClass('aspect-[9/16]')
    expect(story).not.toHaveTextContent('Today only') // Stories show no caption
    expect(await screen.findByText('A Story video must be vertical (9:16); this one is 16:9.')).toBeInTheDocument()
    expect(screen.queryByLabelText('First comment (Instagram)')).not.toBeInTheDocument()
  })

  it('YouTube: made for kids must be answered; visibility, playlist and the first comment go with the post', async () => {
    serve()
    renderCompose()
    const user = await start('New video', /YouTube: Ada TV/)
    const settings = await screen.findByRole('group', { name: 'YouTube settings' })
    expect(await screen.findByText('Say whether this video is made for kids.', { selector: 'p' })).toBeInTheDocument()
    await user.click(within(settings).getByRole('radio', { name: /Unlisted/ }))
    await user.click(within(settings).getByRole('radio', { name: /No, it’s not made for kids/ }))
    await user.selectOptions(await within(settings).findByLabelText('Add to playlist'), 'Highlights')
    await user.click(within(settings).getByLabelText('First comment (YouTube)'))
    await user.paste('Chapters below')
    await waitFor(() => expect(screen.queryByText('Say whether this video is made for kids.', { selector: 'p' })).not.toBeInTheDocument())
    expect(screen.getByRole('figure', { name: 'YouTube preview' })).toHaveTextContent('Unlisted')
    await user.type(screen.getByLabelText('Title (YouTube, TikTok)'), 'Launch')
    await user.click(screen.getByRole('button', { name: 'Publish now' }))
    await waitFor(() => expect(server!.callsTo('POST /posts')).toHaveLength(1))
    expect(server!.callsTo('POST /posts')[0].body).toMatchObject({
      platform_options: { youtube: { privacy_status: 'unlisted', made_for_kids: false, playlist_id: 'PL1', first_comment: 'Chapters below' } },
    })
  })

  it('a video made for kids takes no first comment', async () => {
    serve()
    renderCompose()
    const user = await start('For the little ones', /YouTube: Ada TV/)
    const settings = await screen.findByRole('group', { name: 'YouTube settings' })
    await user.click(within(settings).getByRole('radio', { name: /Yes, it’s made for kids/ }))
    expect(within(settings).getByText('YouTube turns comments off on videos made for kids.')).toBeInTheDocument()
    expect(within(settings).getByLabelText('First comment (YouTube)')).toBeDisabled()
  })

  it('LinkedIn takes a first comment, shown under the post in the preview', async () => {
    serve()
    renderCompose()
    const user = await start('We are hiring', /LinkedIn: Ada L/)
    await user.click(within(await screen.findByRole('group', { name: 'LinkedIn first comment' })).getByLabelText('First comment (LinkedIn)'))
    await user.paste('Apply: https://example.com/jobs')
    expect(within(screen.getByRole('figure', { name: 'LinkedIn preview' })).getByLabelText('First comment preview')).toHaveTextContent('Apply: https://example.com/jobs')
    await waitFor(() => expect(lastCheck().platform_options?.linkedin).toEqual({ first_comment: 'Apply: https://example.com/jobs' }))
  })
})

describe('the post page shows every part and the first comment (issue 19)', () => {
  it('each part with its link in order; a failed first comment says so without failing the post', () => {
    const thread = post(
      [
        target(
          't-0',
          'twitter',
          {},
          {
            status: 'published',
            platform_url: 'https://x.com/ada/status/1',
            parts: [
              { position: 1, text: 'one', status: 'published', id: '1', url: 'https://x.com/ada/status/1', error: null, published_at: null },
              { position: 2, text: 'two', status: 'published', id: '2', url: 'https://x.com/ada/status/2', error: null, published_at: null },
              { position: 3, text: 'three', status: 'waiting', id: null, url: null, error: null, published_at: null },
            ],
            first_comment: { text: 'reply', status: 'waiting', id: null, url: null, error: null, published_at: null },
          },
        ),
        target(
          't-1',
          'instagram',
          {},
          {
            status: 'published',
            platform_url: 'https://instagram.com/reel/abc/',
            first_comment: { text: '#tags', status: 'failed', id: null, url: null, error: 'Comments are off for this account.', published_at: null },
          },
        ),
      ],
      { status: 'published' },
    )
    renderWithStore(<PostStatusPanel post={thread} timeZone="UTC" />)
    const parts = screen.getByRole('list', { name: 'Thread on X' })
    expect(
      within(parts)
        .getAllByTestId('thread-part-status')
        .map((li) => li.textContent),
    ).toEqual(['Part 1 of 3PublishedView part 1', 'Part 2 of 3PublishedView part 2', 'Part 3 of 3Waiting for the part before'])
    expect(within(parts).getByRole('link', { name: 'View part 2' })).toHaveAttribute('href', 'https://x.com/ada/status/2')
    expect(screen.getByTestId('first-comment-twitter')).toHaveTextContent('First replyWaiting for the part before')
    expect(screen.getByTestId('first-comment-instagram')).toHaveTextContent('First comment not posted: Comments are off for this account. The post itself is published.')
    expect(within(screen.getByTestId('target-instagram')).getByText('Published')).toBeInTheDocument()
  })
})

describe('previews of each post type', () => {
  const who = { name: 'Ada', username: 'ada', avatarUrl: null }
  it('a YouTube Short is a 9:16 frame; a cover image shows on a Reel', () => {
    const { unmount } = renderWithStore(
      <PostPreview platform="youtube" text="d" title="Short one" account={who} mediaUrls={[]} media={[{ url: 'v.mp4', kind: 'video' }]} postType="short" options={{ privacy_status: 'private' }} />,
    )
    const short = screen.getByRole('figure', { name: 'YouTube Short preview' })
    expect(within(short).getByTestId('short-frame')).toHaveClass('aspect-[9/16]')
    expect(short).toHaveTextContent('Private')
    unmount()
    renderWithStore(
      <PostPreview
        platform="instagram"
        text="Reel"
        account={who}
        mediaUrls={[]}
        media={[{ url: 'v.mp4', kind: 'video' }]}
        options={{ cover_media_id: 'm-c' }}
        mediaOf={(id) => (id === 'm-c' ? { url: 'cover.jpg', kind: 'image' } : undefined)}
      />,
    )
    expect(screen.getByRole('img', { name: 'Reel cover' })).toHaveAttribute('src', 'cover.jpg')
  })
})

describe('platform options on the wire', () => {
  it('are compared as the server stores them, and removed settings are sent as null', () => {
    expect(canonical({ thread: ['two', { text: 'three', media_ids: [] }], first_comment: ' ', playlist_id: '', short: undefined })).toEqual({ thread: [{ text: 'two' }, { text: 'three' }] })
    const saved = optionsOfPost(post([target('t-0', 'twitter', { thread: [{ text: 'a' }], first_comment: 'c' }), target('t-1', 'youtube', { made_for_kids: false })]))
    expect(optionsChanges(saved, { twitter: { thread: [{ text: 'a', media_ids: [] }], first_comment: 'c' }, youtube: { made_for_kids: false } }, ['twitter', 'youtube'])).toBeNull()
    expect(optionsChanges(saved, { twitter: { thread: [] }, youtube: { made_for_kids: true } }, ['twitter', 'youtube'])).toEqual({
      twitter: { thread: null, first_comment: null },
      youtube: { made_for_kids: true },
    })
    expect(optionMediaIds({ twitter: { thread: [{ text: 'a', media_ids: ['m1'] }] }, instagram: { cover_media_id: 'm2' }, youtube: { thumbnail_media_id: 'm3' } })).toEqual(['m1', 'm2', 'm3'])
  })
})
