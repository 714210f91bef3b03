import { api } from '../../app/api'

/** GET /api/social-accounts/{id}/tiktok-creator-info: what this creator may post right now. */
export interface TikTokCreatorInfo {
  creator_username: string | null
  creator_nickname: string | null
  privacy_level_options: string[]
  comment_disabled: boolean
  duet_disabled: boolean
  stitch_disabled: boolean
  max_video_post_duration_sec: number | null
}

export const tiktokApi = api.injectEndpoints({
  endpoints: (build) => ({
    getTikTokCreatorInfo: build.query<TikTokCreatorInfo, string>({
      query: (accountId) => ({ url: `/social-accounts/${accountId}/tiktok-creator-info` }),
      // TikTok's guidelines: read it each time a post is prepared, not from a long cache.
      keepUnusedDataFor: 0,
    }),
  }),
})

export const { useGetTikTokCreatorInfoQuery } = tiktokApi
