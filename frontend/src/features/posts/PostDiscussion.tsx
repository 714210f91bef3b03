import { useState } from 'react'
import { asApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { formatDateTime } from '../../app/time'
import { Button } from '../../components/Button'
import { Card } from '../../components/Card'
import { TextArea } from '../../components/TextArea'
import { selectCurrentUser } from '../auth/authSlice'
import { usePermissions } from '../workspaces/permissions'
import { useAddCommentMutation, useCreateReviewLinkMutation, useListCommentsQuery, useListReviewLinksQuery, useRevokeReviewLinkMutation } from './postsApi'

/**
 * A post's comment thread (every member, viewers too; `@name` or `@e-mail` mentions notify a
 * member; internal notes are never shown to a client reviewer) and, for approvers, the client
 * review links: made here, shown once to copy, revoked here (issue 15).
 */
export function PostDiscussion({ postId }: { postId: string }) {
  const user = useAppSelector(selectCurrentUser)
  const timeZone = user?.timezone ?? 'UTC'
  const { role, canManageTeam } = usePermissions()
  const comments = useListCommentsQuery(postId)
  const [add, adding] = useAddCommentMutation()
  const [text, setText] = useState('')
  const [internal, setInternal] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function send() {
    if (!text.trim()) {
      setError('Write something first.')
      return
    }
    setError(null)
    try {
      await add({ id: postId, text: text.trim(), internal }).unwrap()
      setText('')
      setInternal(false)
    } catch (raw) {
      setError(asApiError(raw)?.message ?? 'The comment was not saved.')
    }
  }

  if (!role) return null
  return (
    <Card title="Comments" description="Seen by the workspace's members. Mention someone with @ and their e-mail (or the part before the @).">
      <ul className="space-y-3" aria-label="Comments">
        {(comments.data?.items ?? []).map((c) => (
          <li key={c.id} className="text-sm" data-testid="comment">
            <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
              <span className="font-medium text-slate-700 dark:text-slate-200">{c.author ? c.author.full_name || c.author.email : 'Client'}</span>
              <span>{formatDateTime(c.created_at, timeZone)}</span>
              {c.internal && <span className="rounded bg-slate-100 dark:bg-slate-800 px-1.5">Internal note</span>}
              {c.kind === 'changes_requested' && <span className="rounded bg-amber-100 dark:bg-amber-900 px-1.5">Changes requested</span>}
            </div>
            <p className="mt-1 whitespace-pre-wrap text-slate-800 dark:text-slate-100">{c.text}</p>
          </li>
        ))}
        {comments.data && comments.data.items.length === 0 && <li className="text-sm text-slate-500 dark:text-slate-400">No comments yet.</li>}
      </ul>
      <div className="mt-4 space-y-2">
        <TextArea label="Add a comment" rows={3} value={text} maxLength={5000} error={error} onChange={(e) => setText(e.target.value)} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} className="size-4 rounded border-slate-300 dark:border-slate-600" />
            Internal note (never shown to a client reviewer)
          </label>
          <Button onClick={() => void send()} loading={adding.isLoading}>
            Comment
          </Button>
        </div>
      </div>
      {canManageTeam && <ReviewLinks postId={postId} timeZone={timeZone} />}
    </Card>
  )
}

function ReviewLinks({ postId, timeZone }: { postId: string; timeZone: string }) {
  const links = useListReviewLinksQuery(postId)
  const [create, creating] = useCreateReviewLinkMutation()
  const [revoke] = useRevokeReviewLinkMutation()
  const [fresh, setFresh] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const live = (links.data?.items ?? []).filter((l) => !l.revoked_at)

  async function make() {
    setError(null)
    setCopied(false)
    try {
      const made = await create({ id: postId }).unwrap()
      setFresh(made.url ?? null)
    } catch (raw) {
      setError(asApiError(raw)?.message ?? 'The link was not made.')
    }
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }

  return (
    <section className="mt-6 border-t border-slate-200 dark:border-slate-700 pt-4" aria-labelledby={`review-${postId}`}>
      <h3 id={`review-${postId}`} className="text-sm font-semibold text-slate-900 dark:text-slate-100">
        Client review
      </h3>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">A link for someone without an account: they see this post only, and approve it or ask for changes. It expires in 7 days.</p>
      {fresh && (
        <div className="mt-2 flex flex-col gap-2 sm:flex-row">
          <label htmlFor={`review-url-${postId}`} className="sr-only">
            Client review link
          </label>
          <input
            id={`review-url-${postId}`}
            readOnly
            value={fresh}
            onFocus={(e) => e.target.select()}
            className="min-w-0 flex-1 rounded-md border-0 bg-white dark:bg-slate-900 px-3 py-2 font-mono text-xs ring-1 ring-slate-300 dark:ring-slate-600 ring-inset"
          />
          <Button variant="secondary" onClick={() => void copy(fresh)}>
            Copy link
          </Button>
        </div>
      )}
      <p aria-live="polite" className="mt-1 text-xs empty:hidden">
        {fresh ? (copied ? 'Copied to the clipboard.' : 'Shown only now: copy it to share.') : ''}
      </p>
      {error && (
        <p className="mt-1 text-sm text-red-600 dark:text-red-400" role="alert">
          {error}
        </p>
      )}
      <ul className="mt-2 space-y-1 text-sm" aria-label="Review links">
        {live.map((l) => (
          <li key={l.id} className="flex flex-wrap items-center gap-2">
            <span className="text-slate-600 dark:text-slate-400">
              {l.decision ? `${l.decision === 'approved' ? 'Approved' : 'Changes requested'} by ${l.client_name ?? 'the client'}` : `Open until ${formatDateTime(l.expires_at, timeZone)}`}
            </span>
            <Button variant="ghost" aria-label={`Revoke the review link open until ${formatDateTime(l.expires_at, timeZone)}`} onClick={() => void revoke({ id: postId, linkId: l.id })}>
              Revoke
            </Button>
          </li>
        ))}
      </ul>
      <Button variant="secondary" className="mt-2" onClick={() => void make()} loading={creating.isLoading}>
        Create review link
      </Button>
    </section>
  )
}
