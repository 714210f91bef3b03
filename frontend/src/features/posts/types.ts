import type { Schemas, Sent } from '../../api/types'

/** A platform's objection to a text, as POST /posts/check and the post's `problems` report it. */
export type Problem = Schemas['socialflow__posts__schemas__ProblemOut']
export type PlatformCheck = Schemas['PlatformCheck']
/** One target of a post (one account): its own text and its publishing status. */
export type PlatformPost = Sent<Schemas['PlatformPostOut']>
export type Post = Omit<Sent<Schemas['PostOut']>, 'platform_posts' | 'problems'> & { platform_posts: PlatformPost[]; problems: Problem[] }
export type PostSummary = Schemas['PostSummary']
export type PostPage = Schemas['PostPage']
export type CalendarItem = Schemas['CalendarItem']

export interface PostDraft {
  content: string
  title?: string | null
  social_account_ids: string[]
  media_ids: string[]
  /** settings per platform for its targets, e.g. {"tiktok": {"privacy_level": "SELF_ONLY"}} */
  platform_options?: Record<string, Record<string, unknown>>
}

export interface VariantChange {
  platform_post_id: string
  content?: string
  title?: string | null
  /** platform settings, e.g. TikTok's privacy_level (replaces the variant's settings) */
  options?: Record<string, unknown>
  reset?: boolean
}

/** One live change from GET /posts/events (or /posts/changes). */
export interface PostEvent {
  id: string
  status?: string
  platform_posts: Array<Pick<PlatformPost, 'id' | 'platform' | 'status' | 'platform_url' | 'error_message' | 'published_at'> & { updated_at: string }>
}

export type MediaAsset = Schemas['MediaOut']

export type OptimizeResult = Sent<Schemas['OptimizeOut']>

/** Comments on a post and client review links (issue 15). */
export type PostComment = Schemas['CommentOut']
export type ReviewLink = Schemas['ReviewLinkOut']
