import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import BillingPage from './BillingPage'
import { fakeServer } from '../../test/fakeServer'
import { renderWithStore, signedIn } from '../../test/render'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => {
  server?.restore()
  vi.unstubAllGlobals()
})

const plans = [
  { slug: 'free', name: 'Free', currency: 'usd', price_monthly: 0, price_yearly: 0, posts_per_month: 10, connected_accounts_limit: 2, features: ['basic_posting'] },
  { slug: 'pro', name: 'Pro', currency: 'usd', price_monthly: 7900, price_yearly: 79000, posts_per_month: -1, connected_accounts_limit: 10, features: ['analytics'] },
]
const subscription = (tier: string, posts: number, limit: number) => ({
  tier,
  plan_name: tier === 'free' ? 'Free' : 'Pro',
  status: tier === 'free' ? 'inactive' : 'active',
  interval: null,
  current_period_end: null,
  cancel_at_period_end: false,
  usage: { posts_this_month: posts, posts_per_month: limit, connected_accounts: 2, connected_accounts_limit: tier === 'free' ? 2 : 10 },
  features: [],
})

function serve(sub: object) {
  server = fakeServer({
    'GET /billing/plans': () => ({ status: 200, body: { plans } }),
    'GET /billing/subscription': () => ({ status: 200, body: sub }),
    'POST /billing/checkout': () => ({ status: 200, body: { url: 'http://127.0.0.1/sandbox/stripe/checkout/cs_1' } }),
  })
}

describe('billing', () => {
  it('shows the plan and usage bars against its limits', async () => {
    serve(subscription('free', 9, 10))
    renderWithStore(<BillingPage />, { auth: signedIn() })
    expect(await screen.findByTestId('current-plan')).toHaveTextContent('Free')
    expect(screen.getByRole('progressbar', { name: 'Posts this month' })).toHaveAttribute('aria-valuetext', '9 of 10')
    expect(screen.getByRole('progressbar', { name: 'Connected accounts' })).toHaveAttribute('aria-valuetext', '2 of 2')
  })

  it('shows unlimited limits as such', async () => {
    serve(subscription('pro', 42, -1))
    renderWithStore(<BillingPage />, { auth: signedIn() })
    expect(await screen.findByTestId('usage-posts-this-month')).toHaveTextContent('42 / Unlimited')
  })

  it('Upgrade starts a checkout and sends the browser to it', async () => {
    serve(subscription('free', 0, 10))
    const assign = vi.fn()
    vi.stubGlobal('location', { ...window.location, assign })
    renderWithStore(<BillingPage />, { auth: signedIn() })
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Upgrade to Pro' }))
    await waitFor(() => expect(assign).toHaveBeenCalledWith('http://127.0.0.1/sandbox/stripe/checkout/cs_1'))
    expect(server!.callsTo('POST /billing/checkout')[0].body).toEqual({ plan: 'pro', interval: 'month' })
  })

  it('says when checkout was cancelled', async () => {
    serve(subscription('free', 0, 10))
    renderWithStore(<BillingPage />, { auth: signedIn(), route: '/billing?checkout=cancelled' })
    expect(await screen.findByText('Checkout cancelled: nothing was charged.')).toBeInTheDocument()
  })
})
