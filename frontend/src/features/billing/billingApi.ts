import { api } from '../../app/api'

export interface Plan {
  slug: string
  name: string
  currency?: string
  price_monthly: number
  price_yearly: number | null
  /** -1: unlimited. */
  posts_per_month: number
  connected_accounts_limit: number
  features: string[]
}

export interface Subscription {
  tier: string
  plan?: string
  plan_name?: string
  status: string
  interval: 'month' | 'year' | null
  current_period_end: string | null
  cancel_at_period_end: boolean
  grace_until?: string | null
  restricted?: boolean
  usage: {
    posts_this_month: number
    posts_per_month: number
    connected_accounts: number
    connected_accounts_limit: number
    paused_accounts?: number
  }
  features: string[]
}

export const billingApi = api.injectEndpoints({
  endpoints: (build) => ({
    getPlans: build.query<Plan[], void>({
      query: () => ({ url: '/billing/plans' }),
      transformResponse: (body: { plans: Plan[] }) => body.plans,
    }),
    getSubscription: build.query<Subscription, void>({
      query: () => ({ url: '/billing/subscription' }),
      providesTags: ['Billing'],
    }),
    startCheckout: build.mutation<{ url: string }, { plan: string; interval: 'month' | 'year' }>({
      query: (body) => ({ url: '/billing/checkout', method: 'POST', data: body }),
    }),
    openPortal: build.mutation<{ url: string }, void>({
      query: () => ({ url: '/billing/portal', method: 'POST', data: {} }),
    }),
  }),
})

export const { useGetPlansQuery, useGetSubscriptionQuery, useStartCheckoutMutation, useOpenPortalMutation } = billingApi
