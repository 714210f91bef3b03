import { useState } from 'react'
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom'
import { skipToken } from '@reduxjs/toolkit/query'
import { asApiError, type ApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { formatDateTime, safeZone } from '../../app/time'
import { Alert } from '../../components/Alert'
import { AuthLayout } from '../../components/AuthLayout'
import { Button } from '../../components/Button'
import { Spinner } from '../../components/Spinner'
import { useLogoutMutation } from '../auth/authApi'
import { selectAuth } from '../auth/authSlice'
import type { ReturnState } from '../auth/routeGuards'
import { ROLE_LABEL, ROLE_SUMMARY } from '../workspaces/permissions'
import { useSwitchWorkspace } from '../workspaces/useSwitchWorkspace'
import { useAcceptInvitationMutation, useGetInvitationQuery } from '../workspaces/workspacesApi'

const primaryLink = 'flex w-full justify-center rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500'
const secondaryLink =
  'flex w-full justify-center rounded-md bg-white dark:bg-slate-900 px-3.5 py-2 text-sm font-semibold text-slate-800 dark:text-slate-200 shadow-sm ring-1 ring-slate-300 dark:ring-slate-600 ring-inset hover:bg-slate-50 dark:hover:bg-slate-950'

const TITLE = 'Join a workspace'

/** What a refused invitation means, in words (403 wrong_invitee, 410 expired/used/revoked). */
function refusal(error: ApiError, invitedEmail: string | null): { title: string; text: string } {
  if (error.status === 410) return { title: 'This invitation can no longer be used', text: `${error.message} Ask whoever invited you for a new one if you still need it.` }
  if (error.code === 'wrong_invitee' || error.status === 403)
    return {
      title: 'This invitation is for someone else',
      text: invitedEmail ? `It was sent to ${invitedEmail}: log in with that address to accept it.` : error.message,
    }
  return { title: "Couldn't accept the invitation", text: error.message }
}

/**
 * Opened from the invitation e-mail (or a link shared another way): who invites whom to which
 * workspace, as what. Signed out, it offers to log in or sign up and comes back here with the
 * token; signed in as the invited address, Accept joins and switches to the workspace.
 */
export default function AcceptInvitationPage() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const location = useLocation()
  const navigate = useNavigate()
  const { status, user } = useAppSelector(selectAuth)
  // Once accepted, the link is used up: the switch's fresh start must not ask for it again (410).
  const [joined, setJoined] = useState(false)
  const preview = useGetInvitationQuery(token && !joined ? token : skipToken)
  const [accept, acceptState] = useAcceptInvitationMutation()
  const [logout, logoutState] = useLogoutMutation()
  const switchTo = useSwitchWorkspace()
  const [acceptError, setAcceptError] = useState<ApiError | null>(null)
  const timeZone = safeZone(user?.timezone)

  if (!token) {
    return (
      <AuthLayout title={TITLE}>
        <Alert tone="error" title="This link is incomplete">
          The invitation link is missing its token. Open the link from the e-mail again, or ask for it to be shared once more.
        </Alert>
      </AuthLayout>
    )
  }

  if (preview.isLoading || joined) {
    return (
      <AuthLayout title={TITLE}>
        <div className="flex items-center justify-center gap-3 py-4 text-sm text-slate-600 dark:text-slate-400">
          <Spinner label={joined ? 'Opening the workspace' : 'Loading the invitation'} className="text-indigo-600 dark:text-indigo-300" />
          {joined ? 'Opening the workspace' : 'Loading the invitation'}&hellip;
        </div>
      </AuthLayout>
    )
  }

  const previewError = asApiError(preview.error)
  if (previewError || !preview.data) {
    const gone = previewError?.status === 410 || previewError?.status === 404
    return (
      <AuthLayout title={TITLE}>
        {gone ? (
          <Alert tone="error" title="This invitation can no longer be used">
            {previewError?.status === 410 ? previewError.message : 'The link is not valid.'} Ask whoever invited you for a new one if you still need it.
          </Alert>
        ) : (
          <Alert
            tone="error"
            title="Couldn't load the invitation"
            action={
              <Button variant="secondary" onClick={() => void preview.refetch()}>
                Try again
              </Button>
            }
          >
            {previewError?.message}
          </Alert>
        )}
        {status === 'authenticated' && (
          <Link to="/" className={`mt-4 ${primaryLink}`}>
            Go to your dashboard
          </Link>
        )}
      </AuthLayout>
    )
  }

  const invitation = preview.data
  const signedIn = status === 'authenticated' && !!user
  const sameAddress = signedIn && user.email.trim().toLowerCase() === invitation.email.trim().toLowerCase()
  // Log in / sign up come back here (token kept) with the invited address filled in.
  const returnHere: ReturnState = { from: location, email: invitation.email }
  const refused = acceptError ? refusal(acceptError, invitation.email) : null

  async function onAccept() {
    setAcceptError(null)
    try {
      const workspace = await accept(token).unwrap()
      setJoined(true)
      switchTo(workspace, { to: '/team', announce: `You joined ${workspace.name} as ${ROLE_LABEL[workspace.role] ?? workspace.role}.` })
    } catch (raw) {
      setAcceptError(asApiError(raw))
    }
  }

  async function signInAsInvitee() {
    await logout()
      .unwrap()
      .catch(() => undefined)
    navigate('/login', { state: returnHere })
  }

  return (
    <AuthLayout title={TITLE}>
      <div className="space-y-5">
        <div className="text-sm text-slate-700 dark:text-slate-300" data-testid="invitation-summary">
          <p>
            {invitation.invited_by_email && (
              <>
                <span className="font-medium break-all text-slate-900 dark:text-slate-100">{invitation.invited_by_email}</span> invites{' '}
              </>
            )}
            <span className="font-medium break-all text-slate-900 dark:text-slate-100">{invitation.email}</span>
            {invitation.invited_by_email ? ' to join' : ' is invited to join'}
          </p>
          <p className="mt-2 text-lg font-semibold text-slate-900 dark:text-slate-100" data-testid="invitation-workspace">
            {invitation.workspace_name}
          </p>
          <p className="mt-1">
            as <span className="font-medium text-slate-900 dark:text-slate-100">{ROLE_LABEL[invitation.role] ?? invitation.role}</span>: {ROLE_SUMMARY[invitation.role]}
          </p>
          <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Valid until {formatDateTime(invitation.expires_at, timeZone, { dateStyle: 'medium', timeStyle: 'short' })}.</p>
        </div>

        {refused && (
          <Alert tone="error" title={refused.title}>
            {refused.text}
          </Alert>
        )}

        {!signedIn ? (
          <div className="space-y-3">
            <p className="text-sm text-slate-600 dark:text-slate-400">Log in or create an account as {invitation.email} to accept. You'll come back here.</p>
            <Link to="/login" state={returnHere} className={primaryLink}>
              Log in to accept
            </Link>
            <Link to="/signup" state={returnHere} className={secondaryLink}>
              Create an account
            </Link>
          </div>
        ) : !sameAddress ? (
          <div className="space-y-3">
            {!refused && (
              <Alert tone="warning" title="You're signed in as someone else">
                This invitation is for {invitation.email}, and you're signed in as {user.email}. Log in as {invitation.email} to accept it.
              </Alert>
            )}
            <Button fullWidth onClick={() => void signInAsInvitee()} loading={logoutState.isLoading}>
              Log out and sign in as {invitation.email}
            </Button>
            <Link to="/" className={secondaryLink}>
              Not now
            </Link>
          </div>
        ) : (
          <div className="space-y-3">
            <Button fullWidth onClick={() => void onAccept()} loading={acceptState.isLoading} disabled={acceptError?.status === 410}>
              Accept and join {invitation.workspace_name}
            </Button>
            <Link to="/" className={secondaryLink}>
              Not now
            </Link>
          </div>
        )}
      </div>
    </AuthLayout>
  )
}
