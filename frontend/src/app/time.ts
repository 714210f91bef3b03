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

export function safeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC'
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return timeZone
  } catch {
    return 'UTC'
  }
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

export function formatDateTime(iso: string | null | undefined, timeZone: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  if (!iso) return '\u2014'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return '\u2014'
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone }).format(date)
}

export function formatTime(iso: string, timeZone: string): string {
  return formatDateTime(iso, timeZone, { hour: 'numeric', minute: '2-digit' })
}
