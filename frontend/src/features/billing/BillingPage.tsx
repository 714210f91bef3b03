import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { asApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { formatDateTime, safeZone } from '../../app/time'
import { Alert } from '../../components/Alert'
import { Badge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { Card } from '../../components/Card'
import { cx } from '../../components/cx'
import { LoadingBlock, PageHeader } from '../../components/PageHeader'
import { selectCurrentUser } from '../auth/authSlice'
import { useCurrentWorkspace } from '../workspaces/permissions'
import { billingApi, useGetPlansQuery, useGetSubscriptionQuery, useOpenPortalMutation, useStartCheckoutMutation, type Plan } from './billingApi'

const UNLIMITED = -1

function price(cents: number | null, currency = 'usd') {
  if (cents === null) return '\u2014'
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase(), maximumFractionDigits: cents % 100 ? 2 : 0 }).format(cents / 100)
}

function featureLabel(feature: string) {
  return feature
    .replace(/_/g, ' ')
    .replace(/^(\d+) platforms$/, '$1 connected accounts')
    .replace(/^./, (c) => c.toUpperCase())
    .replace(/\bai\b/gi, 'AI')
}

export function UsageBar({ label, used, limit }: { label: string; used: number; limit: number }) {
  const unlimited = limit === UNLIMITED
  const ratio = unlimited || limit <= 0 ? 0 : Math.min(1, used / limit)
  return (
    <div>
      <div className="flex justify-between text-sm">
        <span className="font-medium text-slate-800 dark:text-slate-200">{label}</span>
        <span className="text-slate-600 dark:text-slate-400 tabular-nums" data-testid={`usage-${label.toLowerCase().replace(/\s+/g, '-')}`}>
          {used} / {unlimited ? 'Unlimited' : limit}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={unlimited ? undefined : limit}
        aria-valuenow={used}
        aria-valuetext={unlimited ? `${used}, unlimited` : `${used} of ${limit}`}
        className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
      >
        <div className={cx('h-full rounded-full', ratio >= 1 ? 'bg-red-500' : ratio >= 0.8 ? 'bg-amber-500' : 'bg-indigo-600')} style={{ width: `${unlimited ? 0 : ratio * 100}%` }} />
      </div>
    </div>
  )
}

function PlanCard({ plan, current, interval, onChoose, busy, canBuy }: { plan: Plan; current: boolean; interval: 'month' | 'year'; onChoose: () => void; busy: boolean; canBuy: boolean }) {
  const cents = interval === 'year' ? plan.price_yearly : plan.price_monthly
  return (
    <li
      className={cx('flex flex-col rounded-xl p-5 ring-1', current ? 'bg-indigo-50/50 dark:bg-indigo-950/50 ring-indigo-400' : 'bg-white dark:bg-slate-900 ring-slate-200 dark:ring-slate-700')}
      data-testid={`plan-${plan.slug}`}
    >
      <div className="flex items-center justify-between">
        <h3 className="text-base font-semibold text-slate-900 dark:text-slate-100">{plan.name}</h3>
        {current && <Badge tone="indigo">Current plan</Badge>}
      </div>
      <p className="mt-2 text-2xl font-semibold text-slate-900 dark:text-slate-100">
        {price(cents, plan.currency)}
        <span className="text-sm font-normal text-slate-500 dark:text-slate-400"> / {interval}</span>
      </p>
      <ul className="mt-3 flex-1 space-y-1 text-sm text-slate-600 dark:text-slate-400">
        <li>{plan.posts_per_month === UNLIMITED ? 'Unlimited posts' : `${plan.posts_per_month} posts a month`}</li>
        <li>{plan.connected_accounts_limit} connected accounts</li>
        {plan.features
          .filter((f) => !/posts|platforms/.test(f))
          .map((f) => (
            <li key={f}>{featureLabel(f)}</li>
          ))}
      </ul>
      {canBuy && !current && plan.price_monthly > 0 && (
        <Button className="mt-4" onClick={onChoose} loading={busy}>
          Upgrade to {plan.name}
        </Button>
      )}
    </li>
  )
}

function Billing() {
  const user = useAppSelector(selectCurrentUser)
  const timeZone = safeZone(user?.timezone)
  const [params, setParams] = useSearchParams()
  const [outcome] = useState(params.get('checkout'))
  // The plan changes when the payment provider's webhook arrives, moments after the redirect:
  // poll until the cached subscription shows a new paid tier, for 30 s at most.
  const cached = billingApi.endpoints.getSubscription.useQueryState(undefined)
  const [startedTier] = useState(() => cached.data?.tier ?? null)
  const [waitTimedOut, setWaitTimedOut] = useState(false)
  const upgraded = !!cached.data && cached.data.tier !== 'free' && cached.data.tier !== startedTier
  const waitingForUpgrade = outcome === 'success' && !upgraded && !waitTimedOut
  const subscription = useGetSubscriptionQuery(undefined, { pollingInterval: waitingForUpgrade ? 1500 : 0 })
  const plans = useGetPlansQuery()
  const [checkout, checkoutState] = useStartCheckoutMutation()
  const [portal, portalState] = useOpenPortalMutation()
  const [interval, setBillingInterval] = useState<'month' | 'year'>('month')
  const [pending, setPending] = useState<string | null>(null)
  // The plan is the workspace's: only its owner changes it.
  const { workspace, permissions } = useCurrentWorkspace()

  useEffect(() => {
    if (params.has('checkout')) setParams({}, { replace: true })
  }, [params, setParams])
  useEffect(() => {
    if (outcome !== 'success') return
    const stop = setTimeout(() => setWaitTimedOut(true), 30_000)
    return () => clearTimeout(stop)
  }, [outcome])

  async function go(action: () => Promise<{ url: string }>, key: string) {
    setPending(key)
    try {
      const { url } = await action()
      window.location.assign(url)
    } catch {
      setPending(null)
    }
  }

  const error = asApiError(subscription.error ?? plans.error ?? checkoutState.error ?? portalState.error)
  const sub = subscription.data
  return (
    <div className="space-y-6">
      <PageHeader
        title="Billing"
        description={workspace && !workspace.personal ? `The plan of ${workspace.name}, what it has used this month, and upgrades.` : "Your plan, what you've used this month, and upgrades."}
      />
      {!permissions.isOwner && permissions.role && <Alert tone="info">Only the owner of {workspace?.name ?? 'this workspace'} changes its plan. You can see it and what it has used.</Alert>}
      {outcome === 'success' && (
        <Alert tone="success" title="Thanks for upgrading!">
          {waitingForUpgrade ? 'Confirming your payment…' : 'Your new plan is active.'}
        </Alert>
      )}
      {outcome === 'cancelled' && <Alert tone="info">Checkout cancelled: nothing was charged.</Alert>}
      {error && <Alert tone="error">{error.message}</Alert>}

      <Card title="Current plan">
        {!sub ? (
          <LoadingBlock />
        ) : (
          <div className="space-y-5">
            <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
              <div>
                <p className="flex items-center gap-2 text-lg font-semibold text-slate-900 dark:text-slate-100">
                  <span data-testid="current-plan">{sub.plan_name ?? sub.tier}</span>
                  {sub.tier !== 'free' && <Badge tone={sub.status === 'active' || sub.status === 'trialing' ? 'green' : 'amber'}>{sub.status.replace(/_/g, ' ')}</Badge>}
                </p>
                {sub.current_period_end && (
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {sub.cancel_at_period_end ? 'Ends' : 'Renews'} {formatDateTime(sub.current_period_end, timeZone, { dateStyle: 'long' })}
                    {sub.interval && ` · billed ${sub.interval === 'year' ? 'yearly' : 'monthly'}`}
                  </p>
                )}
                {sub.restricted && <p className="text-sm text-amber-800 dark:text-amber-200">Your account is over its plan's limits; some accounts are paused.</p>}
              </div>
              {sub.tier !== 'free' && permissions.isOwner && (
                <Button variant="secondary" onClick={() => void go(() => portal().unwrap(), 'portal')} loading={pending === 'portal'}>
                  Manage subscription
                </Button>
              )}
            </div>
            <UsageBar label="Posts this month" used={sub.usage.posts_this_month} limit={sub.usage.posts_per_month} />
            <UsageBar label="Connected accounts" used={sub.usage.connected_accounts} limit={sub.usage.connected_accounts_limit} />
          </div>
        )}
      </Card>

      <Card title="Plans">
        <div className="mb-4 flex rounded-md ring-1 ring-slate-300 dark:ring-slate-600 w-fit" role="group" aria-label="Billing interval">
          {(['month', 'year'] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={interval === v}
              onClick={() => setBillingInterval(v)}
              className={cx(
                'px-3 py-1.5 text-sm font-medium first:rounded-l-md last:rounded-r-md',
                interval === v ? 'bg-indigo-600 text-white' : 'text-slate-700 dark:text-slate-300 hover:bg-slate-50 dark:hover:bg-slate-950',
              )}
            >
              {v === 'month' ? 'Monthly' : 'Yearly'}
            </button>
          ))}
        </div>
        {plans.isLoading ? (
          <LoadingBlock />
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            {(plans.data ?? []).map((plan) => (
              <PlanCard
                key={plan.slug}
                plan={plan}
                interval={interval}
                current={sub?.tier === plan.slug}
                busy={pending === plan.slug}
                canBuy={permissions.isOwner}
                onChoose={() => void go(() => checkout({ plan: plan.slug, interval }).unwrap(), plan.slug)}
              />
            ))}
          </ul>
        )}
      </Card>
    </div>
  )
}

/** Plans and usage. */
export default function BillingPage() {
  return <Billing />
}
