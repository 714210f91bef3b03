/** Analytics on the wire (GET /api/analytics/...), as the backend's OpenAPI describes it. */

export type RangeName = '7d' | '30d' | '90d'
/** none: Free/Starter (followers, posts published); basic: Pro (post numbers); advanced: Business. */
export type AnalyticsLevel = 'none' | 'basic' | 'advanced'

export interface Numbers {
  impressions: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  clicks: number | null
  engagement_rate: number | null
}

export interface Totals extends Numbers {
  posts_published: number
}

export interface PlatformTotals extends Totals {
  platform: string
  reported_metrics: string[]
}

export interface FollowerTrend {
  social_account_id: string
  platform: string
  username: string | null
  status: string
  current: number | null
  change: number | null
  series: { date: string; followers: number }[]
}

export interface TopPost {
  post_id: string
  id: string
  platform_post_id: string | null
  platform: string
  content: string
  platform_url: string | null
  impressions: number
  likes: number
  comments: number
  shares: number
  clicks: number
  engagement_rate: number
  published_at: string
}

export interface Overview {
  range: RangeName
  timezone: string
  from: string
  to: string
  analytics_level: AnalyticsLevel
  totals: Totals
  per_platform: PlatformTotals[]
  followers: FollowerTrend[]
  published_per_day: { date: string; count: number }[]
  top_posts: TopPost[]
}

export interface PlatformBreakdown extends PlatformTotals {
  accounts: number
  followers: number | null
  followers_change: number | null
  impressions_per_post: number | null
  engagements_per_post: number | null
  best_post: TopPost | null
}

export interface PlatformsOut {
  range: RangeName
  from: string
  to: string
  items: PlatformBreakdown[]
}

export interface SnapshotPoint {
  fetched_at: string
  hours_after_publish: number
  impressions: number
  likes: number
  comments: number
  shares: number
  clicks: number
  engagement_rate: number
}

export interface PlatformPerformance {
  id: string
  platform: string
  social_account_id: string | null
  username: string | null
  status: string
  platform_post_id: string | null
  platform_url: string | null
  published_at: string | null
  reported_metrics: string[]
  latest: SnapshotPoint | null
  series: SnapshotPoint[]
  next_fetch_at: string | null
}

export interface PostPerformance {
  post_id: string
  content: string
  status: string
  published_at: string | null
  totals: Numbers
  platforms: PlatformPerformance[]
}

export interface RefreshOut {
  follower_syncs: number
  metric_fetches: number
  next_allowed_at: string
}
