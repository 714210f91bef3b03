import { useAppDispatch } from '../../app/hooks'
import { asApiError } from '../../app/apiError'
import { formatWallClock } from '../../app/time'
import { toastAdded } from '../../app/toastSlice'
import { useSchedulePostMutation } from '../posts/postsApi'
import type { CalendarItem } from '../posts/types'
import { planReschedule, type DropTarget } from './calendarMath'

/** The drop handler: plan the new time, call the schedule endpoint, say what happened. */
export function useReschedule(timeZone: string) {
  const dispatch = useAppDispatch()
  const [schedule, state] = useSchedulePostMutation()
  async function move(item: CalendarItem, target: DropTarget, now: Date = new Date()) {
    const plan = planReschedule(item, target, timeZone, now)
    if (!plan.ok) {
      dispatch(toastAdded({ tone: 'info', message: plan.reason }))
      return false
    }
    try {
      const moved = await schedule({ id: item.id, scheduled_for: plan.scheduledFor, timezone: timeZone }).unwrap()
      // Under approval (issue 15) a move by an editor is a new request: no Undo, it waits.
      if (moved.status === 'pending_approval') dispatch(toastAdded({ tone: 'info', message: `Moved to ${formatWallClock(plan.local)}: it waits for approval before it goes out.` }))
      else dispatch(toastAdded({ tone: 'success', message: `Rescheduled to ${formatWallClock(plan.local)}.`, undoReschedule: { id: item.id, at: item.at } }))
      return true
    } catch (raw) {
      dispatch(toastAdded({ tone: 'error', message: `Couldn't reschedule: ${asApiError(raw)?.message}` }))
      return false
    }
  }
  return { move, moving: state.isLoading }
}
