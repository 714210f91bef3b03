import { describe, expect, it } from 'vitest'
import { localToIsoWithOffset, toLocalInput, zonedLocalToDate } from '../../app/time'
import { addDays, groupByDay, monthGrid, planReschedule, shiftAnchor, visibleRange, weekDays } from './calendarMath'
import type { CalendarItem } from '../posts/types'

const item = (at: string, over: Partial<CalendarItem> = {}): CalendarItem => ({ id: 'p1', title: null, content: 'Hi', status: 'scheduled', platforms: ['twitter'], at, kind: 'scheduled', ...over })

describe('calendar date math', () => {
  it('builds a six-week month grid starting on Monday', () => {
    const grid = monthGrid('2026-11-25')
    expect(grid).toHaveLength(42)
    expect(grid[0]).toBe('2026-10-26') // Nov 1 2026 is a Sunday
    expect(grid).toContain('2026-11-30')
    expect(grid[41]).toBe('2026-12-06')
  })

  it('crosses month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(shiftAnchor('month', '2026-01-31', 1)).toBe('2026-02-01')
    expect(weekDays('2026-11-25')).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'])
  })

  it('asks for the visible days from midnight to midnight in the user zone', () => {
    expect(visibleRange('week', '2026-11-25', 'America/New_York')).toEqual({ from: '2026-11-23T05:00:00.000Z', to: '2026-11-30T05:00:00.000Z' })
  })

  it('files posts under the day they fall on in the user zone', () => {
    const days = groupByDay([item('2026-11-26T03:30:00Z')], 'America/Los_Angeles')
    expect([...days.keys()]).toEqual(['2026-11-25'])
    expect(days.get('2026-11-25')![0].local).toBe('2026-11-25T19:30')
  })

  it('converts wall-clock times across DST with the right offset', () => {
    expect(localToIsoWithOffset('2026-07-01T09:30', 'Europe/Berlin')).toBe('2026-07-01T09:30:00+02:00')
    expect(localToIsoWithOffset('2026-12-01T09:30', 'Europe/Berlin')).toBe('2026-12-01T09:30:00+01:00')
    expect(localToIsoWithOffset('2026-03-08T01:30', 'America/New_York')).toBe('2026-03-08T01:30:00-05:00')
    expect(toLocalInput(zonedLocalToDate('2026-03-08T03:30', 'America/New_York'), 'America/New_York')).toBe('2026-03-08T03:30')
  })
})

describe('planReschedule (drop handler)', () => {
  const now = new Date('2026-11-25T12:00:00Z')

  it('keeps the time of day when dropped on another day (month view)', () => {
    const plan = planReschedule(item('2026-11-26T09:15:00Z'), { day: '2026-11-28' }, 'Europe/Berlin', now)
    expect(plan).toEqual({ ok: true, local: '2026-11-28T10:15', scheduledFor: '2026-11-28T10:15:00+01:00' })
  })

  it('takes the hour of the row and keeps the minutes (week view)', () => {
    const plan = planReschedule(item('2026-11-26T09:15:00Z'), { day: '2026-11-27', hour: 17 }, 'UTC', now)
    expect(plan).toEqual({ ok: true, local: '2026-11-27T17:15', scheduledFor: '2026-11-27T17:15:00+00:00' })
  })

  it('keeps the wall-clock time across a DST change', () => {
    const plan = planReschedule(item('2026-10-24T07:00:00Z'), { day: '2026-10-26' }, 'Europe/Berlin', new Date('2026-10-20T00:00:00Z'))
    expect(plan).toMatchObject({ ok: true, scheduledFor: '2026-10-26T09:00:00+01:00' })
  })

  it('refuses published posts, the same slot and the past', () => {
    expect(planReschedule(item('2026-11-26T09:15:00Z', { kind: 'published', status: 'published' }), { day: '2026-11-28' }, 'UTC', now)).toMatchObject({ ok: false })
    expect(planReschedule(item('2026-11-26T09:15:00Z'), { day: '2026-11-26' }, 'UTC', now)).toMatchObject({ ok: false, reason: expect.stringMatching(/already/) })
    expect(planReschedule(item('2026-11-26T09:15:00Z'), { day: '2026-11-24' }, 'UTC', now)).toMatchObject({ ok: false, reason: expect.stringMatching(/passed/) })
  })
})
