import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { asApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { formatDateTime, safeZone } from '../../app/time'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { Card } from '../../components/Card'
import { EmptyState, LoadingBlock, PageHeader } from '../../components/PageHeader'
import { selectCurrentUser } from '../auth/authSlice'
import { PlatformChip } from '../platforms/PlatformChip'
import { platformName } from '../platforms/platformMeta'
import { AnalyticsActions } from './AnalyticsActions'
import { useGetOverviewQuery, useGetPlatformBreakdownQuery } from './analyticsApi'
import { EngagementChart, FollowersChart, PublishedPerDayChart } from './Charts'
import { PlanNotice } from './PlanNotice'
import { RangePicker } from './RangePicker'
import {
  accountLabel,
  engagementByPlatform,
  followerSeries,
  formatChange,
  formatCount,
  formatEngagementRate,
  hasPostNumbers,
  headline,
  ifReported,
  overviewState,
  planGate,
  publishedPerDay,
  RANGES,
} from './shaping'
import type { Overview, RangeName, TopPost } from './types'

function isRange(value: string | null): value is RangeName {
  return RANGES.some((r) => r.value === value)
}

function Headline({ overview }: { overview: Overview }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
      {headline(overview.totals).map((tile) => (
        <div key={tile.key} className="rounded-xl bg-white dark:bg-slate-900 p-4 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700" data-testid={`total-${tile.key}`}>
          <dt className="text-xs font-medium text-slate-500 dark:text-slate-400" title={tile.hint}>
            {tile.label}
          </dt>
          <dd className="mt-1 text-xl font-semibold text-slate-900 dark:text-slate-100 tabular-nums">{tile.value}</dd>
        </div>
      ))}
    </dl>
  )
}

function UpgradeForNumbers() {
  return (
    <p className="text-sm text-slate-600 dark:text-slate-400">
      Impressions, likes, comments, shares and clicks per post come with the Pro plan.{' '}
      <Link to="/billing" className="font-medium text-indigo-600 dark:text-indigo-300 underline">
        See plans
      </Link>
    </p>
  )
}

function TopPosts({ posts, timeZone, reported }: { posts: TopPost[]; timeZone: string; reported: Record<string, string[]> }) {
  if (!posts.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No numbers for this range's posts yet.</p>
  return (
    <div className="-mx-5 overflow-x-auto sm:-mx-6">
      <table className="min-w-full text-sm" aria-label="Top posts">
        <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
          <tr>
            <th className="px-5 py-2 font-medium sm:px-6">Post</th>
            <th className="px-3 py-2 text-right font-medium">Impressions</th>
            <th className="px-3 py-2 text-right font-medium">Engagements</th>
            <th className="px-3 py-2 text-right font-medium sm:pr-6">Rate</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {posts.map((p) => (
            <tr key={p.id} data-testid="top-post">
              <td className="max-w-md px-5 py-2 sm:px-6">
                <div className="flex items-center gap-2">
                  <PlatformChip platform={p.platform} size="sm" />
                  <Link to={`/analytics/posts/${p.post_id}`} className="line-clamp-2 font-medium text-slate-900 dark:text-slate-100 hover:text-indigo-600 dark:hover:text-indigo-300">
                    {p.content || '(no text)'}
                  </Link>
                </div>
                <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{formatDateTime(p.published_at, timeZone)}</p>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{ifReported(p.platform, formatCount(p.impressions), reported[p.platform])}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatCount(p.likes + p.comments + p.shares + p.clicks)}</td>
              <td className="px-3 py-2 text-right tabular-nums sm:pr-6">{formatEngagementRate(p.engagement_rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function PlatformBreakdownCard({ range }: { range: RangeName }) {
  const { data, error, isLoading } = useGetPlatformBreakdownQuery(range)
  const apiError = asApiError(error)
  const gate = planGate(apiError)
  return (
    <Card title="Platform breakdown" description="Accounts, followers and the numbers per post on each platform.">
      {isLoading ? (
        <LoadingBlock />
      ) : gate ? (
        <PlanNotice gate={gate} />
      ) : apiError ? (
        <Alert tone="error">{apiError.message}</Alert>
      ) : !data?.items.length ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Connect an account to see its platform here.</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {data.items.map((p) => (
            <li key={p.platform} className="rounded-lg p-4 ring-1 ring-slate-200 dark:ring-slate-700" data-testid={`breakdown-${p.platform}`}>
              <p className="flex items-center gap-2 font-semibold text-slate-900 dark:text-slate-100">
                <PlatformChip platform={p.platform} size="sm" /> {platformName(p.platform)}
              </p>
              <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
                <dt className="text-slate-500 dark:text-slate-400">Followers</dt>
                <dd className="text-right tabular-nums">
                  {formatCount(p.followers)} <span className="text-xs text-slate-500 dark:text-slate-400">{formatChange(p.followers_change)}</span>
                </dd>
                <dt className="text-slate-500 dark:text-slate-400">Published</dt>
                <dd className="text-right tabular-nums">{p.posts_published}</dd>
                <dt className="text-slate-500 dark:text-slate-400">Impressions / post</dt>
                <dd className="text-right tabular-nums">{ifReported(p.platform, formatCount(p.impressions_per_post), p.reported_metrics)}</dd>
                <dt className="text-slate-500 dark:text-slate-400">Engagements / post</dt>
                <dd className="text-right tabular-nums">{formatCount(p.engagements_per_post)}</dd>
                <dt className="text-slate-500 dark:text-slate-400">Engagement rate</dt>
                <dd className="text-right tabular-nums">{formatEngagementRate(p.engagement_rate)}</dd>
              </dl>
              {p.best_post && (
                <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
                  Best:{' '}
                  <Link to={`/analytics/posts/${p.best_post.post_id}`} className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
                    {p.best_post.content.slice(0, 60) || 'open'}
                  </Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}

function OverviewBody({ overview, timeZone }: { overview: Overview; timeZone: string }) {
  const state = overviewState(overview)
  if (state === 'empty') {
    return (
      <EmptyState
        title="No analytics yet"
        action={
          <Link to="/compose" className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
            Write a post
          </Link>
        }
      >
        Publish a post (or connect an account) and its numbers show up here after the first measurement.
      </EmptyState>
    )
  }
  const numbers = hasPostNumbers(overview)
  const followers = followerSeries(overview.followers)
  const engagement = engagementByPlatform(overview.per_platform)
  return (
    <div className="space-y-6">
      <Headline overview={overview} />
      {!numbers && <UpgradeForNumbers />}
      <Card title="Followers over time">
        {followers.lines.length ? (
          <>
            <FollowersChart rows={followers.rows} lines={followers.lines} />
            <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
              {overview.followers.map((f) => (
                <li key={f.social_account_id}>
                  {accountLabel(f)}: <span className="font-medium text-slate-900 dark:text-slate-100 tabular-nums">{formatCount(f.current)}</span>{' '}
                  <span className="text-xs">{formatChange(f.change)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">No follower counts yet. They are fetched daily for each connected account.</p>
        )}
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Engagement per platform">
          {!numbers ? <UpgradeForNumbers /> : engagement.length ? <EngagementChart rows={engagement} /> : <p className="text-sm text-slate-600 dark:text-slate-400">No numbers for this range yet.</p>}
        </Card>
        <Card title="Published per day">
          {state === 'no-posts' ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">Nothing was published in this range.</p>
          ) : (
            <PublishedPerDayChart rows={publishedPerDay(overview.published_per_day)} />
          )}
        </Card>
      </div>
      <Card title="Top posts">
        {numbers ? (
          <TopPosts posts={overview.top_posts} timeZone={timeZone} reported={Object.fromEntries(overview.per_platform.map((p) => [p.platform, p.reported_metrics]))} />
        ) : (
          <UpgradeForNumbers />
        )}
      </Card>
    </div>
  )
}

export default function AnalyticsPage() {
  const user = useAppSelector(selectCurrentUser)
  const timeZone = safeZone(user?.timezone)
  const [params, setParams] = useSearchParams()
  const fromUrl = params.get('range')
  const [range, setRange] = useState<RangeName>(isRange(fromUrl) ? fromUrl : '30d')
  const { data, error, isFetching, refetch } = useGetOverviewQuery(range)
  const apiError = asApiError(error)
  const gate = planGate(apiError)

  function chooseRange(next: RangeName) {
    setRange(next)
    setParams(next === '30d' ? {} : { range: next }, { replace: true })
  }

  return (
    <div className="space-y-6" aria-busy={isFetching || undefined}>
      <PageHeader
        title="Analytics"
        description={data ? `${formatDateTime(data.from, timeZone, { dateStyle: 'medium' })} \u2013 ${formatDateTime(data.to, timeZone, { dateStyle: 'medium' })} (${data.timezone})` : undefined}
        actions={<RangePicker value={range} onChange={chooseRange} />}
      />
      <AnalyticsActions range={range} timeZone={timeZone} />
      {gate ? (
        <PlanNotice gate={gate} />
      ) : apiError ? (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" onClick={() => void refetch()}>
              Try again
            </Button>
          }
        >
          {apiError.message}
        </Alert>
      ) : !data ? (
        <LoadingBlock label="Loading analytics" />
      ) : (
        <OverviewBody overview={data} timeZone={timeZone} />
      )}
      {!gate && data && overviewState(data) !== 'empty' && <PlatformBreakdownCard range={range} />}
    </div>
  )
}
