import { api } from '../../app/api'

export interface YouTubePlaylist {
  id: string
  title: string
}

export const youtubeApi = api.injectEndpoints({
  endpoints: (build) => ({
    /** GET /api/social-accounts/{id}/youtube-playlists: the channel's playlists. */
    getYouTubePlaylists: build.query<YouTubePlaylist[], string>({
      query: (accountId) => ({ url: `/social-accounts/${accountId}/youtube-playlists` }),
      transformResponse: (body: { items: YouTubePlaylist[] }) => body.items,
      keepUnusedDataFor: 300,
    }),
  }),
})

export const { useGetYouTubePlaylistsQuery } = youtubeApi
