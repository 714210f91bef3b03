import { Link } from 'react-router-dom'
import { asApiError } from '../../app/apiError'
import { dayKey, formatTime, safeZone, zonedLocalToDate } from '../../app/time'
import { Alert } from '../../components/Alert'
import { Card } from '../../components/Card'
import { EmptyState, LoadingBlock } from '../../components/PageHeader'
import { Avatar } from '../../components/Avatar'
import { AccountHealthBadge } from '../platforms/AccountHealth'
import { PlatformChip } from '../platforms/PlatformChip'
import { platformName, sortByPlatform } from '../platforms/platformMeta'
import { useGetAccountsQuery } from '../platforms/platformsApi'
import { formatFollowers } from '../platforms/PlatformsPage'
import { PostStatusBadge } from '../posts/PostStatusBadge'
import { useGetCalendarQuery, useListPostsQuery } from '../posts/postsApi'
import { addDays } from '../schedule/calendarMath'
import { PostRow } from '../schedule/QueueList'
import { usePermissions } from '../workspaces/permissions'

function Stat({ label, value, to }: { label: string; value: number | undefined; to: string }) {
  return (
    <Link to={to} className="rounded-xl bg-white dark:bg-slate-900 p-4 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700 hover:ring-indigo-300 dark:hover:ring-indigo-700">
      <p className="text-sm text-slate-500 dark:text-slate-400">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900 dark:text-slate-100 tabular-nums" data-testid={`stat-${label.toLowerCase().replace(/\s+/g, '-')}`}>
        {value ?? '\u2013'}
      </p>
    </Link>
  )
}

/** Accounts with health, today's queue, recent results and the counts the API gives. */
export function HomeOverview({ timeZone: rawZone }: { timeZone: string | null }) {
  const timeZone = safeZone(rawZone)
  const today = dayKey(new Date(), timeZone)
  const accounts = useGetAccountsQuery()
  const { canWrite, canManageAccounts } = usePermissions()
  const scheduled = useListPostsQuery({ status: 'scheduled', limit: 1, offset: 0 })
  const published = useListPostsQuery({ status: 'published', limit: 5, offset: 0 })
  const failed = useListPostsQuery({ status: 'failed', limit: 5, offset: 0 })
  const todays = useGetCalendarQuery({
    from: zonedLocalToDate(`${today}T00:00`, timeZone).toISOString(),
    to: zonedLocalToDate(`${addDays(today, 1)}T00:00`, timeZone).toISOString(),
  })
  const recent = [...(published.data?.items ?? []), ...(failed.data?.items ?? [])].sort((a, b) => (b.published_at ?? b.updated_at).localeCompare(a.published_at ?? a.updated_at)).slice(0, 5)
  const unhealthy = accounts.data?.filter((a) => a.status !== 'active') ?? []

  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Connected accounts" value={accounts.data?.length} to="/platforms" />
        <Stat label="Scheduled" value={scheduled.data?.total} to="/schedule" />
        <Stat label="Published" value={published.data?.total} to="/schedule" />
        <Stat label="Failed" value={failed.data?.total} to="/schedule" />
      </div>

      {unhealthy.length > 0 && (
        <Alert tone="warning" title="Some accounts need attention">
          {unhealthy.map((a) => `${platformName(a.platform)} @${a.username ?? a.platform_user_id}: ${a.status_reason ?? a.status}`).join(' · ')}{' '}
          <Link to="/platforms" className="font-medium underline">
            Fix on Platforms
          </Link>
        </Alert>
      )}

      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card title="Today's queue">
          {todays.isLoading ? (
            <LoadingBlock />
          ) : todays.error ? (
            <Alert tone="error">{asApiError(todays.error)?.message}</Alert>
          ) : todays.data?.length ? (
            <ul className="-my-2 divide-y divide-slate-100 dark:divide-slate-800">
              {todays.data.map((item) => (
                <li key={item.id} className="flex items-center gap-3 py-2 text-sm">
                  <span className="w-16 shrink-0 font-semibold text-slate-700 dark:text-slate-300 tabular-nums">{formatTime(item.at, timeZone)}</span>
                  <Link to={`/posts/${item.id}`} className="min-w-0 flex-1 truncate hover:text-indigo-600 dark:hover:text-indigo-300">
                    {item.title || item.content}
                  </Link>
                  <span className="hidden gap-0.5 sm:flex">
                    {item.platforms.map((p) => (
                      <PlatformChip key={p} platform={p} size="sm" />
                    ))}
                  </span>
                  <PostStatusBadge status={item.status} />
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState
              title="Nothing planned for today"
              action={
                canWrite && (
                  <Link to="/compose" className="text-sm font-medium text-indigo-600 dark:text-indigo-300">
                    Write a post
                  </Link>
                )
              }
            />
          )}
        </Card>

        <Card title="Recent results">
          {published.isLoading || failed.isLoading ? (
            <LoadingBlock />
          ) : published.error || failed.error ? (
            <Alert tone="error">{asApiError(published.error ?? failed.error)?.message}</Alert>
          ) : recent.length ? (
            <ul className="-my-3 divide-y divide-slate-100 dark:divide-slate-800">
              {recent.map((post) => (
                <PostRow key={post.id} post={post} timeZone={timeZone} actions={false} />
              ))}
            </ul>
          ) : (
            <EmptyState title="No results yet">Published and failed posts show up here.</EmptyState>
          )}
        </Card>
      </div>

      <Card title="Accounts">
        {accounts.isLoading ? (
          <LoadingBlock />
        ) : accounts.error ? (
          <Alert tone="error">{asApiError(accounts.error)?.message}</Alert>
        ) : accounts.data?.length ? (
          <ul className="grid gap-3 sm:grid-cols-2">
            {sortByPlatform(accounts.data, (a) => a.platform).map((a) => (
              <li key={a.id} className="flex items-center gap-3 rounded-lg p-3 ring-1 ring-slate-200 dark:ring-slate-700">
                <Avatar url={a.avatar_url} name={a.username ?? a.platform} />
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">
                    {a.display_name || a.username} <span className="text-slate-500 dark:text-slate-400">· {platformName(a.platform)}</span>
                  </p>
                  <p className="text-xs text-slate-500 dark:text-slate-400">{formatFollowers(a.follower_count)}</p>
                </div>
                <AccountHealthBadge status={a.status} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState
            title="No accounts connected"
            action={
              canManageAccounts && (
                <Link to="/platforms" className="text-sm font-medium text-indigo-600 dark:text-indigo-300">
                  Connect a platform
                </Link>
              )
            }
          />
        )}
      </Card>
    </div>
  )
}
