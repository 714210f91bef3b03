import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { asApiError } from '../../app/apiError'
import { Button } from '../../components/Button'
import { useAppDispatch } from '../../app/hooks'
import { toastAdded } from '../../app/toastSlice'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useCancelPostMutation, useDuplicatePostMutation, useRetryPostMutation } from './postsApi'
import { usePermissions } from '../workspaces/permissions'

const RETRYABLE = new Set(['failed', 'partially_published'])

/**
 * Cancel / Retry / Duplicate for one post. A retry refused because an outcome is unknown (the
 * platform may have posted it) asks the user to check first, then retries with confirmation.
 */
export function PostActions({ post, compact }: { post: { id: string; status: string; title?: string | null }; compact?: boolean }) {
  const navigate = useNavigate()
  const dispatch = useAppDispatch()
  const [cancel, cancelState] = useCancelPostMutation()
  const [retry, retryState] = useRetryPostMutation()
  const [duplicate, duplicateState] = useDuplicatePostMutation()
  const [unknownMessage, setUnknownMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const variant = compact ? 'ghost' : 'secondary'
  // Viewers (and read-only members) change nothing: no actions at all.
  const { canWrite } = usePermissions()

  async function run<T>(action: () => Promise<T>) {
    setError(null)
    try {
      return await action()
    } catch (raw) {
      const e = asApiError(raw)!
      if (e.code === 'nothing_to_retry' && /unknown/i.test(e.message)) setUnknownMessage(e.message)
      else setError(e.message)
      return null
    }
  }

  if (!canWrite) return null
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <div className="flex flex-wrap gap-1">
        {post.status === 'scheduled' && (
          <Button
            variant={variant}
            onClick={() =>
              void run(async () => {
                await cancel(post.id).unwrap()
                dispatch(toastAdded({ tone: 'info', message: 'Unscheduled: the post is in Drafts now.', link: { href: `/posts/${post.id}`, label: 'Open it' } }))
              })
            }
            loading={cancelState.isLoading}
          >
            Unschedule
          </Button>
        )}
        {(RETRYABLE.has(post.status) || post.status === 'unknown') && (
          <Button variant={variant} onClick={() => void run(() => retry({ id: post.id }).unwrap())} loading={retryState.isLoading}>
            Retry
          </Button>
        )}
        <Button
          variant={variant}
          loading={duplicateState.isLoading}
          onClick={() =>
            void run(async () => {
              const copy = await duplicate(post.id).unwrap()
              navigate(`/posts/${copy.id}`)
            })
          }
        >
          Duplicate
        </Button>
      </div>
      {error && (
        <p className="text-sm text-red-600 dark:text-red-400" role="alert">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={unknownMessage !== null}
        title="Was it posted?"
        confirmLabel="It's not there: retry"
        busy={retryState.isLoading}
        onClose={() => setUnknownMessage(null)}
        onConfirm={() => void run(() => retry({ id: post.id, confirm_not_posted: true }).unwrap()).then(() => setUnknownMessage(null))}
      >
        <p>We sent this post but never heard back, so it may already be live. Retrying blindly could post it twice.</p>
        <p className="mt-2">Check the platform first. Retry only if the post is not there.</p>
        {unknownMessage && <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">{unknownMessage}</p>}
      </ConfirmDialog>
    </div>
  )
}
