import { useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { asApiError } from '../../app/apiError'
import { Button } from '../../components/Button'
import { useAppDispatch } from '../../app/hooks'
import { toastAdded } from '../../app/toastSlice'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useApprovePostMutation, useCancelPostMutation, useDuplicatePostMutation, useRequestChangesMutation, useRetryPostMutation } from './postsApi'
import { usePermissions } from '../workspaces/permissions'

const RETRYABLE = new Set(['failed', 'partially_published'])

/**
 * Cancel / Retry / Duplicate for one post; for a post pending approval, Approve and Request
 * changes (approvers: admins and the owner) and Withdraw. An approval whose time has passed asks
 * whether to publish now (the server never decides that silently). A retry refused because an outcome is unknown (the
 * platform may have posted it) asks the user to check first, then retries with confirmation.
 */
export function PostActions({ post, compact }: { post: { id: string; status: string; title?: string | null; revision?: number }; compact?: boolean }) {
  const navigate = useNavigate()
  const dispatch = useAppDispatch()
  const [cancel, cancelState] = useCancelPostMutation()
  const [retry, retryState] = useRetryPostMutation()
  const [duplicate, duplicateState] = useDuplicatePostMutation()
  const [approve, approveState] = useApprovePostMutation()
  const [requestChanges, requestState] = useRequestChangesMutation()
  const [unknownMessage, setUnknownMessage] = useState<string | null>(null)
  const [timePassed, setTimePassed] = useState<string | null>(null)
  const [asking, setAsking] = useState(false)
  const [comment, setComment] = useState('')
  const [commentError, setCommentError] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const variant = compact ? 'ghost' : 'secondary'
  // Viewers (and read-only members) change nothing: no actions at all.
  const { canWrite, canManageTeam: canApprove } = usePermissions()
  const pending = post.status === 'pending_approval'

  async function approveIt(publishNow = false) {
    setError(null)
    try {
      const done = await approve({ id: post.id, ...(post.revision !== undefined ? { revision: post.revision } : {}), ...(publishNow ? { publish_now: true } : {}) }).unwrap()
      setTimePassed(null)
      dispatch(toastAdded({ tone: 'success', message: done.scheduled_for ? 'Approved: it goes out at its time.' : 'Approved: publishing now.' }))
    } catch (raw) {
      const e = asApiError(raw)!
      if (e.code === 'approval_time_passed') setTimePassed(e.message)
      else setError(e.message)
    }
  }

  async function sendBack() {
    if (!comment.trim()) {
      setCommentError('Say what should change.')
      return
    }
    const done = await run(() => requestChanges({ id: post.id, comment: comment.trim() }).unwrap())
    if (done) {
      setAsking(false)
      setComment('')
      dispatch(toastAdded({ tone: 'info', message: 'Sent back to its author as a draft.' }))
    }
  }

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
        {pending && canApprove && (
          <>
            <Button variant={compact ? 'ghost' : 'primary'} onClick={() => void approveIt()} loading={approveState.isLoading}>
              Approve
            </Button>
            <Button variant={variant} onClick={() => setAsking(true)}>
              Request changes
            </Button>
          </>
        )}
        {pending && (
          <Button variant={variant} onClick={() => void run(() => cancel(post.id).unwrap())} loading={cancelState.isLoading}>
            Withdraw
          </Button>
        )}
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
        open={timePassed !== null}
        title="Its time has passed"
        confirmLabel="Publish now"
        busy={approveState.isLoading}
        onClose={() => setTimePassed(null)}
        onConfirm={() => void approveIt(true)}
      >
        <p>{timePassed}</p>
        <p className="mt-2">Publish it now, or cancel and pick a new time in the editor.</p>
      </ConfirmDialog>
      <ConfirmDialog open={asking} title="Request changes" confirmLabel="Send back" busy={requestState.isLoading} onClose={() => setAsking(false)} onConfirm={() => void sendBack()}>
        <label htmlFor={`changes-${post.id}`} className="block font-medium text-slate-700 dark:text-slate-300">
          What should change?
        </label>
        <textarea
          id={`changes-${post.id}`}
          className="mt-1 w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-800 p-2 text-sm"
          rows={4}
          value={comment}
          onChange={(e) => {
            setComment(e.target.value)
            setCommentError(null)
          }}
        />
        {commentError && (
          <p className="mt-1 text-sm text-red-600 dark:text-red-400" role="alert">
            {commentError}
          </p>
        )}
        <p className="mt-2">The post goes back to draft; its author sees your comment.</p>
      </ConfirmDialog>
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
