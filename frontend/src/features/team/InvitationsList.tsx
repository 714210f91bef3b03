import { useState } from 'react'
import { asApiError } from '../../app/apiError'
import { useAppDispatch, useAppSelector } from '../../app/hooks'
import { selectCurrentUser } from '../auth/authSlice'
import { formatDateTime } from '../../app/time'
import { toastAdded } from '../../app/toastSlice'
import { Badge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { EmptyState } from '../../components/PageHeader'
import type { SocialAccount } from '../platforms/types'
import { ROLE_LABEL } from '../workspaces/permissions'
import type { Invitation } from '../workspaces/types'
import { useResendInvitationMutation, useRevokeInvitationMutation } from '../workspaces/workspacesApi'
import { describeAccess } from './AccountAccessField'
import { InvitationLink } from './InvitationLink'

function InvitationRow({ invitation, workspaceId, accounts, timeZone }: { invitation: Invitation; workspaceId: string; accounts: SocialAccount[]; timeZone: string }) {
  const dispatch = useAppDispatch()
  const [resend, resendState] = useResendInvitationMutation()
  const [revoke, revokeState] = useRevokeInvitationMutation()
  const [confirming, setConfirming] = useState(false)
  const [fresh, setFresh] = useState<Invitation | null>(null)
  const [error, setError] = useState<string | null>(null)
  const emailed = useAppSelector(selectCurrentUser)?.email_verified ?? false

  async function onResend() {
    setError(null)
    try {
      setFresh(await resend({ workspaceId, invitationId: invitation.id }).unwrap())
    } catch (raw) {
      setError(asApiError(raw)?.message ?? "Couldn't resend.")
    }
  }

  async function onRevoke() {
    setError(null)
    try {
      await revoke({ workspaceId, invitationId: invitation.id }).unwrap()
      dispatch(toastAdded({ tone: 'info', message: `Invitation to ${invitation.email} withdrawn: its link no longer works.` }))
    } catch (raw) {
      setError(asApiError(raw)?.message ?? "Couldn't withdraw it.")
    } finally {
      setConfirming(false)
    }
  }

  return (
    <li className="py-4" data-testid="invitation-row" data-email={invitation.email}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
            <span className="truncate">{invitation.email}</span>
            <Badge>{ROLE_LABEL[invitation.role]}</Badge>
          </p>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            {invitation.invited_by_email ? `Invited by ${invitation.invited_by_email} · ` : ''}
            expires {formatDateTime(invitation.expires_at, timeZone, { dateStyle: 'medium', timeStyle: 'short' })}
            {invitation.role === 'editor' && ` · ${describeAccess(invitation.account_ids, accounts)}`}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => void onResend()} loading={resendState.isLoading} aria-label={`Resend the invitation to ${invitation.email}`}>
            Resend
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(true)} aria-label={`Revoke the invitation to ${invitation.email}`}>
            Revoke
          </Button>
        </div>
      </div>
      {fresh?.url && (
        <div className="mt-3">
          <InvitationLink email={fresh.email} url={fresh.url} emailed={emailed} onDismiss={() => setFresh(null)} />
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Withdraw the invitation to ${invitation.email}?`}
        confirmLabel="Revoke"
        tone="danger"
        busy={revokeState.isLoading}
        onClose={() => setConfirming(false)}
        onConfirm={() => void onRevoke()}
      >
        Its link stops working at once and the seat it held is free again.
      </ConfirmDialog>
    </li>
  )
}

/** Pending invitations (they hold seats): resend (a new link; the old one dies) or revoke. */
export function InvitationsList({ invitations, workspaceId, accounts, timeZone }: { invitations: Invitation[]; workspaceId: string; accounts: SocialAccount[]; timeZone: string }) {
  if (!invitations.length) return <EmptyState title="No pending invitations" />
  return (
    <ul className="-my-4 divide-y divide-slate-100 dark:divide-slate-800" aria-label="Pending invitations">
      {invitations.map((inv) => (
        <InvitationRow key={inv.id} invitation={inv} workspaceId={workspaceId} accounts={accounts} timeZone={timeZone} />
      ))}
    </ul>
  )
}
