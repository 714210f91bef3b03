import { useEffect, useRef } from 'react'
import { api, refreshSession } from '../../app/api'
import { useAppDispatch, useAppSelector } from '../../app/hooks'
import { toastAdded } from '../../app/toastSlice'
import type { AppDispatch } from '../../app/store'
import { loggedOut, selectAccessToken } from '../auth/authSlice'
import { platformName } from '../platforms/platformMeta'
import { postsApi } from '../posts/postsApi'
import { selectCurrentWorkspaceId } from '../workspaces/workspaceSlice'
import type { PostEvent } from '../posts/types'

const POLL_MS = 5000

/**
 * Applies one live change to the caches and tells the user about outcomes. The post's cached
 * detail is patched in place; lists and the calendar refetch. Each (target, status) toasts once.
 */
export function makePostEventHandler(loadedAt = Date.now()) {
  const announced = new Set<string>()
  // The server repeats recent changes when the stream (re)connects: outcomes from before this
  // page was opened update the caches but are not announced again (no "Published to X" on every
  // reload). A few seconds of margin for the server's and the browser's clocks.
  const announceFrom = loadedAt - 5000
  // target id -> the updated_at applied. The server repeats recent changes (it reads 30 s back
  // past the cursor so that none is lost): a change seen before, or older than what we have,
  // is skipped, so repeats cost no refetch and never roll a status back.
  const applied = new Map<string, string>()
  return (event: PostEvent, dispatch: AppDispatch) => {
    const fresh = event.platform_posts.filter((c) => {
      const seen = applied.get(c.id)
      return seen === undefined || c.updated_at > seen
    })
    if (!fresh.length) return
    for (const change of fresh) applied.set(change.id, change.updated_at)
    event = { ...event, platform_posts: fresh }
    dispatch(
      postsApi.util.updateQueryData('getPost', event.id, (post) => {
        if (event.status) post.status = event.status
        for (const change of event.platform_posts) {
          const target = post.platform_posts.find((pp) => pp.id === change.id)
          if (target) Object.assign(target, change)
        }
        const published = post.platform_posts.map((pp) => pp.published_at).filter(Boolean) as string[]
        if (published.length) post.published_at = published.sort().at(-1)!
      }),
    )
    // An outcome may have left a notification (failures do): the bell re-reads its list.
    dispatch(api.util.invalidateTags(['PostList', 'Calendar', 'Notifications']))
    for (const change of event.platform_posts) {
      const key = `${change.id}:${change.status}`
      if (announced.has(key) || Date.parse(change.updated_at) < announceFrom) continue
      const name = platformName(change.platform)
      if (change.status === 'published') {
        announced.add(key)
        dispatch(toastAdded({ tone: 'success', message: `Published to ${name}`, link: change.platform_url ? { href: change.platform_url, label: `View on ${name}` } : undefined }))
      } else if (change.status === 'failed') {
        announced.add(key)
        dispatch(toastAdded({ tone: 'error', message: `Failed on ${name}: ${change.error_message ?? 'no reason given'}`, link: { href: `/posts/${event.id}`, label: 'Open the post' } }))
      } else if (change.status === 'unknown') {
        announced.add(key)
        dispatch(toastAdded({ tone: 'error', message: `${name} didn't confirm the post. Check ${name} before retrying.`, link: { href: `/posts/${event.id}`, label: 'Open the post' } }))
      }
    }
  }
}

/**
 * Live post status for the signed-in user: an EventSource on /api/posts/events (the token goes
 * in the query string: EventSource sends no headers). `expired` means the token ran out: refresh
 * and reconnect, catching up on what happened meanwhile. If the stream can't be held, poll
 * /api/posts/changes instead.
 */
export function useLivePostUpdates() {
  const dispatch = useAppDispatch()
  const token = useAppSelector(selectAccessToken)
  // The stream of the current workspace's posts: EventSource sends no X-Workspace-Id header either.
  const workspaceId = useAppSelector(selectCurrentWorkspaceId)
  const handler = useRef(makePostEventHandler())
  const resumeFrom = useRef<string | null>(null)

  useEffect(() => {
    if (!token) return
    const handle = (event: PostEvent) => handler.current(event, dispatch)
    let source: EventSource | null = null
    let pollTimer: ReturnType<typeof setInterval> | null = null
    let stopped = false

    async function catchUp(since: string | null) {
      const result = await dispatch(postsApi.endpoints.getChanges.initiate(since, { forceRefetch: true, subscribe: false }))
      if (stopped || !result.data) return null
      result.data.posts.forEach(handle)
      return result.data.now
    }

    function startPolling() {
      if (pollTimer || stopped) return
      let since: string | null = resumeFrom.current ?? new Date().toISOString()
      pollTimer = setInterval(() => {
        void catchUp(since).then((now) => {
          if (now) since = now
        })
      }, POLL_MS)
    }

    if (typeof EventSource === 'undefined') {
      startPolling()
    } else {
      let errors = 0
      const workspace = workspaceId ? `&workspace_id=${encodeURIComponent(workspaceId)}` : ''
      source = new EventSource(`/api/posts/events?access_token=${encodeURIComponent(token)}${workspace}`)
      source.addEventListener('open', () => {
        errors = 0
        const since = resumeFrom.current
        resumeFrom.current = null
        if (since) void catchUp(since)
      })
      source.addEventListener('post', (e) => {
        try {
          handle(JSON.parse((e as MessageEvent<string>).data) as PostEvent)
        } catch {
          // A malformed event is skipped; the next one carries the current state anyway.
        }
      })
      source.addEventListener('expired', () => {
        source?.close()
        resumeFrom.current = new Date(Date.now() - 2000).toISOString()
        // A new token re-runs this effect, which reconnects.
        void refreshSession(dispatch).then((outcome) => {
          if (outcome === 'rejected') dispatch(loggedOut('session_expired'))
          if (outcome === 'unreachable') startPolling()
        })
      })
      source.onerror = () => {
        errors += 1
        if (source?.readyState === EventSource.CLOSED || errors >= 3) {
          source?.close()
          resumeFrom.current ??= new Date(Date.now() - 5000).toISOString()
          startPolling()
        }
      }
    }
    return () => {
      stopped = true
      source?.close()
      if (pollTimer) clearInterval(pollTimer)
    }
  }, [token, workspaceId, dispatch])
}

export function LivePostUpdates() {
  useLivePostUpdates()
  return null
}
