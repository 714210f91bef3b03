import { useEffect, useState } from 'react'
import { useStore } from 'react-redux'
import { api } from '../../app/api'
import type { ApiError } from '../../app/apiError'
import { asApiError } from '../../app/apiError'
import { useAppDispatch } from '../../app/hooks'
import { formatTime } from '../../app/time'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { downloadPostsCsv, useRefreshAnalyticsMutation } from './analyticsApi'
import { PlanNotice } from './PlanNotice'
import { planGate } from './shaping'
import type { RangeName } from './types'

/** When "Refresh now" may be asked again: from the answer, or from a 429's Retry-After. */
export function nextRefreshAt(outcome: { next_allowed_at?: string } | ApiError, now = Date.now()): number | null {
  if ('next_allowed_at' in outcome && outcome.next_allowed_at) return Date.parse(outcome.next_allowed_at)
  if ('status' in outcome && outcome.status === 429) return now + (outcome.retryAfterSeconds ?? 60) * 1000
  return null
}

/** "Refresh now" (once per 5 minutes, server-enforced) and the CSV export of the post table. */
export function AnalyticsActions({ range, timeZone }: { range: RangeName; timeZone: string }) {
  const dispatch = useAppDispatch()
  const store = useStore()
  const [refresh, refreshState] = useRefreshAnalyticsMutation()
  const [allowedAt, setAllowedAt] = useState<number | null>(null)
  const [message, setMessage] = useState<{ tone: 'success' | 'info' | 'error'; text: string } | null>(null)
  const [exportError, setExportError] = useState<ApiError | null>(null)
  const [exporting, setExporting] = useState(false)

  // Re-enable the button when the wait is over (allowedAt is only ever set to a future time).
  useEffect(() => {
    if (!allowedAt) return
    const timer = setTimeout(() => setAllowedAt(null), Math.max(0, allowedAt - Date.now()) + 50)
    return () => clearTimeout(timer)
  }, [allowedAt])

  const waiting = allowedAt !== null
  const iso = (ms: number) => new Date(ms).toISOString()

  async function onRefresh() {
    setMessage(null)
    const result = await refresh()
    if ('data' in result && result.data) {
      const at = nextRefreshAt(result.data)
      setAllowedAt(at !== null && at > Date.now() ? at : null)
      setMessage({
        tone: 'success',
        text: `Fetching follower counts for ${result.data.follower_syncs} account${result.data.follower_syncs === 1 ? '' : 's'} and numbers for ${result.data.metric_fetches} post${result.data.metric_fetches === 1 ? '' : 's'}. The page updates in a moment.`,
      })
      setTimeout(() => dispatch(api.util.invalidateTags(['Analytics'])), 4000)
      return
    }
    const error = asApiError('error' in result ? result.error : null)
    if (error?.status === 429) {
      const at = nextRefreshAt(error)!
      setAllowedAt(at !== null && at > Date.now() ? at : null)
      setMessage({ tone: 'info', text: `Numbers were refreshed moments ago. You can refresh again at ${formatTime(iso(at), timeZone)}.` })
    } else if (error) {
      setMessage({ tone: 'error', text: error.message })
    }
  }

  async function onExport() {
    setExportError(null)
    setExporting(true)
    try {
      setExportError(await downloadPostsCsv(range, dispatch, store.getState))
    } finally {
      setExporting(false)
    }
  }

  const exportGate = planGate(exportError)
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() => void onRefresh()}
          loading={refreshState.isLoading}
          disabled={waiting}
          title={waiting ? `Available again at ${formatTime(iso(allowedAt!), timeZone)}` : undefined}
        >
          Refresh now
        </Button>
        <Button variant="secondary" onClick={() => void onExport()} loading={exporting}>
          Export CSV
        </Button>
      </div>
      {message && (
        <Alert
          tone={message.tone}
          action={
            <Button variant="ghost" onClick={() => setMessage(null)}>
              Dismiss
            </Button>
          }
        >
          <span data-testid="refresh-message">{message.text}</span>
        </Alert>
      )}
      {exportGate ? <PlanNotice gate={exportGate} /> : exportError && <Alert tone="error">{exportError.message}</Alert>}
    </div>
  )
}
