import { api } from '../../app/api'

export interface Notification {
  id: string
  kind: string
  title: string
  body: string
  link: string | null
  read_at: string | null
  created_at: string
}

export interface NotificationPage {
  items: Notification[]
  unread: number
}

/** Polled by the bell; live post events invalidate it too (a failure creates a notification). */
export const POLL_MS = 60_000

export const notificationsApi = api.injectEndpoints({
  endpoints: (build) => ({
    getNotifications: build.query<NotificationPage, void>({
      query: () => ({ url: '/notifications', params: { limit: 30 } }),
      providesTags: ['Notifications'],
    }),
    markNotificationRead: build.mutation<Notification, string>({
      query: (id) => ({ url: `/notifications/${id}/read`, method: 'POST', data: {} }),
      // Shown read at once; the list is re-read to settle the count.
      onQueryStarted: async (id, { dispatch, queryFulfilled }) => {
        const patch = dispatch(
          notificationsApi.util.updateQueryData('getNotifications', undefined, (page) => {
            const note = page.items.find((n) => n.id === id)
            if (note && !note.read_at) {
              note.read_at = new Date().toISOString()
              page.unread = Math.max(0, page.unread - 1)
            }
          }),
        )
        await queryFulfilled.catch(() => patch.undo())
      },
      invalidatesTags: ['Notifications'],
    }),
    markAllNotificationsRead: build.mutation<null, void>({
      query: () => ({ url: '/notifications/read-all', method: 'POST', data: {} }),
      onQueryStarted: async (_arg, { dispatch, queryFulfilled }) => {
        const now = new Date().toISOString()
        const patch = dispatch(
          notificationsApi.util.updateQueryData('getNotifications', undefined, (page) => {
            for (const note of page.items) note.read_at ??= now
            page.unread = 0
          }),
        )
        await queryFulfilled.catch(() => patch.undo())
      },
      invalidatesTags: ['Notifications'],
    }),
  }),
})

export const { useGetNotificationsQuery, useMarkNotificationReadMutation, useMarkAllNotificationsReadMutation } = notificationsApi
