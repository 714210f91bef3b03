import { useState, type DragEvent, type KeyboardEvent } from 'react'
import { Link } from 'react-router-dom'
import { formatDay, formatWallTime, weekdayNames } from '../../app/time'
import { cx } from '../../components/cx'
import { PlatformChip } from '../platforms/PlatformChip'
import { statusLabel } from '../posts/PostStatusBadge'
import type { CalendarItem } from '../posts/types'
import { addDays, canReschedule, groupByDay, visibleDays, type CalendarView, type DayKey, type DropTarget } from './calendarMath'

export interface CalendarProps {
  view: CalendarView
  anchor: DayKey
  today: DayKey
  items: CalendarItem[]
  timeZone: string
  /** Absent: nothing can be moved (a viewer's calendar). */
  onMove?: (item: CalendarItem, target: DropTarget) => void
  /** An empty slot was chosen: start a post there ("YYYY-MM-DDTHH:MM" in the user's zone). */
  onCreateAt?: (local: string) => void
}

function NewPostHere({ label, local, onCreateAt }: { label: string; local: string; onCreateAt?: (local: string) => void }) {
  if (!onCreateAt) return null
  return (
    <button
      type="button"
      onClick={() => onCreateAt(local)}
      className="rounded px-1 text-xs font-semibold text-indigo-700 dark:text-indigo-300 opacity-0 group-hover:opacity-100 hover:bg-indigo-50 dark:hover:bg-indigo-950 focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-indigo-600 dark:focus-visible:ring-indigo-400 focus-visible:outline-none"
    >
      <span aria-hidden="true">+</span>
      <span className="sr-only">{label}</span>
    </button>
  )
}

const HOURS = Array.from({ length: 24 }, (_, h) => h)
const DRAG_TYPE = 'application/x-socialflow-post'

function dayLabel(key: DayKey) {
  return formatDay(key, { weekday: 'long', month: 'long', day: 'numeric' })
}

/** A wall-clock time as the dashboard writes times ("9:00 AM", "09:00"), free to wrap in a
 * narrow cell (Intl joins "9:00" and "AM" with a no-break space). */
function slotTime(local: string) {
  return formatWallTime(local).replace(/\u202f/g, ' ')
}

const pad2 = (n: number) => String(n).padStart(2, '0')

const TONE: Record<string, string> = {
  // Waiting for approval (issue 15): dashed, so it reads apart from what is scheduled.
  pending_approval: 'border border-dashed border-amber-400 dark:border-amber-600 bg-amber-50 dark:bg-amber-950 text-amber-900 dark:text-amber-100 ring-transparent',
  scheduled: 'bg-indigo-50 dark:bg-indigo-950 text-indigo-900 dark:text-indigo-100 ring-indigo-200 dark:ring-indigo-900',
  published: 'bg-emerald-50 dark:bg-emerald-950 text-emerald-900 dark:text-emerald-100 ring-emerald-200 dark:ring-emerald-900',
  failed: 'bg-red-50 dark:bg-red-950 text-red-900 dark:text-red-100 ring-red-200 dark:ring-red-900',
  partially_published: 'bg-amber-50 dark:bg-amber-950 text-amber-900 dark:text-amber-100 ring-amber-200 dark:ring-amber-900',
  publishing: 'bg-sky-50 dark:bg-sky-950 text-sky-900 dark:text-sky-100 ring-sky-200 dark:ring-sky-900',
}

function EventChip({ item, onMove, hourView }: { item: CalendarItem & { local: string }; onMove: CalendarProps['onMove']; hourView: boolean }) {
  const movable = !!onMove && canReschedule(item)
  const time = slotTime(item.local)
  const text = item.title || item.content || '(no text)'
  function onKeyDown(event: KeyboardEvent) {
    // Keyboard rescheduling: Alt+arrows move by a day (and by an hour in the week view).
    if (!movable || !event.altKey) return
    const day = item.local.slice(0, 10)
    const hour = Number(item.local.slice(11, 13))
    const moves: Record<string, DropTarget | undefined> = {
      ArrowLeft: { day: addDays(day, -1) },
      ArrowRight: { day: addDays(day, 1) },
      ArrowUp: hourView && hour > 0 ? { day, hour: hour - 1 } : undefined,
      ArrowDown: hourView && hour < 23 ? { day, hour: hour + 1 } : undefined,
    }
    const target = moves[event.key]
    if (target) {
      event.preventDefault()
      onMove?.(item, target)
    }
  }
  return (
    <Link
      to={`/posts/${item.id}`}
      draggable={movable}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, item.id)
        e.dataTransfer.setData('text/plain', item.id)
        e.dataTransfer.effectAllowed = 'move'
      }}
      onKeyDown={onKeyDown}
      data-testid="calendar-item"
      data-post-id={item.id}
      className={cx(
        // A month cell on a phone is ~44 px wide: smaller type and padding keep "10:15" whole.
        'block min-w-0 rounded px-0.5 py-0.5 text-[10px] leading-tight ring-1 ring-inset sm:px-1 sm:text-xs',
        TONE[item.status] ?? 'bg-slate-50 dark:bg-slate-950 text-slate-800 dark:text-slate-200 ring-slate-200 dark:ring-slate-700',
        movable && 'cursor-grab active:cursor-grabbing',
      )}
    >
      {/* The visible text is the accessible name; only the status and the hint are for screen readers. */}
      <span className="flex min-w-0 items-center gap-1">
        <span className="min-w-0 font-semibold tabular-nums" data-testid="calendar-time">
          {time}
        </span>
        <span className="hidden shrink-0 gap-0.5 sm:flex" aria-hidden="true">
          {item.platforms.slice(0, 3).map((p) => (
            <PlatformChip key={p} platform={p} size="sm" className="size-3.5 text-[7px]" />
          ))}
        </span>
      </span>
      <span className="sr-only"> {statusLabel(item.status)}: </span>
      <span className="block truncate" data-testid="calendar-text">
        {text}
      </span>
      {movable && <span className="sr-only">. Alt plus arrow keys to move</span>}
    </Link>
  )
}

function useDropZone(items: CalendarItem[], onMove: CalendarProps['onMove']) {
  const [over, setOver] = useState<string | null>(null)
  return {
    over,
    props: (zone: string, target: DropTarget) => ({
      onDragOver: (e: DragEvent) => {
        e.preventDefault()
        e.dataTransfer.dropEffect = 'move'
        if (over !== zone) setOver(zone)
      },
      onDragLeave: () => setOver((o) => (o === zone ? null : o)),
      onDrop: (e: DragEvent) => {
        e.preventDefault()
        setOver(null)
        const id = e.dataTransfer.getData(DRAG_TYPE) || e.dataTransfer.getData('text/plain')
        const item = items.find((i) => i.id === id)
        if (item && onMove) onMove(item, target)
      },
    }),
  }
}

/** Month and week grids of scheduled and published posts; scheduled ones can be dragged. */
export function Calendar({ view, anchor, today, items, timeZone, onMove, onCreateAt }: CalendarProps) {
  const days = visibleDays(view, anchor)
  const byDay = groupByDay(items, timeZone)
  const drop = useDropZone(items, onMove)
  const month = anchor.slice(0, 7)
  const weekdays = weekdayNames('short')

  if (view === 'month') {
    return (
      <div role="grid" aria-label="Month calendar" className="overflow-hidden rounded-lg ring-1 ring-slate-200 dark:ring-slate-700">
        <div role="row" className="grid grid-cols-7 bg-slate-50 dark:bg-slate-950 text-center text-xs font-medium text-slate-500 dark:text-slate-400">
          {weekdays.map((d) => (
            <div role="columnheader" key={d} className="py-2">
              {d}
            </div>
          ))}
        </div>
        {Array.from({ length: 6 }, (_, w) => (
          <div role="row" key={w} className="grid grid-cols-7">
            {days.slice(w * 7, w * 7 + 7).map((day) => {
              const entries = byDay.get(day) ?? []
              return (
                <div
                  role="gridcell"
                  key={day}
                  data-day={day}
                  {...drop.props(day, { day })}
                  className={cx(
                    'group min-h-20 min-w-0 space-y-0.5 border-t border-l border-slate-200 dark:border-slate-700 p-0.5 first:border-l-0 sm:min-h-24 sm:p-1',
                    day.slice(0, 7) !== month && 'bg-slate-50/70 dark:bg-slate-950/70',
                    drop.over === day && 'bg-indigo-50 dark:bg-indigo-950 ring-2 ring-indigo-400 ring-inset',
                  )}
                >
                  <p
                    className={cx(
                      'flex items-center justify-end gap-1 text-xs',
                      day === today ? 'font-bold text-indigo-600 dark:text-indigo-300' : day.slice(0, 7) === month ? 'text-slate-700 dark:text-slate-300' : 'text-slate-500 dark:text-slate-400',
                    )}
                  >
                    <NewPostHere label={`New post on ${dayLabel(day)}`} local={`${day}T09:00`} onCreateAt={onCreateAt} />
                    <span aria-hidden="true">{Number(day.slice(8))}</span>
                    <span className="sr-only">{`${dayLabel(day)}, ${entries.length} post${entries.length === 1 ? '' : 's'}`}</span>
                  </p>
                  {entries.map((item) => (
                    <EventChip key={item.id} item={item} onMove={onMove} hourView={false} />
                  ))}
                </div>
              )
            })}
          </div>
        ))}
      </div>
    )
  }

  return (
    <div className="max-h-[40rem] overflow-auto rounded-lg ring-1 ring-slate-200 dark:ring-slate-700">
      <div role="grid" aria-label="Week calendar" className="min-w-[44rem]">
        <div role="row" className="sticky top-0 z-10 grid grid-cols-[3.5rem_repeat(7,minmax(0,1fr))] bg-slate-50 dark:bg-slate-950 text-xs font-medium text-slate-600 dark:text-slate-400">
          <div role="columnheader" className="py-2" />
          {days.map((day, i) => (
            <div role="columnheader" key={day} className={cx('py-2 text-center', day === today && 'text-indigo-600 dark:text-indigo-300')}>
              {weekdays[i]} {Number(day.slice(8))}
            </div>
          ))}
        </div>
        {HOURS.map((hour) => (
          <div role="row" key={hour} className="grid grid-cols-[3.5rem_repeat(7,minmax(0,1fr))]">
            <div role="rowheader" className="border-t border-slate-100 dark:border-slate-800 pt-1 pr-2 text-right text-xs text-slate-500 dark:text-slate-400">
              {slotTime(`${days[0]}T${pad2(hour)}:00`)}
            </div>
            {days.map((day) => {
              const zone = `${day}T${hour}`
              const entries = (byDay.get(day) ?? []).filter((item) => Number(item.local.slice(11, 13)) === hour)
              return (
                <div
                  role="gridcell"
                  key={zone}
                  data-day={day}
                  data-hour={hour}
                  {...drop.props(zone, { day, hour })}
                  className={cx(
                    'group min-h-10 min-w-0 space-y-0.5 border-t border-l border-slate-100 dark:border-slate-800 p-0.5',
                    drop.over === zone && 'bg-indigo-50 dark:bg-indigo-950 ring-2 ring-indigo-400 ring-inset',
                  )}
                >
                  <span className="sr-only">{`${dayLabel(day)} ${slotTime(`${day}T${pad2(hour)}:00`)}`}</span>
                  {entries.length === 0 && <NewPostHere label={`New post on ${dayLabel(day)} at ${slotTime(`${day}T${pad2(hour)}:00`)}`} local={`${day}T${pad2(hour)}:00`} onCreateAt={onCreateAt} />}
                  {entries.map((item) => (
                    <EventChip key={item.id} item={item} onMove={onMove} hourView />
                  ))}
                </div>
              )
            })}
          </div>
        ))}
      </div>
    </div>
  )
}
