export interface Problem {
  platform_post_id?: string | null
  platform: string
  code: string
  message: string
  field: string
}

export interface PlatformCheck {
  platform: string
  count: number
  limit: number
  problems: Problem[]
}

export interface PlatformPost {
  id: string
  platform: string
  social_account_id: string | null
  account?: { id: string; username: string | null; display_name: string | null; avatar_url: string | null; status: string } | null
  content: string
  title: string | null
  media_ids: string[]
  status: string
  user_edited: boolean
  optimized_by: string | null
  platform_url: string | null
  error_code?: string | null
  error_message: string | null
  published_at: string | null
  due_at: string | null
  updated_at?: string
}

export interface Post {
  id: string
  title: string | null
  content: string
  media_ids: string[]
  platforms: string[]
  status: string
  scheduled_for: string | null
  schedule_timezone: string | null
  published_at: string | null
  created_at: string
  updated_at: string
  platform_posts: PlatformPost[]
  problems: Problem[]
}

export interface PostSummary {
  id: string
  title: string | null
  content: string
  platforms: string[]
  status: string
  scheduled_for: string | null
  published_at: string | null
  created_at: string
  updated_at: string
}

export interface PostPage {
  items: PostSummary[]
  total: number
  limit: number
  offset: number
}

export interface CalendarItem {
  id: string
  title: string | null
  content: string
  status: string
  platforms: string[]
  at: string
  kind: 'scheduled' | 'published'
}

export interface PostDraft {
  content: string
  title?: string | null
  social_account_ids: string[]
  media_ids: string[]
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

export interface MediaAsset {
  id: string
  kind: string
  mime_type: string
  size_bytes: number
  width: number | null
  height: number | null
  duration_seconds: number | null
  url: string
  thumbnail_url?: string | null
  filename?: string | null
  /** uploading: reserved, the bytes are still on their way (url is empty) */
  status?: 'uploading' | 'ready'
}

export interface OptimizeResult {
  variants: Array<{ platform_post_id: string; platform: string; content: string; title: string | null; optimized_by: string | null; fallback_reason: string | null; problems: Problem[] }>
  optimizer: string
  notice?: string | null
  skipped?: unknown[]
}
