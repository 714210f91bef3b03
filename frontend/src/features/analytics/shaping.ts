/** Turns analytics answers into what the charts and tables draw. Pure functions, unit tested. */
import type { ApiError } from '../../app/apiError'
import { formatDay } from '../../app/time'
import { platformName, sortByPlatform } from '../platforms/platformMeta'
import type { FollowerTrend, Numbers, Overview, PlatformPerformance, PlatformTotals, RangeName, SnapshotPoint } from './types'

export const RANGES: { value: RangeName; label: string }[] = [
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
]

export const METRICS = ['impressions', 'likes', 'comments', 'shares', 'clicks'] as const
export type Metric = (typeof METRICS)[number]

/** A 402 from an analytics endpoint: what the plan lacks and which plan unlocks it. */
export interface PlanGate {
  message: string
  requiredPlan: string | null
}

export function planGate(error: ApiError | null | undefined): PlanGate | null {
  if (!error || error.status !== 402) return null
  const details = (error.details && typeof error.details === 'object' ? error.details : {}) as Record<string, unknown>
  return { message: error.message, requiredPlan: typeof details.required_plan === 'string' ? details.required_plan : null }
}

/** "1,234", "12.3k", "—" when the plan or platform gives no number. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '\u2014'
  if (Math.abs(value) >= 10_000) return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(value)
  return new Intl.NumberFormat('en').format(value)
}

function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined ? '\u2014' : `${value.toFixed(2)}%`
}

/**
 * An engagement rate as the API gives it: null where no impressions are reported (a LinkedIn
 * post) reads "not reported", never 0.00%; "—" when the plan carries no post numbers at all.
 */
export function formatEngagementRate(rate: number | null | undefined, numbersIncluded = true): string {
  if (rate === null || rate === undefined) return numbersIncluded ? 'not reported' : '\u2014'
  return formatRate(rate)
}

/** Platforms whose API gives no impressions (LinkedIn member posts): their rate is unknown, not 0. */
const NO_IMPRESSIONS = new Set(['linkedin'])

export function impressionsReported(platform: string, reported?: string[]): boolean {
  return reported && reported.length ? reported.includes('impressions') : !NO_IMPRESSIONS.has(platform)
}

/** A count the platform does not report (stored as 0) reads "not reported", never 0. */
export function ifReported(platform: string, value: string, reported?: string[]): string {
  return impressionsReported(platform, reported) ? value : 'not reported'
}

export function formatChange(value: number | null | undefined): string {
  if (value === null || value === undefined) return ''
  return value > 0 ? `+${formatCount(value)}` : value < 0 ? `\u2212${formatCount(-value)}` : '\u00b10'
}

/** The headline tiles, in order; numbers the plan does not include stay null. */
export function headline(totals: Overview['totals']): { key: string; label: string; value: string; hint?: string }[] {
  return [
    { key: 'posts_published', label: 'Published to accounts', value: formatCount(totals.posts_published), hint: 'One post sent to three accounts counts three' },
    { key: 'impressions', label: 'Impressions', value: formatCount(totals.impressions) },
    { key: 'likes', label: 'Likes', value: formatCount(totals.likes) },
    { key: 'comments', label: 'Comments', value: formatCount(totals.comments) },
    { key: 'shares', label: 'Shares', value: formatCount(totals.shares) },
    { key: 'clicks', label: 'Clicks', value: formatCount(totals.clicks) },
    { key: 'engagement_rate', label: 'Engagement rate', value: formatEngagementRate(totals.engagement_rate, totals.impressions !== null) },
  ]
}

/** Whether the plan's answer carries post numbers at all (Free/Starter: followers and counts only). */
export function hasPostNumbers(overview: Overview): boolean {
  return overview.analytics_level !== 'none' && overview.totals.impressions !== null
}

export type OverviewState = 'empty' | 'no-posts' | 'data'

/** 'empty': nothing to draw at all (a new user); 'no-posts': followers only; 'data': posts too. */
export function overviewState(overview: Overview): OverviewState {
  const followerPoints = overview.followers.some((f) => f.series.length > 0)
  if (overview.totals.posts_published > 0) return 'data'
  return followerPoints ? 'no-posts' : 'empty'
}

export function accountLabel(trend: Pick<FollowerTrend, 'platform' | 'username'>): string {
  return trend.username ? `${platformName(trend.platform)} @${trend.username}` : platformName(trend.platform)
}

export interface LineSpec {
  key: string
  label: string
  platform: string
}

/**
 * One row per date with a column per account (Recharts draws one line per column). Accounts
 * count on different days; a day an account has no count stays undefined (the line bridges it).
 */
export function followerSeries(followers: FollowerTrend[]): { rows: Record<string, string | number>[]; lines: LineSpec[] } {
  const withPoints = sortByPlatform(
    followers.filter((f) => f.series.length > 0),
    (f) => f.platform,
  )
  const byDate = new Map<string, Record<string, string | number>>()
  for (const trend of withPoints) {
    for (const point of trend.series) {
      const row = byDate.get(point.date) ?? { date: point.date }
      row[trend.social_account_id] = point.followers
      byDate.set(point.date, row)
    }
  }
  return {
    rows: [...byDate.values()].sort((a, b) => String(a.date).localeCompare(String(b.date))),
    lines: withPoints.map((f) => ({ key: f.social_account_id, label: accountLabel(f), platform: f.platform })),
  }
}

export interface PlatformEngagementRow {
  platform: string
  name: string
  likes: number
  comments: number
  shares: number
  clicks: number
  engagement_rate: number | null
  posts: number
}

/** Bars per platform; empty when the plan gives no post numbers or nothing was published. */
export function engagementByPlatform(perPlatform: PlatformTotals[]): PlatformEngagementRow[] {
  return sortByPlatform(
    perPlatform.filter((p) => p.posts_published > 0 && p.likes !== null),
    (p) => p.platform,
  ).map((p) => ({
    platform: p.platform,
    name: platformName(p.platform),
    likes: p.likes ?? 0,
    comments: p.comments ?? 0,
    shares: p.shares ?? 0,
    clicks: p.clicks ?? 0,
    engagement_rate: p.engagement_rate,
    posts: p.posts_published,
  }))
}

/** "2026-03-05" -> "Mar 5" (en-US; the dashboard's one locale): the date is already the user's
 * local day, no zone shift. */
export function shortDate(day: string): string {
  return formatDay(day, { day: 'numeric', month: 'short' })
}

export function publishedPerDay(days: Overview['published_per_day']): { date: string; label: string; count: number }[] {
  return days.map((d) => ({ date: d.date, label: shortDate(d.date), count: d.count }))
}

export function engagements(n: Pick<Numbers, 'likes' | 'comments' | 'shares' | 'clicks'>): number {
  return (n.likes ?? 0) + (n.comments ?? 0) + (n.shares ?? 0) + (n.clicks ?? 0)
}

/** The snapshot line chart: hours after publishing on x, impressions and engagements on y. */
export function snapshotSeries(series: SnapshotPoint[]): { hours: number; label: string; impressions: number; engagements: number; engagement_rate: number | null }[] {
  return [...series]
    .sort((a, b) => a.hours_after_publish - b.hours_after_publish)
    .map((s) => ({ hours: s.hours_after_publish, label: hoursLabel(s.hours_after_publish), impressions: s.impressions, engagements: engagements(s), engagement_rate: s.engagement_rate }))
}

export function hoursLabel(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`
  return `${Math.round((hours / 24) * 10) / 10} d`
}

export interface MetricGrowth {
  metric: Metric
  latest: number
  /** Since the first snapshot (taken shortly after publishing); null with a single snapshot. */
  change: number | null
}

/**
 * Each metric the platform reports: its latest number and how much it grew since the first
 * snapshot. Metrics the platform's API does not report are left out rather than shown as 0.
 */
export function growthSincePublishing(target: PlatformPerformance): MetricGrowth[] {
  if (!target.latest) return []
  const sorted = [...target.series].sort((a, b) => a.hours_after_publish - b.hours_after_publish)
  const first = sorted.length > 1 ? sorted[0] : null
  const reported = target.reported_metrics.length ? METRICS.filter((m) => target.reported_metrics.includes(m)) : [...METRICS]
  return reported.map((metric) => ({ metric, latest: target.latest![metric], change: first ? target.latest![metric] - first[metric] : null }))
}
