import { Link, useParams } from 'react-router-dom'
import { skipToken } from '@reduxjs/toolkit/query'
import { asApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { formatDateTime, safeZone } from '../../app/time'
import { Alert } from '../../components/Alert'
import { Card } from '../../components/Card'
import { EmptyState, LoadingBlock, PageHeader } from '../../components/PageHeader'
import { selectCurrentUser } from '../auth/authSlice'
import { PlatformChip } from '../platforms/PlatformChip'
import { platformName } from '../platforms/platformMeta'
import { PostStatusBadge } from '../posts/PostStatusBadge'
import { useGetPostPerformanceQuery } from './analyticsApi'
import { SnapshotChart } from './Charts'
import { PlanNotice } from './PlanNotice'
import { formatChange, formatCount, formatEngagementRate, growthSincePublishing, hoursLabel, planGate, snapshotSeries } from './shaping'
import type { PlatformPerformance } from './types'

const LABELS: Record<string, string> = { impressions: 'Impressions', likes: 'Likes', comments: 'Comments', shares: 'Shares', clicks: 'Clicks' }

function TargetCard({ target, timeZone }: { target: PlatformPerformance; timeZone: string }) {
  const growth = growthSincePublishing(target)
  const rows = snapshotSeries(target.series)
  const name = platformName(target.platform)
  return (
    <section className="rounded-xl bg-white dark:bg-slate-900 p-5 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700" data-testid={`post-analytics-${target.platform}`}>
      <header className="flex flex-wrap items-center gap-2">
        <PlatformChip platform={target.platform} size="sm" />
        <h2 className="font-semibold text-slate-900 dark:text-slate-100">{target.username ? `${name} @${target.username}` : name}</h2>
        <PostStatusBadge status={target.status} />
        {target.platform_url && (
          <a href={target.platform_url} target="_blank" rel="noreferrer" className="ml-auto text-sm font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
            View on {name}
          </a>
        )}
      </header>
      {!target.latest ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">No numbers yet.{target.next_fetch_at && ` They are fetched next ${formatDateTime(target.next_fetch_at, timeZone)}.`}</p>
      ) : (
        <>
          <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            {growth.map((g) => (
              <div key={g.metric} className="rounded-lg bg-slate-50 dark:bg-slate-950 p-3">
                <dt className="text-xs text-slate-500 dark:text-slate-400">{LABELS[g.metric]}</dt>
                <dd className="mt-0.5 text-lg font-semibold tabular-nums">{formatCount(g.latest)}</dd>
                {g.change !== null && <dd className="text-xs text-emerald-700 dark:text-emerald-300 tabular-nums">{formatChange(g.change)} since first measured</dd>}
              </div>
            ))}
            <div className="rounded-lg bg-slate-50 dark:bg-slate-950 p-3">
              <dt className="text-xs text-slate-500 dark:text-slate-400">Engagement rate</dt>
              <dd className="mt-0.5 text-lg font-semibold tabular-nums">{formatEngagementRate(target.latest.engagement_rate)}</dd>
            </div>
          </dl>
          <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
            Last measured {hoursLabel(target.latest.hours_after_publish)} after publishing ({formatDateTime(target.latest.fetched_at, timeZone)})
            {target.next_fetch_at && `; next ${formatDateTime(target.next_fetch_at, timeZone)}`}.
          </p>
          {rows.length > 1 ? (
            <div className="mt-4">
              <SnapshotChart rows={rows} platform={name} />
            </div>
          ) : (
            <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">The growth chart appears after the second measurement.</p>
          )}
        </>
      )}
    </section>
  )
}

export default function PostAnalyticsPage() {
  const { id } = useParams()
  const user = useAppSelector(selectCurrentUser)
  const timeZone = safeZone(user?.timezone)
  const { data, error, isLoading } = useGetPostPerformanceQuery(id ?? skipToken)
  const apiError = asApiError(error)
  const gate = planGate(apiError)
  const back = (
    <Link to="/analytics" className="text-sm font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
      All analytics
    </Link>
  )
  if (isLoading) return <LoadingBlock label="Loading the post's numbers" />
  if (gate || apiError || !data)
    return (
      <div className="space-y-6">
        <PageHeader title="Post analytics" actions={back} />
        {gate ? (
          <PlanNotice gate={gate} />
        ) : (
          <Alert tone="error" title={apiError?.status === 404 ? 'Post not found' : undefined}>
            {apiError?.message ?? 'Not found.'}
          </Alert>
        )}
      </div>
    )
  const measured = data.platforms.filter((p) => p.published_at)
  return (
    <div className="space-y-6">
      <PageHeader
        title="Post analytics"
        description={data.published_at ? `Published ${formatDateTime(data.published_at, timeZone)}` : undefined}
        actions={
          <>
            <Link to={`/posts/${data.post_id}`} className="text-sm font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
              Open the post
            </Link>
            {back}
          </>
        }
      />
      <Card>
        <p className="text-sm whitespace-pre-wrap text-slate-800 dark:text-slate-200">{data.content}</p>
        <p className="mt-3 flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
          <PostStatusBadge status={data.status} /> Totals: {formatCount(data.totals.impressions)} impressions, {formatCount(data.totals.likes)} likes, {formatCount(data.totals.comments)} comments,{' '}
          {formatCount(data.totals.shares)} shares, {formatCount(data.totals.clicks)} clicks
        </p>
      </Card>
      {measured.length === 0 ? (
        <EmptyState title="Not published yet">Numbers appear once the post is out on a platform.</EmptyState>
      ) : (
        data.platforms.map((target) => <TargetCard key={target.id} target={target} timeZone={timeZone} />)
      )}
    </div>
  )
}
