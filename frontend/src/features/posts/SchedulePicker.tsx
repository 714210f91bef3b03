import { useId } from 'react'
import { Button } from '../../components/Button'

export interface SchedulePickerProps {
  value: string
  onChange: (value: string) => void
  timeZone: string
  min?: string
  error?: string | null
  busy?: boolean
  disabled?: boolean
  onSchedule: () => void
}

/** A date-time in the user's time zone; the backend reads the local value in that zone. */
export function SchedulePicker({ value, onChange, timeZone, min, error, busy, disabled, onSchedule }: SchedulePickerProps) {
  const id = useId()
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        Schedule for <span className="font-normal text-slate-500 dark:text-slate-400">({timeZone})</span>
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={id}
          type="datetime-local"
          value={value}
          min={min}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          disabled={disabled}
          className={`block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset sm:max-w-xs ${error ? 'ring-red-400' : 'ring-slate-300 dark:ring-slate-600'} focus:ring-2 focus:ring-indigo-600 dark:focus:ring-indigo-400 focus:outline-none`}
        />
        <Button variant="secondary" onClick={onSchedule} loading={busy} disabled={disabled || !value}>
          Schedule
        </Button>
      </div>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
