import { Link } from 'react-router-dom'
import { Button } from '../../../components/Button'
import { SchedulePicker } from '../SchedulePicker'
import type { PostActionError } from '../postErrors'
import type { Busy } from './useComposeActions'
import type { SaveState } from './useAutosave'

export interface PublishBarProps {
  busy: Busy
  /** why publishing and scheduling are not possible right now (an upload in progress) */
  blockedReason: string | null
  error: PostActionError | null
  problemCount: number
  onShowProblems: () => void
  saveState: SaveState | 'local'
  canSave: boolean
  scheduleAt: string
  onScheduleAt: (value: string) => void
  scheduleError?: string
  timeZone: string
  minSchedule: string
  onPublish: () => void
  onSchedule: () => void
  onSave: () => void
}

const SAVE_LABEL: Record<PublishBarProps['saveState'], string> = {
  idle: '',
  pending: 'Unsaved changes',
  saving: 'Saving…',
  saved: 'Saved',
  error: "Couldn't save: check your connection",
  local: 'Kept in this browser until you save or publish',
}

/** Always in reach (sticky at the bottom): the actions, why they are disabled, and what went wrong. */
export function PublishBar(props: PublishBarProps) {
  const { busy, blockedReason, error } = props
  const blocked = busy !== null || blockedReason !== null
  return (
    <section
      aria-label="Publish"
      className="sticky bottom-0 z-20 -mx-4 border-t border-slate-200 dark:border-slate-700 bg-white/95 dark:bg-slate-900/95 px-4 py-3 shadow-[0_-4px_12px_rgba(15,23,42,0.06)] backdrop-blur sm:mx-0 sm:rounded-xl sm:border sm:px-5"
    >
      {error && (
        <div role="alert" className="mb-3 rounded-md bg-red-50 dark:bg-red-950 p-3 text-sm text-red-800 dark:text-red-200 ring-1 ring-red-200 dark:ring-red-900">
          {error.problems.length || props.problemCount ? (
            <>
              {`Fix ${props.problemCount || error.problems.length} problem${(props.problemCount || error.problems.length) === 1 ? '' : 's'} first. `}
              <button type="button" className="font-medium underline" onClick={props.onShowProblems}>
                Show me
              </button>
            </>
          ) : (
            error.error.message
          )}
          {error.planLimit && (
            <>
              {' '}
              <Link to="/billing" className="font-medium underline">
                Upgrade your plan
              </Link>
            </>
          )}
        </div>
      )}
      <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
        <div className="flex flex-wrap items-center gap-2">
          <Button onClick={props.onPublish} loading={busy === 'publish'} disabled={blocked} aria-describedby={blockedReason ? 'publish-blocked' : undefined}>
            Publish now
          </Button>
          <Button variant="secondary" onClick={props.onSave} loading={busy === 'save'} disabled={busy !== null || !props.canSave}>
            Save draft
          </Button>
          <span className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite" data-testid="save-state">
            {SAVE_LABEL[props.saveState]}
          </span>
        </div>
        <SchedulePicker
          value={props.scheduleAt}
          onChange={props.onScheduleAt}
          timeZone={props.timeZone}
          min={props.minSchedule}
          error={props.scheduleError}
          busy={busy === 'schedule'}
          disabled={blocked && busy !== 'schedule'}
          onSchedule={props.onSchedule}
        />
      </div>
      {blockedReason && (
        <p id="publish-blocked" className="mt-2 text-sm text-amber-700 dark:text-amber-300">
          {blockedReason}
        </p>
      )}
    </section>
  )
}
