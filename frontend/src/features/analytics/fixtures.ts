/** Analytics answers for tests, shaped like the backend's. */
import type { FollowerTrend, Overview, PlatformPerformance, TopPost } from './types'

export function trend(id: string, platform: string, username: string | null, series: [string, number][]): FollowerTrend {
  return {
    social_account_id: id,
    platform,
    username,
    status: 'active',
    current: series.at(-1)?.[1] ?? null,
    change: series.length ? series.at(-1)![1] - series[0][1] : null,
    series: series.map(([date, followers]) => ({ date, followers })),
  }
}

export function topPost(overrides: Partial<TopPost> = {}): TopPost {
  return {
    post_id: 'p-1',
    id: 'pp-1',
    platform_post_id: 'x1',
    platform: 'twitter',
    content: 'Our launch post',
    platform_url: 'https://x.example/1',
    impressions: 1200,
    likes: 30,
    comments: 4,
    shares: 5,
    clicks: 11,
    engagement_rate: 4.17,
    published_at: '2026-11-20T10:00:00Z',
    ...overrides,
  }
}

const nullNumbers = { impressions: null, likes: null, comments: null, shares: null, clicks: null, engagement_rate: null }

export function emptyOverview(overrides: Partial<Overview> = {}): Overview {
  return {
    range: '30d',
    timezone: 'Europe/London',
    from: '2026-10-27T00:00:00Z',
    to: '2026-11-25T23:59:59Z',
    analytics_level: 'none',
    totals: { posts_published: 0, ...nullNumbers },
    per_platform: [],
    followers: [],
    published_per_day: [
      { date: '2026-11-24', count: 0 },
      { date: '2026-11-25', count: 0 },
    ],
    top_posts: [],
    ...overrides,
  }
}

export function proOverview(overrides: Partial<Overview> = {}): Overview {
  return emptyOverview({
    analytics_level: 'basic',
    totals: { posts_published: 3, impressions: 15400, likes: 120, comments: 14, shares: 9, clicks: 40, engagement_rate: 1.19 },
    per_platform: [
      {
        platform: 'linkedin',
        reported_metrics: ['impressions', 'likes', 'comments', 'shares', 'clicks'],
        posts_published: 1,
        impressions: 3400,
        likes: 20,
        comments: 4,
        shares: 1,
        clicks: 10,
        engagement_rate: 1.03,
      },
      {
        platform: 'twitter',
        reported_metrics: ['impressions', 'likes', 'comments', 'shares', 'clicks'],
        posts_published: 2,
        impressions: 12000,
        likes: 100,
        comments: 10,
        shares: 8,
        clicks: 30,
        engagement_rate: 1.23,
      },
    ],
    followers: [
      trend('a-x', 'twitter', 'ada', [
        ['2026-11-24', 100],
        ['2026-11-25', 112],
      ]),
      trend('a-li', 'linkedin', null, [['2026-11-25', 40]]),
    ],
    published_per_day: [
      { date: '2026-11-24', count: 1 },
      { date: '2026-11-25', count: 2 },
    ],
    top_posts: [topPost()],
    ...overrides,
  })
}

export function target(overrides: Partial<PlatformPerformance> = {}): PlatformPerformance {
  const snap = (hours: number, impressions: number, likes: number) => ({
    fetched_at: '2026-11-20T12:00:00Z',
    hours_after_publish: hours,
    impressions,
    likes,
    comments: 1,
    shares: 0,
    clicks: 2,
    engagement_rate: 1.5,
  })
  const series = [snap(1, 100, 3), snap(24, 900, 20)]
  return {
    id: 'pp-1',
    platform: 'twitter',
    social_account_id: 'a-x',
    username: 'ada',
    status: 'published',
    platform_post_id: 'x1',
    platform_url: 'https://x.example/1',
    published_at: '2026-11-20T10:00:00Z',
    reported_metrics: ['impressions', 'likes', 'comments', 'shares', 'clicks'],
    latest: series[1],
    series,
    next_fetch_at: null,
    ...overrides,
  }
}
