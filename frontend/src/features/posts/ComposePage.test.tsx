import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route, Routes } from 'react-router-dom'
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
    expect(within(screen.getByRole('tab', { name: /LinkedIn/ })).getByText('11 / 3000')).toBeInTheDocument()
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

  it('schedules in the user time zone and shows a DST error under the picker', async () => {
    serve({
      'POST /posts/p-1/schedule': () => ({
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
    await waitFor(() => expect(server!.callsTo('POST /posts/p-1/schedule')[0]?.body).toEqual({ scheduled_for: '2027-03-28T02:30', timezone: 'Europe/Berlin' }))
    expect(await screen.findByText(/does not exist on 2027-03-28/)).toBeInTheDocument()
  })

  it('explains a plan limit (402) with a link to billing', async () => {
    serve({ 'POST /posts/p-1/publish': () => ({ status: 402, body: { error: { code: 'plan_limit', message: 'Your Free plan allows 10 posts a month.' } } }) })
    renderCompose()
    const user = await write('One too many')
    await user.click(screen.getByRole('button', { name: 'Publish now' }))
    expect(await screen.findByText(/Your Free plan allows 10 posts a month./)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Upgrade your plan' })).toHaveAttribute('href', '/billing')
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
    await screen.findByText('Draft saved.')
    await user.click(screen.getByRole('button', { name: 'Optimize with AI' }))
    expect(await screen.findByText("Your plan doesn't include AI")).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Use the free offline optimizer' }))
    expect(await screen.findByText('Shorter for X')).toBeInTheDocument()
    expect(screen.getByLabelText('Optimized versions')).toHaveTextContent('Optimized by offline')
    expect(server!.callsTo('POST /posts/p-1/optimize').map((c) => c.body)).toEqual([{}, { optimizer: 'offline' }])
    expect(screen.queryByText("Your plan doesn't include AI")).not.toBeInTheDocument()
  })
})
