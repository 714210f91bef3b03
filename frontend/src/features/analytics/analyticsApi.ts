import { api, requestWithSession } from '../../app/api'
import type { ApiError } from '../../app/apiError'
import type { AppDispatch } from '../../app/store'
import type { Overview, PlatformsOut, PostPerformance, RangeName, RefreshOut } from './types'

export const analyticsApi = api.injectEndpoints({
  endpoints: (build) => ({
    getOverview: build.query<Overview, RangeName>({
      query: (range) => ({ url: '/analytics/overview', params: { range } }),
      providesTags: ['Analytics'],
    }),
    getPlatformBreakdown: build.query<PlatformsOut, RangeName>({
      query: (range) => ({ url: '/analytics/platforms', params: { range } }),
      providesTags: ['Analytics'],
    }),
    getPostPerformance: build.query<PostPerformance, string>({
      query: (id) => ({ url: `/analytics/posts/${id}` }),
      providesTags: ['Analytics'],
    }),
    refreshAnalytics: build.mutation<RefreshOut, void>({
      query: () => ({ url: '/analytics/refresh', method: 'POST', data: {} }),
      // The fetches run in the background; the numbers are re-read when the user asks again.
    }),
  }),
})

export const { useGetOverviewQuery, useGetPlatformBreakdownQuery, useGetPostPerformanceQuery, useRefreshAnalyticsMutation } = analyticsApi

/**
 * The post table as CSV, fetched with the session's bearer token (a plain link would carry no
 * token) and handed to the browser as a download. Resolves to the error when the server refuses.
 */
export async function downloadPostsCsv(range: RangeName, dispatch: AppDispatch, getState: () => unknown): Promise<ApiError | null> {
  const result = await requestWithSession({ url: '/analytics/posts.csv', params: { range }, responseType: 'blob' }, dispatch, getState)
  if (result.error) return result.error
  const blob = result.data as Blob
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = `socialflow-posts-${range}.csv`
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
  return null
}
