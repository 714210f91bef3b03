import { describe, expect, it } from 'vitest'
import { toApiError } from '../../app/apiError'
import { formatDay } from '../../app/time'
import { emptyOverview, proOverview, target, trend } from './fixtures'
import {
  engagementByPlatform,
  followerSeries,
  formatChange,
  formatCount,
  formatEngagementRate,
  growthSincePublishing,
  hasPostNumbers,
  headline,
  ifReported,
  overviewState,
  planGate,
  publishedPerDay,
  snapshotSeries,
} from './shaping'

describe('analytics shaping', () => {
  it('merges each account’s follower counts into one row per date, a line per account', () => {
    const { rows, lines } = followerSeries([
      trend('a-li', 'linkedin', null, [['2026-11-25', 40]]),
      trend('a-x', 'twitter', 'ada', [
        ['2026-11-25', 112],
        ['2026-11-24', 100],
      ]),
      trend('a-ig', 'instagram', 'ada', []),
    ])
    expect(rows).toEqual([
      { date: '2026-11-24', 'a-x': 100 },
      { date: '2026-11-25', 'a-x': 112, 'a-li': 40 },
    ])
    // Dashboard platform order; an account with no counts yet draws no line.
    expect(lines).toEqual([
      { key: 'a-x', label: 'X @ada', platform: 'twitter' },
      { key: 'a-li', label: 'LinkedIn', platform: 'linkedin' },
    ])
  })

  it('bars per platform only when the plan gives post numbers', () => {
    const rows = engagementByPlatform(proOverview().per_platform)
    expect(rows.map((r) => [r.name, r.likes, r.comments, r.shares, r.clicks])).toEqual([
      ['X', 100, 10, 8, 30],
      ['LinkedIn', 20, 4, 1, 10],
    ])
    const free = emptyOverview({
      per_platform: [{ platform: 'twitter', reported_metrics: [], posts_published: 2, impressions: null, likes: null, comments: null, shares: null, clicks: null, engagement_rate: null }],
    })
    expect(engagementByPlatform(free.per_platform)).toEqual([])
    expect(hasPostNumbers(free)).toBe(false)
    expect(hasPostNumbers(proOverview())).toBe(true)
  })

  it('tells a new user (nothing at all) from a range with followers but no posts', () => {
    expect(overviewState(emptyOverview())).toBe('empty')
    expect(overviewState(emptyOverview({ followers: [trend('a-x', 'twitter', 'ada', [['2026-11-25', 5]])] }))).toBe('no-posts')
    expect(overviewState(emptyOverview({ followers: [trend('a-x', 'twitter', 'ada', [])] }))).toBe('empty')
    expect(overviewState(proOverview())).toBe('data')
  })

  it('shows numbers the plan leaves out as dashes, not zeros', () => {
    const tiles = Object.fromEntries(
      headline(emptyOverview({ totals: { posts_published: 2, impressions: null, likes: null, comments: null, shares: null, clicks: null, engagement_rate: null } }).totals).map((t) => [
        t.label,
        t.value,
      ]),
    )
    expect(tiles).toEqual({ 'Published to accounts': '2', Impressions: '\u2014', Likes: '\u2014', Comments: '\u2014', Shares: '\u2014', Clicks: '\u2014', 'Engagement rate': '\u2014' })
    expect(headline(proOverview().totals).find((t) => t.key === 'impressions')!.value).toBe('15.4K')
    expect(headline(proOverview().totals).find((t) => t.key === 'engagement_rate')!.value).toBe('1.19%')
    expect([formatCount(1234), formatChange(12), formatChange(-3), formatChange(0), formatChange(null)]).toEqual(['1,234', '+12', '\u22123', '\u00b10', ''])
  })

  it("labels each day of the range for the published-per-day bars, in the dashboard's one locale (21.13)", () => {
    const day = (d: string) => formatDay(d, { day: 'numeric', month: 'short' })
    expect(publishedPerDay(proOverview().published_per_day)).toEqual([
      { date: '2026-11-24', label: day('2026-11-24'), count: 1 },
      { date: '2026-11-25', label: day('2026-11-25'), count: 2 },
    ])
    expect(day('2026-11-24')).toMatch(/24/)
    expect(day('2026-11-24')).not.toBe(day('2026-11-25'))
  })

  it('reads a 402 as a plan gate naming the plan that unlocks it; other errors are not', () => {
    const error = toApiError(null)
    const gated = {
      ...error,
      status: 402,
      code: 'plan_feature',
      message: 'The 90-day range is not part of the Pro plan. Upgrade to Business to unlock it.',
      details: { plan: 'pro', feature: 'advanced_analytics', analytics_level: 'basic', required_plan: 'business' },
    }
    expect(planGate(gated)).toEqual({ message: gated.message, requiredPlan: 'business' })
    expect(planGate({ ...gated, details: null })).toEqual({ message: gated.message, requiredPlan: null })
    expect(planGate({ ...error, status: 500 })).toBeNull()
    expect(planGate(null)).toBeNull()
  })

  it('measures growth since the first snapshot, leaving out what the platform does not report', () => {
    expect(growthSincePublishing(target())).toEqual([
      { metric: 'impressions', latest: 900, change: 800 },
      { metric: 'likes', latest: 20, change: 17 },
      { metric: 'comments', latest: 1, change: 0 },
      { metric: 'shares', latest: 0, change: 0 },
      { metric: 'clicks', latest: 2, change: 0 },
    ])
    const instagram = target({ platform: 'instagram', reported_metrics: ['impressions', 'likes', 'comments'] })
    expect(growthSincePublishing(instagram).map((g) => g.metric)).toEqual(['impressions', 'likes', 'comments'])
    const once = target({ series: [target().series[0]], latest: target().series[0] })
    expect(growthSincePublishing(once)[0]).toEqual({ metric: 'impressions', latest: 100, change: null })
    expect(growthSincePublishing(target({ latest: null, series: [] }))).toEqual([])
    expect(snapshotSeries(target().series).map((r) => [r.label, r.impressions, r.engagements])).toEqual([
      ['1 h', 100, 6],
      ['24 h', 900, 23],
    ])
  })
})

describe('labels say what is counted (issue 21.12)', () => {
  it('a platform that reports no impressions reads "not reported", never 0.00%', () => {
    // Impressions: stored as 0, told apart by reported_metrics. The rate: the API says null.
    expect(ifReported('linkedin', formatCount(0), ['likes', 'comments'])).toBe('not reported')
    expect(ifReported('twitter', formatCount(1200), ['impressions', 'likes'])).toBe('1,200')
    expect(formatEngagementRate(null)).toBe('not reported')
    expect(formatEngagementRate(2.5)).toBe('2.50%')
    expect(formatEngagementRate(0)).toBe('0.00%')
    // Only LinkedIn in the range: the API's totals carry engagement_rate null.
    const tiles = headline({ posts_published: 3, impressions: 0, likes: 46, comments: 2, shares: 0, clicks: 0, engagement_rate: null })
    expect(tiles.find((t) => t.key === 'engagement_rate')!.value).toBe('not reported')
    // A plan without post numbers: a dash, not "not reported".
    expect(headline({ posts_published: 3, impressions: null, likes: null, comments: null, shares: null, clicks: null, engagement_rate: null }).find((t) => t.key === 'engagement_rate')!.value).toBe(
      '\u2014',
    )
    expect(tiles.find((t) => t.key === 'posts_published')!.label).toBe('Published to accounts')
  })
})
