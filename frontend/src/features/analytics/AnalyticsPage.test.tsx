import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route, Routes } from 'react-router-dom'
import AnalyticsPage from './AnalyticsPage'
import PostAnalyticsPage from './PostAnalyticsPage'
import { emptyOverview, proOverview, target, topPost } from './fixtures'
import { fakeServer, type FakeResponse } from '../../test/fakeServer'
import { renderWithStore, signedIn } from '../../test/render'

let server: ReturnType<typeof fakeServer> | undefined
beforeEach(() => {
  // jsdom lays nothing out, so every chart measures 0x0 and Recharts warns about it.
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  // Recharts' ResponsiveContainer measures with ResizeObserver, which jsdom lacks.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  )
})
afterEach(() => {
  server?.restore()
  vi.unstubAllGlobals()
})

const notInPlan = (message: string, required: string): FakeResponse => ({ status: 402, body: { error: { code: 'plan_feature', message, details: { required_plan: required } } } })

function serve(routes: Record<string, () => FakeResponse>) {
  server = fakeServer(routes)
}

function renderPage(route = '/analytics') {
  return renderWithStore(
    <Routes>
      <Route path="/analytics" element={<AnalyticsPage />} />
      <Route path="/analytics/posts/:id" element={<PostAnalyticsPage />} />
    </Routes>,
    { auth: signedIn(), route },
  )
}

describe('analytics page', () => {
  it('shows the empty state to a new user with nothing published', async () => {
    serve({ 'GET /analytics/overview': () => ({ status: 200, body: emptyOverview() }) })
    renderPage()
    expect(await screen.findByText('No analytics yet')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Write a post' })).toHaveAttribute('href', '/compose')
    expect(screen.queryByText('Platform breakdown')).not.toBeInTheDocument()
  })

  it('shows totals, charts, top posts linking to the post page, and the Business breakdown gate', async () => {
    serve({
      'GET /analytics/overview': () => ({ status: 200, body: proOverview() }),
      'GET /analytics/platforms': () => notInPlan('The platform breakdown is not part of the Pro plan. Upgrade to Business to unlock it.', 'business'),
    })
    renderPage()
    expect(await screen.findByTestId('total-impressions')).toHaveTextContent('15.4K')
    expect(screen.getByTestId('total-posts_published')).toHaveTextContent('3')
    expect(screen.getByRole('img', { name: /Followers over time/ })).toBeInTheDocument()
    expect(screen.getByRole('img', { name: /Engagement per platform/ })).toBeInTheDocument()
    expect(screen.getByRole('img', { name: 'Posts published per day' })).toBeInTheDocument()
    const top = within(screen.getByRole('table', { name: 'Top posts' }))
    expect(top.getByRole('link', { name: 'Our launch post' })).toHaveAttribute('href', '/analytics/posts/p-1')
    expect(await screen.findByText(/platform breakdown is not part of the Pro plan/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'See the Business plan' })).toHaveAttribute('href', '/billing')
    expect(server!.callsTo('GET /analytics/overview')).toHaveLength(1)
  })

  it('shows "not reported" where the API has no engagement rate (a LinkedIn post), never 0.00% (21.12)', async () => {
    const linkedIn = { platform: 'linkedin', reported_metrics: ['likes', 'comments'], posts_published: 1, impressions: 0, likes: 46, comments: 2, shares: 0, clicks: 0, engagement_rate: null }
    serve({
      'GET /analytics/overview': () => ({
        status: 200,
        body: proOverview({
          totals: { posts_published: 1, impressions: 0, likes: 46, comments: 2, shares: 0, clicks: 0, engagement_rate: null },
          per_platform: [linkedIn],
          top_posts: [topPost({ platform: 'linkedin', content: 'Hiring!', impressions: 0, likes: 46, comments: 2, shares: 0, clicks: 0, engagement_rate: null })],
        }),
      }),
      'GET /analytics/platforms': () => notInPlan('The platform breakdown is not part of the Pro plan.', 'business'),
    })
    renderPage()
    expect(await screen.findByTestId('total-engagement_rate')).toHaveTextContent('not reported')
    const row = within(screen.getByRole('table', { name: 'Top posts' })).getByRole('row', { name: /Hiring!/ })
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([expect.stringContaining('Hiring!'), 'not reported', '48', 'not reported'])
    expect(screen.queryByText('0.00%')).toBeNull()
  })

  it('shows Free the follower counts it has, with the way to post numbers', async () => {
    serve({
      'GET /analytics/overview': () => ({ status: 200, body: emptyOverview({ totals: { ...emptyOverview().totals, posts_published: 2 }, published_per_day: [{ date: '2026-11-25', count: 2 }] }) }),
    })
    renderPage()
    expect(await screen.findByTestId('total-likes')).toHaveTextContent('\u2014')
    expect(screen.getAllByText(/come with the Pro plan/).length).toBeGreaterThan(0)
    expect(screen.getByText(/No follower counts yet/)).toBeInTheDocument()
  })

  it('a 402 on the 90-day range explains it and links to billing', async () => {
    serve({ 'GET /analytics/overview': () => ({ status: 200, body: proOverview() }) })
    const { store } = renderPage()
    await screen.findByTestId('total-impressions')
    server!.restore()
    serve({ 'GET /analytics/overview': () => notInPlan('The 90-day range is not part of the Pro plan. Upgrade to Business to unlock it.', 'business') })
    await userEvent.setup().click(screen.getByRole('radio', { name: '90 days' }))
    expect(await screen.findByText(/The 90-day range is not part of the Pro plan/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'See the Business plan' })).toHaveAttribute('href', '/billing')
    expect(store.getState().api.queries['getOverview("90d")']?.status).toBe('rejected')
  })

  it('Refresh now: a 429 says when it can be asked again and disables the button', async () => {
    serve({
      'GET /analytics/overview': () => ({ status: 200, body: proOverview() }),
      'POST /analytics/refresh': () => ({
        status: 429,
        headers: { 'retry-after': '240' },
        body: { error: { code: 'refresh_too_soon', message: 'Numbers were refreshed moments ago; try again in 240 seconds.' } },
      }),
    })
    renderPage()
    await screen.findByTestId('total-impressions')
    await userEvent.setup().click(screen.getByRole('button', { name: 'Refresh now' }))
    expect(await screen.findByTestId('refresh-message')).toHaveTextContent(/You can refresh again at \d/)
    expect(screen.getByRole('button', { name: 'Refresh now' })).toBeDisabled()
  })

  it('Export CSV downloads with the bearer token; a 402 shows the plan notice', async () => {
    serve({
      'GET /analytics/overview': () => ({ status: 200, body: proOverview() }),
      'GET /analytics/posts.csv': () => notInPlan('The CSV export is not part of the Pro plan. Upgrade to Business to unlock it.', 'business'),
    })
    renderPage()
    await screen.findByTestId('total-impressions')
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export CSV' }))
    expect(await screen.findByText(/The CSV export is not part of the Pro plan/)).toBeInTheDocument()
    expect(server!.callsTo('GET /analytics/posts.csv')[0].authorization).toBe('Bearer access-1')
  })
})

describe('post analytics page', () => {
  it("shows each platform's latest numbers, growth since publishing and the snapshot chart", async () => {
    serve({
      'GET /analytics/posts/p-1': () => ({
        status: 200,
        body: {
          post_id: 'p-1',
          content: 'Our launch post',
          status: 'published',
          published_at: '2026-11-20T10:00:00Z',
          totals: { impressions: 900, likes: 20, comments: 1, shares: 0, clicks: 2, engagement_rate: 2.5 },
          platforms: [target(), target({ id: 'pp-2', platform: 'linkedin', username: null, latest: null, series: [] })],
        },
      }),
    })
    renderPage('/analytics/posts/p-1')
    const x = await screen.findByTestId('post-analytics-twitter')
    expect(within(x).getByText('Impressions').parentElement).toHaveTextContent('900+800 since first measured')
    expect(within(x).getByRole('img', { name: /Growth since publishing on X/ })).toBeInTheDocument()
    expect(within(screen.getByTestId('post-analytics-linkedin')).getByText(/No numbers yet/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Open the post' })).toHaveAttribute('href', '/posts/p-1')
  })

  it('explains a 402 (Free and Starter have no post analytics)', async () => {
    serve({ 'GET /analytics/posts/p-1': () => notInPlan('Post analytics is not part of the Free plan. Upgrade to Pro to unlock it.', 'pro') })
    renderPage('/analytics/posts/p-1')
    expect(await screen.findByText(/Post analytics is not part of the Free plan/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'See the Pro plan' })).toHaveAttribute('href', '/billing')
  })
})
