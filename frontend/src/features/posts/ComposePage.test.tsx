import { afterEach, describe, expect, it } from 'vitest'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Link, Route, Routes } from 'react-router-dom'
import ComposePage from './ComposePage'
import { fakeServer, type FakeRequest } from '../../test/fakeServer'
import { makeUser, renderWithStore, signedIn } from '../../test/render'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

const accounts = [
  {
    id: 'a-x',
    platform: 'twitter',
    platform_user_id: '1',
    username: 'ada',
    display_name: 'Ada',
    avatar_url: null,
    follower_count: 3,
    status: 'active',
    status_reason: null,
    token_expires_at: null,
    last_synced_at: null,
    created_at: '',
    sandbox: true,
  },
  {
    id: 'a-li',
    platform: 'linkedin',
    platform_user_id: '2',
    username: null,
    display_name: 'Ada L',
    avatar_url: null,
    follower_count: null,
    status: 'active',
    status_reason: null,
    token_expires_at: null,
    last_synced_at: null,
    created_at: '',
    sandbox: true,
  },
]
const platforms = [
  { platform: 'twitter', display_name: 'X (Twitter)', sandbox: true, capabilities: { supports_title: false } },
  { platform: 'linkedin', display_name: 'LinkedIn', sandbox: true, capabilities: { supports_title: false } },
]
const limits: Record<string, number> = { twitter: 280, linkedin: 3000 }

function check(request: FakeRequest) {
  const body = request.body as { content: string; platforms: string[] }
  return {
    status: 200,
    body: body.platforms.map((platform) => ({
      platform,
      count: body.content.length,
      limit: limits[platform],
      problems: body.content.length > limits[platform] ? [{ platform, code: 'too_long', message: `Longer than ${limits[platform]} characters.`, field: 'content' }] : [],
    })),
  }
}

function savedPost(body: { content: string; social_account_ids: string[] }) {
  return {
    id: 'p-1',
    title: null,
    content: body.content,
    media_ids: [],
    platforms: ['twitter', 'linkedin'],
    status: 'draft',
    scheduled_for: null,
    schedule_timezone: null,
    published_at: null,
    created_at: '',
    updated_at: '',
    problems: [],
    platform_posts: body.social_account_ids.map((id, i) => ({
      id: `t-${i}`,
      platform: id === 'a-x' ? 'twitter' : 'linkedin',
      social_account_id: id,
      content: body.content,
      title: null,
      media_ids: [],
      status: 'draft',
      user_edited: false,
      optimized_by: null,
      platform_url: null,
      error_message: null,
      published_at: null,
      due_at: null,
    })),
  }
}

function serve(extra: Record<string, (r: FakeRequest) => { status: number; body?: unknown }> = {}) {
  let created: ReturnType<typeof savedPost> | null = null
  server = fakeServer({
    'GET /social-accounts': () => ({ status: 200, body: { items: accounts } }),
    'GET /social-accounts/platforms': () => ({ status: 200, body: { items: platforms } }),
    'POST /posts/check': check,
    'POST /posts': (r) => ({ status: 201, body: (created = savedPost(r.body as never)) }),
    'GET /posts/p-1': () => ({ status: 200, body: created }),
    ...extra,
  })
}

function renderCompose() {
  return renderWithStore(
    <Routes>
      <Route path="/compose" element={<ComposePage />} />
      <Route path="/posts/:id" element={<ComposePage />} />
    </Routes>,
    { auth: signedIn(makeUser({ timezone: 'Europe/Berlin' })), route: '/compose' },
  )
}

async function write(text: string) {
  const user = userEvent.setup()
  await user.click(await screen.findByLabelText('Post text'))
  await user.paste(text)
  await user.click(screen.getByRole('checkbox', { name: 'X: Ada (@ada)' }))
  await user.click(screen.getByRole('checkbox', { name: 'LinkedIn: Ada L' }))
  return user
}

describe('compose', () => {
  it('shows live per-platform counters from the check endpoint, and previews', async () => {
    serve()
    renderCompose()
    await write('Hello world')
    const x = await screen.findByRole('tab', { name: /X/ })
    await waitFor(() => expect(within(x).getByLabelText('11 of 280 characters')).toBeInTheDocument())
    await waitFor(() => expect(within(screen.getByRole('tab', { name: /LinkedIn/ })).getByText('11 / 3000')).toBeInTheDocument())
    expect(screen.getByRole('figure', { name: 'X preview' })).toHaveTextContent('Hello world')
    expect(screen.getByRole('figure', { name: 'LinkedIn preview' })).toBeInTheDocument()
    const lastCheck = server!.callsTo('POST /posts/check').at(-1)!
    expect(lastCheck.body).toMatchObject({ content: 'Hello world', platforms: ['twitter', 'linkedin'] })
  })

  it('shows problems inline and marks the tab', async () => {
    serve()
    renderCompose()
    await write('x'.repeat(290))
    expect(await screen.findByText('Longer than 280 characters.')).toBeInTheDocument()
    expect(within(screen.getByRole('tab', { name: /X/ })).getByLabelText('1 problem')).toBeInTheDocument()
  })

  it('asks for text and accounts before saving', async () => {
    serve()
    renderCompose()
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Save draft' }))
    expect(screen.getByLabelText('Post text')).toHaveAccessibleDescription('Write something to post.')
    expect(screen.getByText('Choose at least one account.')).toBeInTheDocument()
    expect(server!.callsTo('POST /posts')).toHaveLength(0)
  })

  it('saves a draft and opens it', async () => {
    serve()
    renderCompose()
    const user = await write('Ship it')
    await user.click(screen.getByRole('button', { name: 'Save draft' }))
    await screen.findByRole('heading', { name: 'Edit post' })
    expect(await screen.findByText('Draft saved.')).toBeInTheDocument()
    expect(server!.callsTo('POST /posts')[0].body).toEqual({ content: 'Ship it', title: null, social_account_ids: ['a-x', 'a-li'], media_ids: [] })
    expect(screen.getByRole('heading', { name: 'Edit post' })).toBeInTheDocument()
  })

  it('schedules a new post in the user time zone in one request; a DST error shows under the picker and leaves no draft', async () => {
    serve({
      'POST /posts': () => ({
        status: 422,
        body: {
          error: {
            code: 'validation_error',
            message: 'Invalid input',
            details: [{ field: 'scheduled_for', message: '02:30 does not exist on 2027-03-28 in Europe/Berlin: the clocks skip it (daylight saving).' }],
          },
        },
      }),
    })
    renderCompose()
    const user = await write('Spring forward')
    const picker = screen.getByLabelText(/Schedule for/)
    expect(screen.getByText('(Europe/Berlin)')).toBeInTheDocument()
    await user.clear(picker)
    await user.type(picker, '2027-03-28T02:30')
    await user.click(screen.getByRole('button', { name: 'Schedule' }))
    await waitFor(() => expect(server!.callsTo('POST /posts')[0]?.body).toMatchObject({ content: 'Spring forward', schedule: { scheduled_for: '2027-03-28T02:30', timezone: 'Europe/Berlin' } }))
    expect(await screen.findByText(/does not exist on 2027-03-28/)).toBeInTheDocument()
    expect(server!.calls.filter((c) => c.method === 'PUT' || c.url.endsWith('/schedule'))).toEqual([])
  })

  it('explains a plan limit (402) next to the Publish button, with a link to billing', async () => {
    serve({ 'POST /posts': () => ({ status: 402, body: { error: { code: 'plan_limit', message: 'Your Free plan allows 10 posts a month.' } } }) })
    renderCompose()
    const user = await write('One too many')
    await user.click(screen.getByRole('button', { name: 'Publish now' }))
    const bar = screen.getByRole('region', { name: 'Publish' })
    expect(await within(bar).findByText(/Your Free plan allows 10 posts a month./)).toBeInTheDocument()
    expect(within(bar).getByRole('link', { name: 'Upgrade your plan' })).toHaveAttribute('href', '/billing')
    expect(server!.callsTo('POST /posts')[0].body).toMatchObject({ publish: true })
  })

  it('offers the free offline optimizer when the plan refuses the AI (402 plan_feature)', async () => {
    serve({
      'POST /posts/p-1/optimize': (r) =>
        (r.body as { optimizer?: string }).optimizer === 'offline'
          ? {
              status: 200,
              body: {
                optimizer: 'offline',
                notice: 'Written by the built-in rules (offline optimizer), as asked.',
                variants: [{ platform_post_id: 't-0', platform: 'twitter', content: 'Shorter for X', title: null, optimized_by: 'offline', fallback_reason: null, problems: [] }],
              },
            }
          : { status: 402, body: { error: { code: 'plan_feature', message: 'AI optimization is not part of the Free plan. The built-in rules are free: send "optimizer": "offline".' } } },
    })
    renderCompose()
    const user = await write('Make it better')
    await user.click(screen.getByRole('button', { name: 'Save draft' }))
    await screen.findByText('Draft saved.', {}, { timeout: 4000 })
    await user.click(screen.getByRole('button', { name: 'Optimize with AI' }))
    expect(await screen.findByText("Your plan doesn't include AI")).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Use the free offline optimizer' }))
    expect(await screen.findByText('Shorter for X')).toBeInTheDocument()
    expect(screen.getByLabelText('Optimized versions')).toHaveTextContent('Optimized by offline')
    expect(server!.callsTo('POST /posts/p-1/optimize').map((c) => c.body)).toEqual([{}, { optimizer: 'offline' }])
    expect(screen.queryByText("Your plan doesn't include AI")).not.toBeInTheDocument()
  })
})

describe('compose: TikTok settings of a new post (issue 18 leftover)', () => {
  const tiktok = { ...accounts[0], id: 'a-tt', platform: 'tiktok', username: 'dancer', display_name: 'Dancer' }
  const creatorInfo = {
    creator_username: 'dancer',
    creator_nickname: 'Dancer',
    privacy_level_options: ['PUBLIC_TO_EVERYONE', 'SELF_ONLY'],
    comment_disabled: false,
    duet_disabled: false,
    stitch_disabled: false,
    max_video_post_duration_sec: 600,
  }

  it('chooses who can see it before the post exists, and sends that choice with Publish', async () => {
    server = fakeServer({
      'GET /social-accounts': () => ({ status: 200, body: { items: [tiktok] } }),
      'GET /social-accounts/platforms': () => ({ status: 200, body: { items: [{ platform: 'tiktok', display_name: 'TikTok', sandbox: true, capabilities: { supports_title: true } }] } }),
      'GET /social-accounts/a-tt/tiktok-creator-info': () => ({ status: 200, body: creatorInfo }),
      'POST /posts/check': () => ({ status: 200, body: [{ platform: 'tiktok', count: 5, limit: 2200, problems: [] }] }),
      'POST /posts': () => ({ status: 201, body: { ...savedPost({ content: 'Dance', social_account_ids: [] }), status: 'scheduled' } }),
      'GET /posts/p-1': () => ({ status: 200, body: { ...savedPost({ content: 'Dance', social_account_ids: [] }), status: 'scheduled' } }),
    })
    renderCompose()
    const user = userEvent.setup()
    await user.click(await screen.findByLabelText('Post text'))
    await user.paste('Dance')
    await user.click(screen.getByRole('checkbox', { name: /TikTok/ }))
    expect(screen.queryByText(/Save the draft to choose/)).not.toBeInTheDocument()
    await user.click(await screen.findByLabelText('Only me'))
    await user.click(screen.getByRole('button', { name: 'Publish now' }))
    await waitFor(() => expect(server!.callsTo('POST /posts')).toHaveLength(1))
    expect(server!.callsTo('POST /posts')[0].body).toMatchObject({ publish: true, platform_options: { tiktok: { privacy_level: 'SELF_ONLY' } } })
    expect(server!.calls.filter((c) => c.method === 'PUT')).toEqual([])
  })
})

describe('compose: no lost work, no silent surprises (issue 21)', () => {
  it('21.1 an upload in progress blocks Publish and Schedule with the reason, and can be cancelled', async () => {
    serve({
      'POST /media/uploads': () => ({
        status: 201,
        body: { id: 'm-1', kind: 'video', mime_type: 'video/mp4', size_bytes: 120_000_000, url: '', status: 'uploading', width: null, height: null, duration_seconds: null },
      }),
      'POST /posts/upload-media': () => ({ status: 201, body: {}, delayMs: 60_000 }),
      'DELETE /media/m-1': () => ({ status: 204 }),
    })
    renderCompose()
    const user = await write('With a big video')
    await user.upload(screen.getByLabelText('Upload media'), new File(['x'.repeat(10)], 'launch.mp4', { type: 'video/mp4' }))
    expect(await screen.findByText(/Wait for launch.mp4 to finish uploading \(0%\)/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Publish now' })).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Schedule' })).toBeDisabled()
    expect(server!.callsTo('POST /media/uploads')[0].body).toMatchObject({ filename: 'launch.mp4', mime_type: 'video/mp4' })
    await user.click(screen.getByRole('button', { name: 'Cancel upload of launch.mp4' }))
    await waitFor(() => expect(server!.callsTo('DELETE /media/m-1')).toHaveLength(1))
    expect(screen.getByRole('button', { name: 'Publish now' })).toBeEnabled()
  })

  it('21.8 a refused Publish says so next to the button, and "Show me" scrolls to the first problem and focuses it', async () => {
    const problem = { platform_post_id: null, platform: 'linkedin', code: 'account_needs_reauth', message: 'Ada L needs reconnecting: reconnect it on the Platforms page.', field: 'account' }
    serve({ 'POST /posts': () => ({ status: 422, body: { error: { code: 'post_invalid', message: 'Fix these first', details: [problem] } } }) })
    const scrolled: Element[] = []
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this)
    }
    try {
      renderCompose()
      const user = await write('Going out everywhere')
      await user.click(screen.getByRole('button', { name: 'Publish now' }))
      // Next to the action: in the Publish bar, beside the button that was pressed.
      const bar = screen.getByRole('region', { name: 'Publish' })
      const alert = await within(bar).findByRole('alert')
      expect(alert).toHaveTextContent('Fix 1 problem first.')
      expect(bar).toContainElement(screen.getByRole('button', { name: 'Publish now' }))
      // The problem itself is listed where it is fixed, under the text box.
      const list = screen.getByRole('list', { name: 'Problems to fix' })
      expect(list).toHaveTextContent('LinkedIn: Ada L needs reconnecting')
      // The user looks elsewhere; "Show me" brings the first problem back into view, with focus.
      await waitFor(() => expect(scrolled.length).toBeGreaterThan(0)) // the refusal itself already did, once
      screen.getByRole('button', { name: 'Publish now' }).focus()
      scrolled.length = 0
      await user.click(within(alert).getByRole('button', { name: 'Show me' }))
      await waitFor(() => expect(scrolled).toHaveLength(1))
      expect(scrolled[0]).toContainElement(list)
      expect(document.activeElement).toBe(scrolled[0])
      expect(server!.callsTo('POST /posts')).toHaveLength(1)
    } finally {
      delete (Element.prototype as Partial<Element>).scrollIntoView
    }
  })

  it('21.2/21.9 text typed in a platform tab is saved with the post by the one Save, touching no other variant', async () => {
    serve({ 'PUT /posts/p-1': (r) => ({ status: 200, body: { ...savedPost({ content: 'Original', social_account_ids: ['a-x', 'a-li'] }), ...(r.body as object) } }) })
    renderCompose()
    const user = await write('Original')
    await user.click(screen.getByRole('tab', { name: /X/ }))
    const xText = screen.getByLabelText('Text for X')
    await user.clear(xText)
    await user.type(xText, 'Short for X')
    await user.click(screen.getByRole('button', { name: 'Save draft' }))
    await waitFor(() => expect(server!.callsTo('PUT /posts/p-1')).toHaveLength(1))
    expect(server!.callsTo('PUT /posts/p-1')[0].body).toEqual({ variants: [{ platform_post_id: 't-0', content: 'Short for X' }] })
  })

  it('21.3 an unsaved new post is kept and restored on return', async () => {
    serve()
    const first = renderCompose()
    await write('Half-written thought')
    first.unmount()
    renderCompose()
    expect(await screen.findByText('We restored the post you were writing.')).toBeInTheDocument()
    expect(screen.getByLabelText('Post text')).toHaveValue('Half-written thought')
    expect(screen.getByRole('checkbox', { name: 'X: Ada (@ada)' })).toBeChecked()
  })

  it('21.3 edits of a saved post are saved by themselves, and say so', async () => {
    const stored = savedPost({ content: 'Saved text', social_account_ids: ['a-x'] })
    server = fakeServer({
      'GET /social-accounts': () => ({ status: 200, body: { items: accounts } }),
      'GET /social-accounts/platforms': () => ({ status: 200, body: { items: platforms } }),
      'POST /posts/check': check,
      'GET /posts/p-1': () => ({ status: 200, body: stored }),
      'PUT /posts/p-1': (r) => ({ status: 200, body: { ...stored, ...(r.body as object) } }),
    })
    renderWithStore(
      <Routes>
        <Route path="/posts/:id" element={<ComposePage />} />
      </Routes>,
      { auth: signedIn(makeUser({ timezone: 'Europe/Berlin' })), route: '/posts/p-1' },
    )
    const user = userEvent.setup()
    await user.type(await screen.findByLabelText('Post text'), ' and more')
    await waitFor(() => expect(server!.callsTo('PUT /posts/p-1')).toHaveLength(1), { timeout: 4000 })
    expect(server!.callsTo('PUT /posts/p-1')[0].body).toMatchObject({ content: 'Saved text and more' })
    expect(await screen.findByTestId('save-state')).toHaveTextContent('Saved')
  })

  describe('21.3 leaving the editor in the app with unsaved work asks first', () => {
    function renderWithNav(route: string) {
      return renderWithStore(
        <>
          <Link to="/schedule">Go to Schedule</Link>
          <Routes>
            <Route path="/compose" element={<ComposePage />} />
            <Route path="/posts/:id" element={<ComposePage />} />
            <Route path="/schedule" element={<p>Schedule page</p>} />
          </Routes>
        </>,
        { auth: signedIn(makeUser({ timezone: 'Europe/Berlin' })), route },
      )
    }

    /** A saved post whose saves wait until `release()` (so an autosave cannot land mid-test). */
    function serveSaved() {
      const stored = savedPost({ content: 'Saved text', social_account_ids: ['a-x'] })
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      server = fakeServer({
        'GET /social-accounts': () => ({ status: 200, body: { items: accounts } }),
        'GET /social-accounts/platforms': () => ({ status: 200, body: { items: platforms } }),
        'POST /posts/check': check,
        'GET /posts/p-1': () => ({ status: 200, body: stored }),
        'PUT /posts/p-1': async (r) => {
          await held
          return { status: 200, body: { ...stored, ...(r.body as object) } }
        },
      })
      return release
    }

    it('a saved post with unsaved changes: Stay keeps the editor, "Save and leave" saves, then goes', async () => {
      const release = serveSaved()
      renderWithNav('/posts/p-1')
      const user = userEvent.setup()
      await user.type(await screen.findByLabelText('Post text'), ' and more')
      await user.click(screen.getByRole('link', { name: 'Go to Schedule' }))
      const dialog = await screen.findByRole('dialog', { name: 'Save your changes?' })
      expect(dialog).toHaveTextContent('Your latest changes to this post are not saved yet.')
      await user.click(within(dialog).getByRole('button', { name: 'Stay' }))
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
      expect(screen.getByLabelText('Post text')).toHaveValue('Saved text and more')
      expect(screen.queryByText('Schedule page')).toBeNull()

      await user.click(screen.getByRole('link', { name: 'Go to Schedule' }))
      await user.click(within(await screen.findByRole('dialog', { name: 'Save your changes?' })).getByRole('button', { name: 'Save and leave' }))
      expect(screen.queryByText('Schedule page')).toBeNull() // not before the save has landed
      release()
      expect(await screen.findByText('Schedule page')).toBeInTheDocument()
      expect(server!.callsTo('PUT /posts/p-1').at(-1)!.body).toMatchObject({ content: 'Saved text and more' })
    })

    it('"Leave without saving" leaves, and nothing is saved on the way out', async () => {
      serveSaved()
      renderWithNav('/posts/p-1')
      const user = userEvent.setup()
      await user.type(await screen.findByLabelText('Post text'), ' scrap that')
      await user.click(screen.getByRole('link', { name: 'Go to Schedule' }))
      const dialog = await screen.findByRole('dialog', { name: 'Save your changes?' })
      const savesBefore = server!.callsTo('PUT /posts/p-1').length
      await user.click(within(dialog).getByRole('button', { name: 'Leave without saving' }))
      expect(await screen.findByText('Schedule page')).toBeInTheDocument()
      expect(server!.callsTo('PUT /posts/p-1')).toHaveLength(savesBefore)
    })

    it('a new post: says it stays in this browser, and offers to save it as a draft', async () => {
      serve()
      renderWithNav('/compose')
      const user = await write('Half an idea')
      await user.click(screen.getByRole('link', { name: 'Go to Schedule' }))
      const dialog = await screen.findByRole('dialog', { name: 'Keep this post?' })
      expect(dialog).toHaveTextContent('it stays in this browser')
      expect(within(dialog).getByRole('button', { name: 'Save draft and leave' })).toBeInTheDocument()
      await user.click(within(dialog).getByRole('button', { name: 'Leave' }))
      expect(await screen.findByText('Schedule page')).toBeInTheDocument()
      expect(JSON.parse(localStorage.getItem('sf_compose_unsaved') ?? '{}')).toMatchObject({ content: 'Half an idea' })
      expect(server!.callsTo('POST /posts')).toHaveLength(0)
    })

    it('opening another post starts from that post, never from the one opened before (no false "unsaved changes")', async () => {
      const first = savedPost({ content: 'First post', social_account_ids: ['a-x'] })
      const second = { ...savedPost({ content: 'Second post', social_account_ids: ['a-li'] }), id: 'p-2' }
      server = fakeServer({
        'GET /social-accounts': () => ({ status: 200, body: { items: accounts } }),
        'GET /social-accounts/platforms': () => ({ status: 200, body: { items: platforms } }),
        'POST /posts/check': check,
        'GET /posts/p-1': () => ({ status: 200, body: first }),
        'GET /posts/p-2': () => ({ status: 200, body: second, delayMs: 150 }),
      })
      const { router } = renderWithNav('/posts/p-1')
      await waitFor(() => expect(screen.getByLabelText('Post text')).toHaveValue('First post'))
      await act(() => router.navigate('/compose'))
      expect(await screen.findByRole('heading', { name: 'Compose' })).toBeInTheDocument()
      await act(() => router.navigate('/posts/p-2'))
      await screen.findByRole('heading', { name: 'Edit post' })
      expect(screen.getByLabelText('Post text')).toHaveValue('Second post')
      expect(screen.getByRole('checkbox', { name: 'LinkedIn: Ada L' })).toBeChecked()
      await userEvent.setup().click(screen.getByRole('link', { name: 'Go to Schedule' }))
      expect(await screen.findByText('Schedule page')).toBeInTheDocument()
      expect(server!.calls.filter((c) => c.method === 'PUT')).toEqual([])
    })

    it('an untouched editor lets the user go, and the editor is not held back when it opens the post it created', async () => {
      serve()
      const { router } = renderWithNav('/compose')
      const user = userEvent.setup()
      await user.click(await screen.findByRole('link', { name: 'Go to Schedule' }))
      expect(await screen.findByText('Schedule page')).toBeInTheDocument()
      await act(() => router.navigate('/compose'))
      await write('Saved at once')
      await user.click(screen.getByRole('button', { name: 'Save draft' }))
      expect(await screen.findByRole('heading', { name: 'Edit post' })).toBeInTheDocument()
      expect(router.state.location.pathname).toBe('/posts/p-1')
      expect(screen.queryByRole('dialog')).toBeNull()
    })
  })

  it('21.4 a reopened post shows its media in the editor and in the previews', async () => {
    const stored = { ...savedPost({ content: 'With picture', social_account_ids: ['a-x'] }), media_ids: ['m-9'] }
    server = fakeServer({
      'GET /social-accounts': () => ({ status: 200, body: { items: accounts } }),
      'GET /social-accounts/platforms': () => ({ status: 200, body: { items: platforms } }),
      'POST /posts/check': check,
      'GET /posts/p-1': () => ({ status: 200, body: stored }),
      'GET /media/m-9': () => ({
        status: 200,
        body: {
          id: 'm-9',
          kind: 'image',
          mime_type: 'image/png',
          size_bytes: 10,
          width: 9,
          height: 9,
          duration_seconds: null,
          url: '/media/a.png',
          thumbnail_url: '/media/a.thumb.webp',
          filename: 'sunset.png',
          status: 'ready',
        },
      }),
    })
    renderWithStore(
      <Routes>
        <Route path="/posts/:id" element={<ComposePage />} />
      </Routes>,
      { auth: signedIn(makeUser()), route: '/posts/p-1' },
    )
    expect(await screen.findByRole('img', { name: 'sunset.png' })).toHaveAttribute('src', '/media/a.thumb.webp')
    expect(screen.getByRole('button', { name: 'Remove sunset.png' })).toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('figure', { name: 'X preview' }).querySelector('img[src="/media/a.png"]')).not.toBeNull())
  })

  it('21.15 Ctrl/Cmd+Enter publishes from the editor; with Shift it schedules', async () => {
    serve()
    renderCompose()
    const user = await write('Straight from the keyboard')
    await user.click(screen.getByLabelText('Post text'))
    await user.keyboard('{Control>}{Enter}{/Control}')
    await waitFor(() => expect(server!.callsTo('POST /posts')).toHaveLength(1))
    expect(server!.callsTo('POST /posts')[0].body).toMatchObject({ content: 'Straight from the keyboard', publish: true })
    expect(screen.getByLabelText('Post text')).toHaveValue('Straight from the keyboard') // no new line typed
  })

  it('21.15 Ctrl/Cmd+Shift+Enter schedules for the time picked', async () => {
    serve()
    renderCompose()
    const user = await write('Later, from the keyboard')
    const when = (screen.getByLabelText(/Schedule for/) as HTMLInputElement).value
    await user.click(screen.getByLabelText('Post text'))
    await user.keyboard('{Meta>}{Shift>}{Enter}{/Shift}{/Meta}')
    await waitFor(() => expect(server!.callsTo('POST /posts')).toHaveLength(1))
    expect(server!.callsTo('POST /posts')[0].body).toMatchObject({ schedule: { scheduled_for: when, timezone: 'Europe/Berlin' } })
    expect(server!.callsTo('POST /posts')[0].body).not.toHaveProperty('publish')
  })

  it('21.15 each "Remove" names its own file, also when two files share a name', async () => {
    const stored = { ...savedPost({ content: 'Three pictures', social_account_ids: ['a-x'] }), media_ids: ['m-1', 'm-2', 'm-3'] }
    const media = (id: string, filename: string) => ({
      status: 200,
      body: { id, kind: 'image', mime_type: 'image/png', size_bytes: 10, width: 9, height: 9, duration_seconds: null, url: `/media/${id}.png`, thumbnail_url: null, filename, status: 'ready' },
    })
    server = fakeServer({
      'GET /social-accounts': () => ({ status: 200, body: { items: accounts } }),
      'GET /social-accounts/platforms': () => ({ status: 200, body: { items: platforms } }),
      'POST /posts/check': check,
      'GET /posts/p-1': () => ({ status: 200, body: stored }),
      'GET /media/m-1': () => media('m-1', 'photo.png'),
      'GET /media/m-2': () => media('m-2', 'photo.png'),
      'GET /media/m-3': () => media('m-3', 'sunset.png'),
    })
    renderWithStore(
      <Routes>
        <Route path="/posts/:id" element={<ComposePage />} />
      </Routes>,
      { auth: signedIn(makeUser()), route: '/posts/p-1' },
    )
    const attached = await screen.findByRole('list', { name: 'Attached media' })
    await waitFor(() => expect(within(attached).getAllByRole('img')).toHaveLength(3))
    const names = within(attached)
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label'))
    expect(names).toEqual(['Remove photo.png (1 of 3)', 'Remove photo.png (2 of 3)', 'Remove sunset.png'])
    expect(new Set(names).size).toBe(3)
  })

  it('21.12 an upload error does not outlive the next upload', async () => {
    let refused = true
    serve({
      'POST /media/uploads': () =>
        refused
          ? { status: 413, body: { error: { code: 'too_large', message: 'Files can be at most 100 MB.' } } }
          : { status: 201, body: { id: 'm-1', kind: 'image', mime_type: 'image/png', size_bytes: 10, url: '', status: 'uploading', width: null, height: null, duration_seconds: null } },
      'POST /posts/upload-media': () => ({ status: 201, body: {}, delayMs: 60_000 }),
    })
    renderCompose()
    const user = await write('Pictures')
    await user.upload(screen.getByLabelText('Upload media'), new File(['x'], 'huge.png', { type: 'image/png' }))
    expect(await screen.findByText('huge.png: Files can be at most 100 MB.')).toBeInTheDocument()
    refused = false
    await user.upload(screen.getByLabelText('Upload media'), new File(['x'], 'small.png', { type: 'image/png' }))
    expect(await screen.findByText(/Wait for small.png to finish uploading/)).toBeInTheDocument()
    expect(screen.queryByText(/huge.png/)).not.toBeInTheDocument()
  })

  it('21.7 Optimize with AI on a new post optimizes in one click', async () => {
    serve({
      'POST /posts/p-1/optimize': () => ({
        status: 200,
        body: {
          optimizer: 'offline',
          notice: null,
          variants: [{ platform_post_id: 't-0', platform: 'twitter', content: 'Better for X', title: null, optimized_by: 'offline', fallback_reason: null, problems: [] }],
        },
      }),
    })
    renderCompose()
    const user = await write('Make it better')
    await user.click(screen.getByRole('button', { name: 'Optimize with AI' }))
    expect(await screen.findByText('Better for X')).toBeInTheDocument()
    expect(server!.callsTo('POST /posts')).toHaveLength(1)
    expect(server!.callsTo('POST /posts/p-1/optimize')).toHaveLength(1)
  })
})
