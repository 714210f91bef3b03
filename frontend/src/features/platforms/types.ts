export type AccountStatus = 'active' | 'needs_reauth' | 'revoked' | 'paused'

export interface AccountChoice {
  id: string
  name: string | null
}

export interface SocialAccount {
  id: string
  platform: string
  platform_user_id: string
  username: string | null
  display_name: string | null
  avatar_url: string | null
  follower_count: number | null
  status: AccountStatus | string
  status_reason: string | null
  token_expires_at: string | null
  /** When the platform ends access for good unless the user reconnects; null: no such date. */
  access_ends_at?: string | null
  last_synced_at: string | null
  created_at: string
  sandbox: boolean
  choices?: AccountChoice[]
}

export interface PlatformInfo {
  platform: string
  display_name: string
  sandbox: boolean
  capabilities: {
    requires_media?: boolean
    max_images?: number
    max_videos?: number
    supports_title?: boolean
    [key: string]: unknown
  }
}
