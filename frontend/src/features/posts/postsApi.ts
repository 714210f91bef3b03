import { api } from '../../app/api'
import type { ApiError } from '../../app/apiError'
import type { CalendarItem, MediaAsset, OptimizeResult, PlatformCheck, Post, PostComment, PostDraft, PostEvent, PostPage, ReviewLink, VariantChange } from './types'

export interface CheckRequest {
  content: string
  title?: string | null
  platforms: string[]
  media_ids: string[]
  /** the settings the post will have, checked by the same rules as at publishing */
  platform_options?: Record<string, Record<string, unknown>>
}

export interface ListRequest {
  status?: string
  /** approvers: posts waiting for approval that they may approve (issue 15) */
  awaiting_my_approval?: boolean
  limit?: number
  offset?: number
}

const postChanged = (_r: unknown, _e: unknown, id: string | { id: string }) => [{ type: 'Post' as const, id: typeof id === 'string' ? id : id.id }, 'PostList' as const, 'Calendar' as const]

export const postsApi = api.injectEndpoints({
  endpoints: (build) => ({
    checkPost: build.query<PlatformCheck[], CheckRequest>({
      query: (body) => ({ url: '/posts/check', method: 'POST', data: body }),
      keepUnusedDataFor: 30,
    }),
    /** Several texts at once (the original and each edited variant), merged by platform. */
    checkTexts: build.query<PlatformCheck[], CheckRequest[]>({
      queryFn: async (groups, _api, _extra, baseQuery) => {
        const results = await Promise.all(groups.map((body) => baseQuery({ url: '/posts/check', method: 'POST', data: body })))
        const failed = results.find((r) => r.error)
        if (failed?.error) return { error: failed.error as ApiError }
        return { data: results.flatMap((r) => r.data as PlatformCheck[]) }
      },
      keepUnusedDataFor: 30,
    }),
    getPost: build.query<Post, string>({
      query: (id) => ({ url: `/posts/${id}` }),
      providesTags: (_r, _e, id) => [{ type: 'Post', id }],
    }),
    listPosts: build.query<PostPage, ListRequest>({
      query: (params) => ({ url: '/posts', params: { ...params } }),
      providesTags: ['PostList'],
    }),
    getCalendar: build.query<CalendarItem[], { from: string; to: string }>({
      query: (params) => ({ url: '/posts/calendar', params }),
      providesTags: ['Calendar'],
    }),
    createPost: build.mutation<Post, PostDraft & { publish?: boolean; schedule?: { scheduled_for: string; timezone?: string } }>({
      query: (body) => ({ url: '/posts', method: 'POST', data: body }),
      invalidatesTags: ['PostList'],
    }),
    updatePost: build.mutation<Post, { id: string } & Partial<PostDraft> & { variants?: VariantChange[] }>({
      query: ({ id, ...body }) => ({ url: `/posts/${id}`, method: 'PUT', data: body }),
      invalidatesTags: ['PostList', 'Calendar'],
      // The answer is the whole post: store it rather than fetching it again.
      onQueryStarted: async ({ id }, { dispatch, queryFulfilled }) => {
        const { data } = await queryFulfilled.catch(() => ({ data: null }))
        if (data) dispatch(postsApi.util.upsertQueryData('getPost', id, data))
      },
    }),
    publishPost: build.mutation<Post, string>({
      query: (id) => ({ url: `/posts/${id}/publish`, method: 'POST', data: {} }),
      invalidatesTags: postChanged,
    }),
    schedulePost: build.mutation<Post, { id: string; scheduled_for: string; timezone?: string }>({
      query: ({ id, ...body }) => ({ url: `/posts/${id}/schedule`, method: 'POST', data: body }),
      invalidatesTags: postChanged,
    }),
    cancelPost: build.mutation<Post, string>({
      query: (id) => ({ url: `/posts/${id}/cancel`, method: 'POST', data: {} }),
      invalidatesTags: postChanged,
    }),
    /** Approvers (admin, owner): publish now or at its time; `publish_now`/`scheduled_for` when its time has passed. */
    approvePost: build.mutation<Post, { id: string; publish_now?: boolean; scheduled_for?: string; timezone?: string; revision?: number }>({
      query: ({ id, ...body }) => ({ url: `/posts/${id}/approve`, method: 'POST', data: body }),
      invalidatesTags: postChanged,
    }),
    requestChanges: build.mutation<Post, { id: string; comment: string }>({
      query: ({ id, comment }) => ({ url: `/posts/${id}/request-changes`, method: 'POST', data: { comment } }),
      invalidatesTags: (r, e, { id }) => [...postChanged(r, e, id), { type: 'Post' as const, id: `${id}:comments` }],
    }),
    listComments: build.query<{ items: PostComment[] }, string>({
      query: (id) => ({ url: `/posts/${id}/comments` }),
      providesTags: (_r, _e, id) => [{ type: 'Post', id: `${id}:comments` }],
    }),
    addComment: build.mutation<PostComment, { id: string; text: string; internal?: boolean }>({
      query: ({ id, ...body }) => ({ url: `/posts/${id}/comments`, method: 'POST', data: body }),
      invalidatesTags: (_r, _e, { id }) => [{ type: 'Post', id: `${id}:comments` }],
    }),
    listReviewLinks: build.query<{ items: ReviewLink[] }, string>({
      query: (id) => ({ url: `/posts/${id}/review-links` }),
      providesTags: (_r, _e, id) => [{ type: 'Post', id: `${id}:review-links` }],
    }),
    createReviewLink: build.mutation<ReviewLink, { id: string; expires_in_days?: number }>({
      query: ({ id, ...body }) => ({ url: `/posts/${id}/review-links`, method: 'POST', data: body }),
      invalidatesTags: (_r, _e, { id }) => [{ type: 'Post', id: `${id}:review-links` }],
    }),
    revokeReviewLink: build.mutation<null, { id: string; linkId: string }>({
      query: ({ id, linkId }) => ({ url: `/posts/${id}/review-links/${linkId}`, method: 'DELETE' }),
      invalidatesTags: (_r, _e, { id }) => [{ type: 'Post', id: `${id}:review-links` }],
    }),
    retryPost: build.mutation<Post, { id: string; confirm_not_posted?: boolean }>({
      query: ({ id, confirm_not_posted }) => ({ url: `/posts/${id}/retry`, method: 'POST', data: confirm_not_posted ? { confirm_not_posted } : {} }),
      invalidatesTags: postChanged,
    }),
    duplicatePost: build.mutation<Post, string>({
      query: (id) => ({ url: `/posts/${id}/duplicate`, method: 'POST', data: {} }),
      invalidatesTags: ['PostList'],
    }),
    deletePost: build.mutation<null, string>({
      query: (id) => ({ url: `/posts/${id}`, method: 'DELETE' }),
      invalidatesTags: ['PostList', 'Calendar'],
    }),
    /** `optimizer: 'offline'` asks for the built-in rules, which every plan may use. */
    optimizePost: build.mutation<OptimizeResult, { id: string; platforms?: string[]; optimizer?: 'auto' | 'claude' | 'offline'; thread?: boolean }>({
      query: ({ id, ...body }) => ({ url: `/posts/${id}/optimize`, method: 'POST', data: body }),
      invalidatesTags: (_r, _e, { id }) => [{ type: 'Post', id }],
    }),
    /** The attached media of a post (thumbnails and previews after a reload). */
    getMediaByIds: build.query<MediaAsset[], string[]>({
      queryFn: async (ids, _api, _extra, baseQuery) => {
        const results = await Promise.all(ids.map((id) => baseQuery({ url: `/media/${id}` })))
        return { data: results.flatMap((r) => (r.data ? [r.data as MediaAsset] : [])) }
      },
      keepUnusedDataFor: 300,
    }),
    bulkDeletePosts: build.mutation<{ post_ids: string[] }, string[]>({
      query: (ids) => ({ url: '/posts/bulk-delete', method: 'POST', data: { post_ids: ids } }),
      invalidatesTags: ['PostList', 'Calendar'],
    }),
    restorePosts: build.mutation<{ post_ids: string[] }, string[]>({
      query: (ids) => ({ url: '/posts/restore', method: 'POST', data: { post_ids: ids } }),
      invalidatesTags: (_r, _e, ids) => [...ids.map((id) => ({ type: 'Post' as const, id })), 'PostList', 'Calendar'],
    }),
    getChanges: build.query<{ now: string; posts: PostEvent[] }, string | null>({
      query: (since) => ({ url: '/posts/changes', params: since ? { since } : undefined }),
    }),
  }),
})

export const {
  useCheckPostQuery,
  useCheckTextsQuery,
  useGetPostQuery,
  useListPostsQuery,
  useGetCalendarQuery,
  useCreatePostMutation,
  useUpdatePostMutation,
  usePublishPostMutation,
  useApprovePostMutation,
  useRequestChangesMutation,
  useListCommentsQuery,
  useAddCommentMutation,
  useListReviewLinksQuery,
  useCreateReviewLinkMutation,
  useRevokeReviewLinkMutation,
  useSchedulePostMutation,
  useCancelPostMutation,
  useRetryPostMutation,
  useDuplicatePostMutation,
  useDeletePostMutation,
  useOptimizePostMutation,
  useGetMediaByIdsQuery,
  useBulkDeletePostsMutation,
  useRestorePostsMutation,
} = postsApi
