import { useState } from 'react'
import { Link } from 'react-router-dom'
import { asApiError } from '../../app/apiError'
import { formatDateTime } from '../../app/time'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { EmptyState, LoadingBlock } from '../../components/PageHeader'
import { PlatformChip } from '../platforms/PlatformChip'
import { PostActions } from '../posts/PostActions'
import { PostStatusBadge } from '../posts/PostStatusBadge'
import { useBulkDeletePostsMutation, useListPostsQuery } from '../posts/postsApi'
import { useAppDispatch } from '../../app/hooks'
import { toastAdded } from '../../app/toastSlice'
import type { PostSummary } from '../posts/types'
import { usePermissions } from '../workspaces/permissions'

const PAGE = 10

export function PostRow({ post, timeZone, actions = true, selected, onSelect }: { post: PostSummary; timeZone: string; actions?: boolean; selected?: boolean; onSelect?: (on: boolean) => void }) {
  const when = post.published_at ?? post.scheduled_for
  const wentOut = post.status === 'published' || post.status === 'partially_published'
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center" data-testid="post-row" data-post-id={post.id}>
      {onSelect && (
        <input
          type="checkbox"
          className="size-4 shrink-0 rounded border-slate-300 dark:border-slate-600 text-indigo-600 dark:text-indigo-300 focus-visible:ring-2 focus-visible:ring-indigo-600 dark:focus-visible:ring-indigo-400"
          checked={!!selected}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={`Select "${(post.title || post.content || 'post').slice(0, 40)}"`}
        />
      )}
      <div className="min-w-0 flex-1">
        <Link to={`/posts/${post.id}`} className="line-clamp-2 text-sm font-medium text-slate-900 dark:text-slate-100 hover:text-indigo-600 dark:hover:text-indigo-300">
          {post.title || post.content || '(no text)'}
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
          {/* Published now (no time of its own): it is on its way, not "Scheduled". */}
          <PostStatusBadge status={post.status === 'scheduled' && !post.scheduled_for ? 'queued' : post.status} />
          {post.platforms.map((p) => (
            <PlatformChip key={p} platform={p} size="sm" />
          ))}
          {when && <span>{formatDateTime(when, timeZone)}</span>}
          {wentOut && (
            <Link to={`/analytics/posts/${post.id}`} className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
              Analytics
            </Link>
          )}
        </div>
      </div>
      {actions && <PostActions post={post} compact />}
    </li>
  )
}

/** One status's posts, newest first, ten at a time; `awaitingMe`: those waiting for my approval. */
export function QueueList({ status, timeZone, empty, awaitingMe }: { status: string; timeZone: string; empty: string; awaitingMe?: boolean }) {
  const [offset, setOffset] = useState(0)
  const [selected, setSelected] = useState<string[]>([])
  const dispatch = useAppDispatch()
  const [bulkDelete, bulkState] = useBulkDeletePostsMutation()
  const { canWrite } = usePermissions()
  const { data, error, isLoading, isFetching, refetch } = useListPostsQuery(awaitingMe ? { awaiting_my_approval: true, limit: PAGE, offset } : { status, limit: PAGE, offset })
  if (isLoading) return <LoadingBlock />
  if (error)
    return (
      <Alert
        tone="error"
        action={
          <Button variant="secondary" onClick={() => void refetch()}>
            Try again
          </Button>
        }
      >
        {asApiError(error)?.message}
      </Alert>
    )
  if (!data?.items.length) return <EmptyState title={empty} />
  return (
    <div aria-busy={isFetching || undefined}>
      {canWrite && (
        <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2 text-slate-600 dark:text-slate-400">
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300 dark:border-slate-600 text-indigo-600 dark:text-indigo-300"
              checked={data.items.every((p) => selected.includes(p.id))}
              onChange={(e) => setSelected(e.target.checked ? data.items.map((p) => p.id) : [])}
            />
            Select all on this page
          </label>
          {selected.length > 0 && (
            <Button
              variant="secondary"
              loading={bulkState.isLoading}
              onClick={() =>
                void bulkDelete(selected)
                  .unwrap()
                  .then(
                    ({ post_ids }) => {
                      setSelected([])
                      dispatch(toastAdded({ tone: 'info', message: `${post_ids.length} post${post_ids.length === 1 ? '' : 's'} deleted.`, undoDelete: post_ids }))
                    },
                    (raw) => dispatch(toastAdded({ tone: 'error', message: asApiError(raw)?.message ?? "Couldn't delete." })),
                  )
              }
            >
              Delete selected ({selected.length})
            </Button>
          )}
        </div>
      )}
      <ul className="-my-3 divide-y divide-slate-100 dark:divide-slate-800">
        {data.items.map((post) => (
          <PostRow
            key={post.id}
            post={post}
            timeZone={timeZone}
            selected={selected.includes(post.id)}
            onSelect={canWrite ? (on) => setSelected((ids) => (on ? [...ids, post.id] : ids.filter((i) => i !== post.id))) : undefined}
          />
        ))}
      </ul>
      {data.total > PAGE && (
        <div className="mt-4 flex items-center justify-between text-sm text-slate-600 dark:text-slate-400">
          <span>
            {offset + 1}–{Math.min(offset + PAGE, data.total)} of {data.total}
          </span>
          <div className="flex gap-2">
            <Button variant="secondary" disabled={offset === 0} onClick={() => setOffset(offset - PAGE)}>
              Previous
            </Button>
            <Button variant="secondary" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
              Next
            </Button>
          </div>
        </div>
      )}
    </div>
  )
}
