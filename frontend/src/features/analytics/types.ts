/** Analytics on the wire (GET /api/analytics/...): aliases of the shapes generated from the backend's OpenAPI. */
import type { Schemas, Sent } from '../../api/types'

export type RangeName = Schemas['Overview']['range']
/** none: Free/Starter (followers, posts published); basic: Pro (post numbers); advanced: Business. */
export type AnalyticsLevel = Schemas['Overview']['analytics_level']

/** Summed numbers; null where the plan does not include post metrics. */
export type Numbers = Sent<Schemas['Numbers']>
export type Totals = Sent<Schemas['Totals']>
export type PlatformTotals = Sent<Schemas['PlatformTotals']>
export type FollowerTrend = Schemas['FollowerTrendOut']
export type TopPost = Schemas['TopPost']
export type Overview = Omit<Schemas['Overview'], 'totals' | 'per_platform'> & { totals: Totals; per_platform: PlatformTotals[] }
export type PlatformBreakdown = Sent<Schemas['PlatformBreakdown']>
export type PlatformsOut = Omit<Schemas['socialflow__analytics__schemas__PlatformsOut'], 'items'> & { items: PlatformBreakdown[] }
export type SnapshotPoint = Schemas['SnapshotPoint']
export type PlatformPerformance = Schemas['PlatformPerformance']
export type PostPerformance = Omit<Schemas['PostPerformance'], 'totals'> & { totals: Numbers }
export type RefreshOut = Schemas['RefreshOut']
