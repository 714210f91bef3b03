import { Link } from 'react-router-dom'
import { Card } from '../../components/Card'
import { formatDateTime } from '../../app/time'
import { handle, platformName } from '../platforms/platformMeta'
import { PlatformChip } from '../platforms/PlatformChip'
import { PostActions } from './PostActions'
import { PostStatusBadge } from './PostStatusBadge'
import type { PlatformPost, Post } from './types'

const PART_STATUS: Record<string, string> = { waiting: 'Waiting for the part before', sending: 'Publishing', skipped: 'Not sent (an earlier part failed)' }

function link(url: string, text: string) {
  return (
    <a href={url} target="_blank" rel="noreferrer" className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
      {text}
    </a>
  )
}

/** An X thread's parts in order (the post itself is part 1), each with its own link and status. */
function Parts({ pp }: { pp: PlatformPost }) {
  const parts = pp.parts ?? []
  if (parts.length < 2) return null
  return (
    <ol className="w-full space-y-1 border-l-2 border-sky-200 dark:border-sky-900 pl-3" aria-label={`Thread on ${platformName(pp.platform)}`}>
      {parts.map((part) => (
        <li key={part.position} className="flex flex-wrap items-center gap-2 text-sm" data-testid="thread-part-status">
          <span className="font-medium text-slate-700 dark:text-slate-300">
            Part {part.position} of {parts.length}
          </span>
          {PART_STATUS[part.status] ? <span className="text-xs text-slate-500 dark:text-slate-400">{PART_STATUS[part.status]}</span> : <PostStatusBadge status={part.status} />}
          {part.url && link(part.url, `View part ${part.position}`)}
          {part.error && <span className="w-full text-red-700 dark:text-red-300">{part.error}</span>}
        </li>
      ))}
    </ol>
  )
}

/** The first comment (X: first reply): its own status; a failed one never fails the post. */
function FirstComment({ pp }: { pp: PlatformPost }) {
  const comment = pp.first_comment
  if (!comment) return null
  const what = pp.platform === 'twitter' ? 'First reply' : 'First comment'
  return (
    <div className="flex w-full flex-wrap items-center gap-2 text-sm" data-testid={`first-comment-${pp.platform}`}>
      <span className="font-medium text-slate-700 dark:text-slate-300">{what}</span>
      {PART_STATUS[comment.status] ? <span className="text-xs text-slate-500 dark:text-slate-400">{PART_STATUS[comment.status]}</span> : <PostStatusBadge status={comment.status} />}
      {comment.url && link(comment.url, `View ${what.toLowerCase()}`)}
      {comment.error && (
        <span className="w-full text-red-700 dark:text-red-300">
          {what} not posted: {comment.error}
          {pp.status === 'published' ? ' The post itself is published.' : ''}
        </span>
      )}
    </div>
  )
}

/** Where each target stands; updated live by the event stream. */
export function PostStatusPanel({ post, timeZone }: { post: Post; timeZone: string }) {
  const wentOut = post.platform_posts.some((pp) => pp.status === 'published')
  // Published now (no scheduled time): waiting targets are being sent, not "scheduled".
  const sendingNow = !post.scheduled_for && (post.status === 'scheduled' || post.status === 'publishing')
  return (
    <Card title="Status">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="space-y-1 text-sm">
          <p className="flex items-center gap-2">
            Post <PostStatusBadge status={post.status} />
          </p>
          {post.scheduled_for && post.status === 'scheduled' && (
            <p className="text-slate-600 dark:text-slate-400">Goes out {formatDateTime(post.scheduled_for, timeZone, { dateStyle: 'full', timeStyle: 'short' })}</p>
          )}
          {sendingNow && <p className="text-slate-600 dark:text-slate-400">Publishing now… each platform's status updates here as it answers.</p>}
          {wentOut && (
            <Link to={`/analytics/posts/${post.id}`} className="inline-block font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
              See analytics
            </Link>
          )}
        </div>
        <PostActions post={post} />
      </div>
      <ul className="mt-4 divide-y divide-slate-100 dark:divide-slate-800" aria-label="Per-platform status">
        {post.platform_posts.map((pp) => (
          <li key={pp.id} className="flex flex-wrap items-center gap-2 py-2 text-sm" data-testid={`target-${pp.platform}`}>
            <PlatformChip platform={pp.platform} size="sm" />
            <span className="min-w-0 flex-1 truncate">{handle(pp.account?.username) ?? pp.account?.display_name ?? platformName(pp.platform)}</span>
            <PostStatusBadge status={sendingNow && pp.status === 'pending' ? 'queued' : pp.status} />
            {pp.platform_url && (
              <a href={pp.platform_url} target="_blank" rel="noreferrer" className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
                View on {platformName(pp.platform)}
              </a>
            )}
            {pp.published_at && <span className="text-xs text-slate-500 dark:text-slate-400">{formatDateTime(pp.published_at, timeZone)}</span>}
            {pp.error_message && <p className="w-full text-sm text-red-700 dark:text-red-300">{pp.error_message}</p>}
            <Parts pp={pp} />
            <FirstComment pp={pp} />
          </li>
        ))}
      </ul>
    </Card>
  )
}
