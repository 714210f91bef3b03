import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { asApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { formatDateTime, safeZone } from '../../app/time'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { Card } from '../../components/Card'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { EmptyState, LoadingBlock, PageHeader } from '../../components/PageHeader'
import { Badge } from '../../components/Badge'
import { Avatar } from '../../components/Avatar'
import { AccountHealthBadge } from './AccountHealth'
import { PlatformChip } from './PlatformChip'
import { handle, platformName, sortByPlatform } from './platformMeta'
import { useGetSubscriptionQuery } from '../billing/billingApi'
import {
  useAddAccountChoicesMutation,
  useConnectAccountMutation,
  useDisconnectAccountMutation,
  useGetAccountsQuery,
  useGetPlatformsQuery,
  useRefreshAccountMutation,
  useSelectAccountChoiceMutation,
} from './platformsApi'
import type { ConnectMethod, SocialAccount } from './types'
import { usePermissions } from '../workspaces/permissions'
import { selectCurrentUser } from '../auth/authSlice'

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 })

export function formatFollowers(count: number | null): string {
  if (count === null) return 'Followers unknown'
  return `${compact.format(count)} follower${count === 1 ? '' : 's'}`
}

/** The result of the OAuth round trip, read once from the URL the backend redirected to. */
function useConnectOutcome() {
  const [params, setParams] = useSearchParams()
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; text: string } | null>(() => {
    if (params.get('connected')) return { tone: 'success', text: 'Account connected.' }
    const error = params.get('error')
    return error ? { tone: 'error', text: params.get('message') || `The connection failed (${error}).` } : null
  })
  useEffect(() => {
    if (params.get('connected') || params.get('error')) setParams({}, { replace: true })
  }, [params, setParams])
  return [outcome, () => setOutcome(null)] as const
}

function useStartConnect() {
  const [connect] = useConnectAccountMutation()
  const [pending, setPending] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  async function start(platform: string, accountId?: string, method?: ConnectMethod) {
    setPending(accountId ?? (method ? `${platform}:${method}` : platform))
    setError(null)
    try {
      const { authorization_url } = await connect({ platform, ...(accountId ? { account_id: accountId } : {}), ...(method ? { method } : {}) }).unwrap()
      // A full redirect: the platform's consent page sends the browser back to /platforms.
      window.location.assign(authorization_url)
    } catch (raw) {
      setError(asApiError(raw)?.message ?? 'Could not start connecting.')
      setPending(null)
    }
  }
  return { start, pending, error }
}

/** Which Page (or Instagram account) a connection posts to, with what happened after "Use this". */
function ChoicePicker({ account }: { account: SocialAccount }) {
  const [select, { isLoading }] = useSelectAccountChoiceMutation()
  const choices = account.choices ?? []
  const current = choices.find((c) => c.id === account.platform_user_id)?.id ?? null
  const [choice, setChoice] = useState(current ?? choices[0]?.id ?? '')
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  if (!choices.length) return null
  const label = account.platform === 'facebook' ? 'Page to post to' : 'Account to post to'
  const nameOf = (id: string) => choices.find((c) => c.id === id)?.name ?? id
  const pending = isLoading ? `Switching to ${nameOf(choice)}…` : null

  async function use() {
    setOutcome(null)
    try {
      const updated = await select({ id: account.id, choice_id: choice }).unwrap()
      setOutcome({ tone: 'success', text: `Now posting to ${updated.display_name || updated.username || nameOf(choice)}.` })
    } catch (raw) {
      setOutcome({ tone: 'error', text: `Couldn't switch to ${nameOf(choice)}: ${asApiError(raw)?.message ?? 'try again.'}` })
    }
  }

  return (
    <form
      className="mt-3 rounded-md bg-slate-50 p-3 dark:bg-slate-950"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault()
        void use()
      }}
    >
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <label className="flex-1 text-sm font-medium text-slate-800 dark:text-slate-200">
          {label}
          <select
            value={choice}
            disabled={isLoading}
            onChange={(e) => {
              setChoice(e.target.value)
              setOutcome(null)
            }}
            className="mt-1 block w-full rounded-md border-0 py-1.5 pl-2 text-sm ring-1 ring-slate-300 ring-inset dark:ring-slate-600"
          >
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name ?? c.id}
                {c.id === current ? ' (posting here now)' : ''}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary" loading={isLoading} disabled={choice === current}>
          Use this
        </Button>
      </div>
      <p aria-live="polite" className="text-sm empty:hidden" data-testid="choice-status">
        {pending && <span className="mt-2 block text-slate-600 dark:text-slate-400">{pending}</span>}
        {outcome?.tone === 'success' && <span className="mt-2 block text-emerald-700 dark:text-emerald-300">{outcome.text}</span>}
      </p>
      {outcome?.tone === 'error' && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {outcome.text}
        </p>
      )}
    </form>
  )
}

const ORGANIZATION = 'urn:li:organization:'

/** A LinkedIn Page connected as an account of its own (it posts as the organisation). */
export function isLinkedInPage(account: SocialAccount): boolean {
  return account.platform === 'linkedin' && account.platform_user_id.startsWith(ORGANIZATION)
}

/**
 * The LinkedIn Pages the member administers, offered at connect: tick the ones to post as,
 * each becomes an account of its own (the member's profile stays connected).
 */
function LinkedInPages({ account, accounts }: { account: SocialAccount; accounts: SocialAccount[] }) {
  const [add, { isLoading }] = useAddAccountChoicesMutation()
  const pages = (account.choices ?? []).filter((c) => c.id.startsWith(ORGANIZATION))
  const connected = new Set(accounts.filter(isLinkedInPage).map((a) => a.platform_user_id))
  const [picked, setPicked] = useState<string[]>([])
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  if (!pages.length) return null
  const nameOf = (id: string) => pages.find((p) => p.id === id)?.name ?? id
  const open = pages.filter((p) => !connected.has(p.id))

  async function addPicked() {
    setOutcome(null)
    try {
      const made = await add({ id: account.id, choice_ids: picked }).unwrap()
      setPicked([])
      const names = made.map((a) => a.display_name || nameOf(a.platform_user_id))
      setOutcome({ tone: 'success', text: `Added ${names.join(', ')}: ${names.length === 1 ? 'it is' : 'they are'} in your accounts, ready to post as the Page.` })
    } catch (raw) {
      setOutcome({ tone: 'error', text: `Couldn't add the Pages: ${asApiError(raw)?.message ?? 'try again.'}` })
    }
  }

  return (
    <form
      className="mt-3 rounded-md bg-slate-50 p-3 dark:bg-slate-950"
      aria-label="LinkedIn Pages you administer"
      onSubmit={(e) => {
        e.preventDefault()
        void addPicked()
      }}
    >
      <p className="text-sm font-medium text-slate-800 dark:text-slate-200">LinkedIn Pages you administer</p>
      <p className="text-xs text-slate-600 dark:text-slate-400">Post as a company Page: add it as an account of its own. Your profile stays connected.</p>
      <ul className="mt-2 space-y-1">
        {pages.map((page) => {
          const done = connected.has(page.id)
          return (
            <li key={page.id}>
              <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
                <input
                  type="checkbox"
                  checked={done || picked.includes(page.id)}
                  disabled={done || isLoading}
                  onChange={(e) => setPicked((all) => (e.target.checked ? [...all, page.id] : all.filter((id) => id !== page.id)))}
                />
                {page.name ?? page.id}
                {done && <Badge tone="green">Connected</Badge>}
              </label>
            </li>
          )
        })}
      </ul>
      {open.length > 0 && (
        <Button type="submit" variant="secondary" className="mt-2" loading={isLoading} disabled={!picked.length}>
          {picked.length > 1 ? `Add ${picked.length} Pages as accounts` : 'Add as an account'}
        </Button>
      )}
      {outcome && (
        <p role={outcome.tone === 'error' ? 'alert' : 'status'} className={`mt-2 text-sm ${outcome.tone === 'error' ? 'text-red-600 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-300'}`}>
          {outcome.text}
        </p>
      )}
    </form>
  )
}

function AccountRow({
  account,
  accounts,
  onReconnect,
  reconnecting,
  canManage,
}: {
  account: SocialAccount
  accounts: SocialAccount[]
  onReconnect: () => void
  reconnecting: boolean
  /** admins and the owner: reconnect, refresh, disconnect, choose the Page */
  canManage: boolean
}) {
  const [refresh, refreshState] = useRefreshAccountMutation()
  const [disconnect, disconnectState] = useDisconnectAccountMutation()
  const [confirming, setConfirming] = useState(false)
  const name = account.display_name || account.username || platformName(account.platform)
  const [shownAt] = useState(() => Date.now())
  const timeZone = safeZone(useAppSelector(selectCurrentUser)?.timezone)
  const endsAt = account.access_ends_at ? new Date(account.access_ends_at) : null
  const endingSoon = endsAt !== null && endsAt.getTime() - shownAt < 7 * 24 * 3600 * 1000
  const needsReconnect = account.status === 'needs_reauth' || account.status === 'revoked' || endingSoon
  const actionError = asApiError(refreshState.error ?? disconnectState.error)

  return (
    <li className="py-4" data-testid="account-row">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <div className="flex min-w-0 flex-1 items-center gap-3">
          <div className="relative">
            <Avatar url={account.avatar_url} name={account.username ?? name} />
            <PlatformChip platform={account.platform} size="sm" className="absolute -right-1 -bottom-1 ring-2 ring-white dark:ring-slate-900" />
          </div>
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
              <span className="truncate">{name}</span>
              <AccountHealthBadge status={account.status} />
              {account.sandbox && <Badge tone="sky">Sandbox</Badge>}
              {isLinkedInPage(account) && <Badge tone="indigo">Company Page</Badge>}
            </p>
            <p className="truncate text-sm text-slate-500 dark:text-slate-400">
              {handle(account.username) ?? account.display_name ?? platformName(account.platform)} · {platformName(account.platform)} · {formatFollowers(account.follower_count)}
            </p>
            {account.status !== 'active' && account.status_reason && <p className="mt-1 text-sm text-amber-800 dark:text-amber-200">{account.status_reason}</p>}
            {account.status === 'active' && endingSoon && endsAt && (
              <p className="mt-1 text-sm text-amber-800 dark:text-amber-200">
                {platformName(account.platform)} ends access on {formatDateTime(account.access_ends_at, timeZone)} and cannot renew it: reconnect before then.
              </p>
            )}
          </div>
        </div>
        {canManage && (
          <div className="flex flex-wrap gap-2">
            {needsReconnect && (
              <Button onClick={onReconnect} loading={reconnecting}>
                Reconnect
              </Button>
            )}
            <Button variant="secondary" onClick={() => void refresh(account.id)} loading={refreshState.isLoading} aria-label={`Refresh ${name}`}>
              Refresh
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(true)} aria-label={`Disconnect ${name}`}>
              Disconnect
            </Button>
          </div>
        )}
      </div>
      {canManage && (account.platform === 'linkedin' ? !isLinkedInPage(account) && <LinkedInPages account={account} accounts={accounts} /> : <ChoicePicker account={account} />)}
      {actionError && (
        <Alert tone="error" className="mt-3">
          {actionError.message}
        </Alert>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Disconnect ${name}?`}
        confirmLabel="Disconnect"
        tone="danger"
        busy={disconnectState.isLoading}
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          void disconnect(account.id)
            .unwrap()
            .then(() => setConfirming(false))
            .catch(() => setConfirming(false))
        }}
      >
        Scheduled posts to this account will not go out. Posts already published stay on {platformName(account.platform)}, and their history stays here.
      </ConfirmDialog>
    </li>
  )
}

/**
 * Instagram has two ways in (issue 19): through the Facebook Page the account is linked to
 * (Facebook Login), or with the Instagram account itself (Instagram login, no Page needed).
 */
function InstagramConnect({ sandbox, pending, disabled, onConnect }: { sandbox: boolean; pending: string | null; disabled: boolean; onConnect: (method: ConnectMethod) => void }) {
  const limit = disabled ? 'Account limit reached: upgrade to connect more' : undefined
  return (
    <li className="rounded-lg p-3 ring-1 ring-slate-200 sm:col-span-2 lg:col-span-3 dark:ring-slate-700" aria-label="Instagram: two ways to connect">
      <div className="flex items-center gap-3">
        <PlatformChip platform="instagram" />
        <p className="text-sm font-medium text-slate-900 dark:text-slate-100">Instagram</p>
        {sandbox && <p className="text-xs text-sky-700 dark:text-sky-300">Sandbox</p>}
      </div>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <div className="space-y-2">
          <Button variant="secondary" onClick={() => onConnect('facebook_login')} loading={pending === 'instagram:facebook_login'} disabled={disabled} title={limit}>
            Connect with Facebook
          </Button>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            For a professional Instagram account linked to a Facebook Page you manage (Business Manager teams too): you log in with Facebook and pick the account.
          </p>
        </div>
        <div className="space-y-2">
          <Button variant="secondary" onClick={() => onConnect('instagram_login')} loading={pending === 'instagram:instagram_login'} disabled={disabled} title={limit}>
            Connect with Instagram login
          </Button>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            For any Business or Creator account, no Facebook Page needed: you log in with the Instagram account itself. One login connects that one account, and its access renews by itself.
          </p>
        </div>
      </div>
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Either way: posts, Reels, Stories and carousels, first comments and insights. Personal Instagram accounts cannot be connected.</p>
    </li>
  )
}

/** The link in a "reconnect before access ends" notice or e-mail (`/platforms?reconnect=<id>`):
 * the account named at the top, with its Reconnect button: one click from the message. */
function ReconnectPrompt({ accounts, pending, onReconnect }: { accounts: SocialAccount[]; pending: string | null; onReconnect: (account: SocialAccount) => void }) {
  const [params] = useSearchParams()
  const id = params.get('reconnect')
  const account = id ? accounts.find((a) => a.id === id) : undefined
  if (!account) return null
  const who = account.username ? `@${account.username}` : (account.display_name ?? 'this account')
  return (
    <Alert
      tone="warning"
      title={`Reconnect ${who} on ${platformName(account.platform)}`}
      action={
        <Button onClick={() => onReconnect(account)} loading={pending === account.id}>
          Reconnect now
        </Button>
      }
    >
      {account.status === 'active' ? 'Its access is about to end; reconnecting renews it.' : (account.status_reason ?? 'It needs reconnecting before posts to it can go out.')}
    </Alert>
  )
}

export default function PlatformsPage() {
  const accounts = useGetAccountsQuery()
  const platforms = useGetPlatformsQuery()
  const [outcome, clearOutcome] = useConnectOutcome()
  const connect = useStartConnect()
  const subscription = useGetSubscriptionQuery()
  const usage = subscription.data?.usage
  // Known before the user leaves for the platform's consent page, not after.
  const atLimit = !!usage && usage.connected_accounts_limit >= 0 && usage.connected_accounts >= usage.connected_accounts_limit
  const loadError = asApiError(accounts.error ?? platforms.error)
  // Connecting, reconnecting and disconnecting are for admins and the owner.
  const { canManageAccounts } = usePermissions()

  return (
    <div className="space-y-6">
      <PageHeader
        title="Platforms"
        description={
          canManageAccounts ? 'Connect the accounts you publish to and keep an eye on their health.' : "The workspace's connected accounts and their health. Its admins connect and disconnect them."
        }
      />
      {outcome && (
        <Alert
          tone={outcome.tone}
          action={
            <Button variant="ghost" onClick={clearOutcome}>
              Dismiss
            </Button>
          }
        >
          {outcome.text}
        </Alert>
      )}
      {connect.error && <Alert tone="error">{connect.error}</Alert>}
      {canManageAccounts && <ReconnectPrompt accounts={accounts.data ?? []} pending={connect.pending} onReconnect={(a) => void connect.start(a.platform, a.id, a.connect_method ?? undefined)} />}
      {loadError && (
        <Alert
          tone="error"
          action={
            <Button
              variant="secondary"
              onClick={() => {
                void accounts.refetch()
                void platforms.refetch()
              }}
            >
              Try again
            </Button>
          }
        >
          {loadError.message}
        </Alert>
      )}

      <Card title="Connected accounts">
        {accounts.isLoading ? (
          <LoadingBlock label="Loading accounts" />
        ) : accounts.data && accounts.data.length > 0 ? (
          <ul className="-my-4 divide-y divide-slate-100 dark:divide-slate-800" aria-label="Connected accounts">
            {sortByPlatform(accounts.data, (a) => a.platform).map((account) => (
              <AccountRow
                key={account.id}
                account={account}
                accounts={accounts.data ?? []}
                canManage={canManageAccounts}
                reconnecting={connect.pending === account.id}
                onReconnect={() => void connect.start(account.platform, account.id, account.connect_method ?? undefined)}
              />
            ))}
          </ul>
        ) : accounts.data ? (
          <EmptyState title="No accounts yet">{canManageAccounts ? 'Connect a platform below to start publishing.' : 'An admin of this workspace connects them.'}</EmptyState>
        ) : null}
      </Card>

      {canManageAccounts && (
        <Card
          title="Connect a platform"
          description="You'll be sent to the platform to approve access, then brought back here."
          actions={
            usage && (
              <p className={`text-sm ${atLimit ? 'font-medium text-amber-700 dark:text-amber-300' : 'text-slate-600 dark:text-slate-400'}`} data-testid="accounts-used">
                {usage.connected_accounts} of {usage.connected_accounts_limit < 0 ? 'unlimited' : usage.connected_accounts_limit} accounts used
              </p>
            )
          }
        >
          {atLimit && (
            <Alert tone="warning" className="mb-4" title="Account limit reached">
              Your {subscription.data?.plan_name ?? 'current'} plan connects up to {usage!.connected_accounts_limit} accounts.{' '}
              <Link to="/billing" className="font-medium underline">
                Upgrade to connect more
              </Link>{' '}
              or disconnect one first.
            </Alert>
          )}
          {platforms.isLoading ? (
            <LoadingBlock label="Loading platforms" />
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              {sortByPlatform(platforms.data ?? [], (p) => p.platform).map((platform) =>
                platform.platform === 'instagram' ? (
                  <InstagramConnect
                    key="instagram"
                    sandbox={platform.sandbox}
                    pending={connect.pending}
                    disabled={atLimit}
                    onConnect={(method) => void connect.start('instagram', undefined, method)}
                  />
                ) : (
                  <li key={platform.platform} className="flex items-center gap-3 rounded-lg p-3 ring-1 ring-slate-200 dark:ring-slate-700">
                    <PlatformChip platform={platform.platform} />
                    <div className="min-w-0 flex-1">
                      <p className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">{platform.display_name}</p>
                      {platform.sandbox && <p className="text-xs text-sky-700 dark:text-sky-300">Sandbox</p>}
                    </div>
                    <Button
                      variant="secondary"
                      onClick={() => void connect.start(platform.platform)}
                      loading={connect.pending === platform.platform}
                      disabled={atLimit}
                      title={atLimit ? 'Account limit reached: upgrade to connect more' : undefined}
                      aria-label={`Connect ${platform.display_name}`}
                    >
                      Connect
                    </Button>
                  </li>
                ),
              )}
            </ul>
          )}
        </Card>
      )}
    </div>
  )
}
