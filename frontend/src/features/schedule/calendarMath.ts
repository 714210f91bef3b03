import { localToIsoWithOffset, parseLocal, toLocalInput, zonedLocalToDate } from '../../app/time'
import type { CalendarItem } from '../posts/types'

/** Calendar days are plain "YYYY-MM-DD" keys in the user's time zone; weeks start on Monday. */
export type DayKey = string
export type CalendarView = 'month' | 'week'

const pad = (n: number) => String(n).padStart(2, '0')

function toUtcDate(key: DayKey): Date {
  const [y, m, d] = key.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d))
}

function fromUtcDate(date: Date): DayKey {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

export function addDays(key: DayKey, days: number): DayKey {
  const date = toUtcDate(key)
  date.setUTCDate(date.getUTCDate() + days)
  return fromUtcDate(date)
}

export function addMonths(key: DayKey, months: number): DayKey {
  const date = toUtcDate(key)
  return fromUtcDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)))
}

export function weekday(key: DayKey): number {
  return (toUtcDate(key).getUTCDay() + 6) % 7 // Monday = 0
}

export function startOfWeek(key: DayKey): DayKey {
  return addDays(key, -weekday(key))
}

/** Six weeks of days covering the month of `key`. */
export function monthGrid(key: DayKey): DayKey[] {
  const first = `${key.slice(0, 7)}-01`
  const start = startOfWeek(first)
  return Array.from({ length: 42 }, (_, i) => addDays(start, i))
}

export function weekDays(key: DayKey): DayKey[] {
  const start = startOfWeek(key)
  return Array.from({ length: 7 }, (_, i) => addDays(start, i))
}

export function visibleDays(view: CalendarView, anchor: DayKey): DayKey[] {
  return view === 'month' ? monthGrid(anchor) : weekDays(anchor)
}

/** The instants bounding the visible days, midnight to midnight in the zone. */
export function visibleRange(view: CalendarView, anchor: DayKey, timeZone: string): { from: string; to: string } {
  const days = visibleDays(view, anchor)
  return {
    from: zonedLocalToDate(`${days[0]}T00:00`, timeZone).toISOString(),
    to: zonedLocalToDate(`${addDays(days[days.length - 1], 1)}T00:00`, timeZone).toISOString(),
  }
}

export function shiftAnchor(view: CalendarView, anchor: DayKey, step: number): DayKey {
  return view === 'month' ? addMonths(anchor, step) : addDays(anchor, 7 * step)
}

/** Items by the day (and wall-clock time) they fall on in the zone, in time order. */
export function groupByDay(items: CalendarItem[], timeZone: string): Map<DayKey, Array<CalendarItem & { local: string }>> {
  const days = new Map<DayKey, Array<CalendarItem & { local: string }>>()
  const sorted = [...items].sort((a, b) => a.at.localeCompare(b.at))
  for (const item of sorted) {
    const local = toLocalInput(new Date(item.at), timeZone)
    const key = local.slice(0, 10)
    days.set(key, [...(days.get(key) ?? []), { ...item, local }])
  }
  return days
}

export interface DropTarget {
  day: DayKey
  /** Week view drops on an hour row; month view keeps the time of day. */
  hour?: number
}

export function canReschedule(item: Pick<CalendarItem, 'kind' | 'status'>): boolean {
  return item.kind === 'scheduled' && item.status === 'scheduled'
}

export type ReschedulePlan = { ok: true; local: string; scheduledFor: string } | { ok: false; reason: string }

/**
 * Where a dropped post goes: the target day at the post's own time of day (or the target hour,
 * keeping the minutes), as an ISO time with the zone's offset for the schedule endpoint.
 */
export function planReschedule(item: Pick<CalendarItem, 'at' | 'kind' | 'status'>, target: DropTarget, timeZone: string, now: Date = new Date()): ReschedulePlan {
  if (!canReschedule(item)) return { ok: false, reason: 'Only scheduled posts can be moved.' }
  const current = parseLocal(toLocalInput(new Date(item.at), timeZone))!
  const hour = target.hour ?? current.hour
  const local = `${target.day}T${pad(hour)}:${pad(current.minute)}`
  if (local === toLocalInput(new Date(item.at), timeZone)) return { ok: false, reason: 'That is when it is already scheduled.' }
  if (zonedLocalToDate(local, timeZone).getTime() <= now.getTime()) return { ok: false, reason: 'That time has passed: pick a later day or time.' }
  return { ok: true, local, scheduledFor: localToIsoWithOffset(local, timeZone) }
}
