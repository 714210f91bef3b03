import type { ApiError } from '../../app/apiError'
import type { SeatLimitDetails } from '../workspaces/types'

const PLAN_NAMES: Record<string, string> = { free: 'Free', starter: 'Starter', pro: 'Pro', business: 'Business' }

export function planName(slug: string | null | undefined): string {
  if (!slug) return 'current'
  return PLAN_NAMES[slug] ?? slug.charAt(0).toUpperCase() + slug.slice(1)
}

/** The details of a 402 seat_limit, or null for any other error. */
export function seatLimitOf(error: ApiError | null): SeatLimitDetails | null {
  if (!error || error.status !== 402 || error.code !== 'seat_limit') return null
  const d = (error.details && typeof error.details === 'object' ? error.details : {}) as Partial<SeatLimitDetails>
  return {
    plan: typeof d.plan === 'string' ? d.plan : '',
    seat_limit: typeof d.seat_limit === 'number' ? d.seat_limit : 0,
    upgrade_to: typeof d.upgrade_to === 'string' ? d.upgrade_to : null,
  }
}

/** "The Pro plan has 2 seats, all taken (pending invitations count). The Business plan allows more." */
export function seatLimitMessage(details: SeatLimitDetails): string {
  const seats = `${details.seat_limit} seat${details.seat_limit === 1 ? '' : 's'}`
  const full = `The ${planName(details.plan)} plan has ${seats}, all taken (pending invitations count).`
  return details.upgrade_to ? `${full} The ${planName(details.upgrade_to)} plan allows more.` : `${full} No plan has more: remove a member or withdraw a pending invitation first.`
}
