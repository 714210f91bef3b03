import type { Schemas } from '../../api/types'

export type AccountStatus = Schemas['AccountOut']['status']

export type AccountChoice = Schemas['ChoiceOut']
export type SocialAccount = Schemas['AccountOut']

/** A platform the server can connect; the capability flags the dashboard reads are named. */
export type PlatformInfo = Omit<Schemas['PlatformOut'], 'capabilities'> & {
  capabilities: {
    requires_media?: boolean
    max_images?: number
    max_videos?: number
    supports_title?: boolean
    [key: string]: unknown
  }
}

/** How an Instagram account is connected: through a Facebook Page, or with Instagram login. */
export type ConnectMethod = 'facebook_login' | 'instagram_login'
