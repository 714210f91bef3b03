/**
 * Wall-clock arithmetic in the user's time zone (user.timezone), with Intl only. A "local" value
 * is a plain "YYYY-MM-DDTHH:MM" string: what a datetime-local input holds and what the schedule
 * endpoint reads in the given zone.
 */

export interface ZonedParts {
  year: number
  month: number // 1-12
  day: number
  hour: number
  minute: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function partsFormatter(timeZone: string) {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
    formatters.set(timeZone, f)
  }
  return f
}

const checkedZones = new Map<string, string>()
export function safeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC'
  let zone = checkedZones.get(timeZone)
  if (zone === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone })
      zone = timeZone
    } catch {
      zone = 'UTC'
    }
    checkedZones.set(timeZone, zone)
  }
  return zone
}

export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const out: Record<string, number> = {}
  for (const part of partsFormatter(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value)
  }
  return { year: out.year, month: out.month, day: out.day, hour: out.hour % 24, minute: out.minute }
}

const pad = (n: number) => String(n).padStart(2, '0')

export function formatLocal(p: ZonedParts): string {
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

export function parseLocal(local: string): ZonedParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local)
  if (!m) return null
  return { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5] }
}

/** The wall-clock time of `date` in the zone, as a datetime-local value. */
export function toLocalInput(date: Date, timeZone: string): string {
  return formatLocal(zonedParts(date, timeZone))
}

/** "YYYY-MM-DD" of the day `date` falls on in the zone. */
export function dayKey(date: Date, timeZone: string): string {
  return toLocalInput(date, timeZone).slice(0, 10)
}

/** Minutes the zone is ahead of UTC at `date`. */
export function offsetMinutes(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute)
  return Math.round((asUtc - Math.floor(date.getTime() / 60000) * 60000) / 60000)
}

/**
 * The instant a wall-clock time names in the zone. In a DST gap the time does not exist; we
 * land on the instant the clocks jump to (the backend would refuse the naive form anyway).
 */
export function zonedLocalToDate(local: string, timeZone: string): Date {
  const p = parseLocal(local)
  if (!p) throw new Error(`not a local date-time: ${local}`)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute)
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60000
  // A second pass settles the offset when the first guess crossed a transition.
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60000
  return new Date(guess)
}

/** "2026-12-01T09:30:00+01:00": the local time with the zone's offset at that moment. */
export function localToIsoWithOffset(local: string, timeZone: string): string {
  const at = zonedLocalToDate(local, timeZone)
  const offset = offsetMinutes(at, timeZone)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${toLocalInput(at, timeZone)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

// ---- Writing dates and times for people: one locale for the whole dashboard.

/**
 * The one locale every date and time on the dashboard is written in: the browser's. Every
 * formatter below reads it, and no other module formats dates (src/app/dateFormats.test.ts
 * fails on one that does), so a time reads the same in the calendar, the queue, a toast and a
 * notice ("3:30 PM" and "Mar 12, 2027" in en-US; "15:30" and "12 Mar 2027" in en-GB).
 */
export const LOCALE: string | undefined = undefined

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }
const TIME: Intl.DateTimeFormatOptions = { timeStyle: 'short' }

const displayFormatters = new Map<string, Intl.DateTimeFormat>()
function displayFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options)
  let f = displayFormatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, options)
    displayFormatters.set(key, f)
  }
  return f
}

/** An instant, in the user's zone. */
export function formatDateTime(iso: string | null | undefined, timeZone: string, options: Intl.DateTimeFormatOptions = DATE_TIME): string {
  if (!iso) return '\u2014'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return '\u2014'
  return displayFormat({ ...options, timeZone: safeZone(timeZone) }).format(date)
}

/** The time of day of an instant, in the user's zone. */
export function formatTime(iso: string, timeZone: string): string {
  return formatDateTime(iso, timeZone, TIME)
}

/**
 * A wall-clock "YYYY-MM-DDTHH:MM" (already in the user's zone: a calendar slot, a schedule
 * picker's value), written like `formatDateTime` writes instants.
 */
export function formatWallClock(local: string, options: Intl.DateTimeFormatOptions = DATE_TIME): string {
  const p = parseLocal(local)
  if (!p) return local
  return displayFormat({ ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute)))
}

/** Only the time of a wall-clock "YYYY-MM-DDTHH:MM". */
export function formatWallTime(local: string): string {
  return formatWallClock(local, TIME)
}

/** A day "YYYY-MM-DD" (a calendar day in the user's zone). */
export function formatDay(day: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const [y, m, d] = day.split('-').map(Number)
  if (!y || !m || !d) return day
  return displayFormat({ ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)))
}

/** Two days as one range, the way the locale shortens it ("Mar 1 – 7, 2027"). */
export function formatDayRange(from: string, to: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const utc = (day: string) => {
    const [y, m, d] = day.split('-').map(Number)
    return new Date(Date.UTC(y, m - 1, d))
  }
  return displayFormat({ ...options, timeZone: 'UTC' }).formatRange(utc(from), utc(to))
}

/** The locale's names of the weekdays, Monday first. */
export function weekdayNames(style: 'short' | 'long' | 'narrow' = 'short'): string[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => formatDay(`2024-01-0${i + 1}`, { weekday: style }))
}
