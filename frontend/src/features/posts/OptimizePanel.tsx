import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Alert } from '../../components/Alert'
import { Badge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { platformName } from '../platforms/platformMeta'
import { ProblemList } from './Counters'
import type { ApiError } from '../../app/apiError'
import type { OptimizeResult } from './types'

export interface OptimizePanelProps {
  result: OptimizeResult | null
  error: ApiError | null
  busy: boolean
  /** `offline`: the free built-in rules, offered when the plan refuses the AI; `thread`: X as a
   * thread when the post is longer than one X post. */
  onOptimize: (optimizer?: 'offline', thread?: boolean) => void
  /** X is a target: offer to split a long post into a thread */
  offerThread?: boolean
  onEdit: (platform: string) => void
  onRevert: (platformPostId: string) => void
  onDismiss: () => void
}

/** "Optimize with AI": the backend stores each result in its variant; keep, edit or revert it. */
export function OptimizePanel({ result, error, busy, onOptimize, onEdit, onRevert, onDismiss, offerThread = false }: OptimizePanelProps) {
  const offline = result?.variants.filter((v) => v.fallback_reason) ?? []
  const [thread, setThread] = useState(false)
  const asThread = offerThread && thread
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={() => onOptimize(undefined, asThread)} loading={busy}>
          Optimize with AI
        </Button>
        {offerThread && (
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input type="checkbox" checked={thread} onChange={(e) => setThread(e.target.checked)} />
            X: make a thread if it is too long for one post
          </label>
        )}
      </div>
      {error &&
        (error.status === 402 ? (
          <Alert
            tone="warning"
            title="Your plan doesn't include AI"
            action={
              error.code === 'plan_feature' && (
                <Button variant="secondary" onClick={() => onOptimize('offline', asThread)} disabled={busy}>
                  Use the free offline optimizer
                </Button>
              )
            }
          >
            {error.message}{' '}
            <Link to="/billing" className="font-medium underline">
              See plans
            </Link>
          </Alert>
        ) : (
          <Alert tone="error">{error.message}</Alert>
        ))}
      {result && (
        <div className="space-y-3 rounded-lg bg-slate-50 dark:bg-slate-950 p-3" aria-label="Optimized versions">
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Optimized by <strong>{result.optimizer}</strong>. Each version is saved in its platform's tab.
          </p>
          {result.notice && <p className="text-sm text-slate-600 dark:text-slate-400">{result.notice}</p>}
          {offline.length > 0 && (
            <Alert tone="info" title="Offline optimizer used">
              {offline.map((v) => `${platformName(v.platform)}: ${v.fallback_reason}`).join(' ')}
            </Alert>
          )}
          <ul className="space-y-3">
            {result.variants.map((v) => (
              <li key={v.platform_post_id} className="rounded-md bg-white dark:bg-slate-900 p-3 ring-1 ring-slate-200 dark:ring-slate-700">
                <p className="flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
                  {platformName(v.platform)} {v.optimized_by && <Badge tone="indigo">{v.optimized_by}</Badge>}
                </p>
                {v.title && <p className="mt-1 text-sm font-medium">{v.title}</p>}
                {v.as_thread && v.thread ? (
                  <ol className="mt-1 space-y-1 border-l-2 border-sky-200 pl-3 dark:border-sky-900" aria-label={`${platformName(v.platform)} thread`}>
                    {v.thread.map((part, i) => (
                      <li key={i} className="text-sm whitespace-pre-wrap text-slate-700 dark:text-slate-300">
                        {part}
                      </li>
                    ))}
                  </ol>
                ) : (
                  <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700 dark:text-slate-300">{v.content}</p>
                )}
                {v.as_thread && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Written as a thread of {v.thread?.length} parts: see the X thread below the text.</p>}
                <ProblemList problems={v.problems} showPlatform={false} />
                <div className="mt-2 flex flex-wrap gap-2">
                  <Button variant="ghost" onClick={onDismiss}>
                    Keep
                  </Button>
                  <Button variant="ghost" onClick={() => onEdit(v.platform)}>
                    Edit
                  </Button>
                  <Button variant="ghost" onClick={() => v.platform_post_id && onRevert(v.platform_post_id)}>
                    Revert
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
