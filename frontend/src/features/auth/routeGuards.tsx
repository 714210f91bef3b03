import { Navigate, Outlet, useLocation, type Location } from 'react-router-dom'
import { useAppSelector } from '../../app/hooks'
import { selectAuth } from './authSlice'

export interface ReturnState {
  from?: Location
  /** the address to fill in (an invitation names the one it is for) */
  email?: string
}

/** Signed-in area: anonymous visitors go to /login and come back here afterwards. */
export function RequireAuth() {
  const { status, signOutReason } = useAppSelector(selectAuth)
  const location = useLocation()
  if (status !== 'authenticated') {
    // After an explicit "Log out", the next login starts fresh on the dashboard.
    const state: ReturnState = signOutReason === 'signed_out' ? {} : { from: location }
    return <Navigate to="/login" replace state={state} />
  }
  return <Outlet />
}

/** Login/signup: a signed-in user is sent on to where they were going (or the dashboard). */
export function PublicOnly() {
  const status = useAppSelector((state) => state.auth.status)
  const location = useLocation()
  if (status === 'authenticated') {
    const from = (location.state as ReturnState | null)?.from
    const target = from ? `${from.pathname}${from.search}${from.hash}` : '/'
    return <Navigate to={target} replace />
  }
  return <Outlet />
}
