import { describe, expect, it } from 'vitest'
import { formatDateTime, formatDay, formatDayRange, formatTime, formatWallClock, formatWallTime, localToIsoWithOffset, weekdayNames } from './time'

// Every source file of the dashboard (tests aside), as written.
const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../test/**', '!../api/schema.d.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>

// Ways of writing a date or time for people other than through app/time.ts.
const OWN_FORMATTING: [RegExp, string][] = [
  [/new Intl\.DateTimeFormat\(/, 'new Intl.DateTimeFormat('],
  [/\.toLocale(Date|Time)String\(/, 'toLocaleDateString/toLocaleTimeString('],
  // A date's toLocaleString (a number's is fine): `endsAt.toLocaleString()`, `new Date(x).toLocaleString()`.
  [/(?:[Dd]ate|At|[Tt]ime|\))\.toLocaleString\(/, "a date's toLocaleString("],
  [/\.replace\('T', ' '\)/, ".replace('T', ' ') on a date"],
  [/\.toISOString\(\)\.slice\(0, 1[06]\)\s*\}/, 'an ISO date shown as text'],
]
// Zone names and offsets in the time zone picker are not dates.
const ALLOWED = new Set(['src/app/time.ts', 'src/features/settings/timezones.ts'])
const named = (file: string) => file.replace(/^\.\.\//, 'src/').replace(/^\.\//, 'src/app/')

describe('dates are written in one locale format (21.13)', () => {
  it('no module formats dates or times on its own: app/time.ts does, in one locale', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(40)
    const found = Object.entries(sources)
      .filter(([file]) => !ALLOWED.has(named(file)))
      .flatMap(([file, source]) => OWN_FORMATTING.filter(([pattern]) => pattern.test(source)).map(([, what]) => `${named(file)}: ${what}`))
    expect(found).toEqual([])
  })

  it('a wall-clock time (calendar slot, schedule picker) reads like the same instant does anywhere else', () => {
    for (const [local, zone] of [
      ['2027-03-12T15:30', 'Europe/Paris'],
      ['2027-03-14T03:30', 'America/New_York'], // just after the spring-forward gap
      ['2027-06-16T09:05', 'Asia/Kathmandu'],
      ['2027-12-31T23:59', 'Australia/Lord_Howe'],
    ]) {
      const instant = localToIsoWithOffset(local, zone)
      expect(formatWallClock(local)).toBe(formatDateTime(instant, zone))
      expect(formatWallTime(local)).toBe(formatTime(instant, zone))
    }
  })

  it('days, ranges and weekday names come from the same locale', () => {
    expect(weekdayNames('long')[0]).toBe(formatDay('2027-03-15', { weekday: 'long' })) // a Monday
    expect(weekdayNames('short')).toHaveLength(7)
    expect(new Set(weekdayNames('short')).size).toBe(7)
    expect(formatDay('2027-03-15')).toBe(formatDateTime('2027-03-15T12:00:00Z', 'UTC', { dateStyle: 'medium' }))
    const range = formatDayRange('2027-03-15', '2027-03-21')
    expect(range).toMatch(/15/)
    expect(range).toMatch(/21/)
    expect(range).toMatch(/2027/)
  })

  it('an unknown zone falls back to UTC instead of throwing', () => {
    expect(formatDateTime('2027-03-15T12:00:00Z', 'Mars/Olympus_Mons')).toBe(formatDateTime('2027-03-15T12:00:00Z', 'UTC'))
    expect(formatDateTime(null, 'UTC')).toBe('\u2014')
  })
})
