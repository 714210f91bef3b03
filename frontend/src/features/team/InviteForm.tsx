import { useRef, useState, type FormEvent } from 'react'
import { useAppSelector } from '../../app/hooks'
import { selectCurrentUser } from '../auth/authSlice'
import { Link } from 'react-router-dom'
import { asApiError } from '../../app/apiError'
import { EMAIL_PATTERN, focusFirstInvalid, splitServerError, type FieldErrors } from '../../app/forms'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { SelectField } from '../../components/SelectField'
import { TextField } from '../../components/TextField'
import type { SocialAccount } from '../platforms/types'
import { ROLE_LABEL, ROLE_SUMMARY } from '../workspaces/permissions'
import type { Invitation, Role, SeatLimitDetails, Workspace } from '../workspaces/types'
import { useCreateInvitationMutation } from '../workspaces/workspacesApi'
import { AccountAccessField } from './AccountAccessField'
import { InvitationLink } from './InvitationLink'
import { seatLimitMessage, seatLimitOf } from './seats'

const FIELDS = ['email', 'role', 'account_ids'] as const
type Field = (typeof FIELDS)[number]

/** The 402 seat_limit, worded, with the way to Billing (where the owner can upgrade). */
export function SeatLimitAlert({ details, isOwner }: { details: SeatLimitDetails; isOwner: boolean }) {
  return (
    <Alert tone="warning" title="No seat left for another member">
      {seatLimitMessage(details)}{' '}
      <Link to="/billing" className="font-medium underline">
        {isOwner ? 'See plans in Billing' : 'Billing (the owner can upgrade)'}
      </Link>
    </Alert>
  )
}

/** Invite by e-mail with a role (and, for an editor, which accounts); shows the link once. */
export function InviteForm({ workspace, accounts, isOwner }: { workspace: Workspace; accounts: SocialAccount[]; isOwner: boolean }) {
  const [invite, { isLoading }] = useCreateInvitationMutation()
  // The server e-mails invitations only from a confirmed address.
  const emailed = useAppSelector(selectCurrentUser)?.email_verified ?? false
  const formRef = useRef<HTMLFormElement>(null)
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('editor')
  const [accountIds, setAccountIds] = useState<string[] | null>(null)
  const [errors, setErrors] = useState<FieldErrors<Field>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [seatLimit, setSeatLimit] = useState<SeatLimitDetails | null>(null)
  const [sent, setSent] = useState<Invitation | null>(null)
  // Only the owner makes admins (the server says the same).
  const roles: Role[] = isOwner ? ['admin', 'editor', 'viewer'] : ['editor', 'viewer']

  async function submit(event: FormEvent) {
    event.preventDefault()
    setFormError(null)
    setSeatLimit(null)
    const clientErrors: FieldErrors<Field> = {}
    if (!email.trim()) clientErrors.email = 'Enter the e-mail address to invite.'
    else if (!EMAIL_PATTERN.test(email.trim())) clientErrors.email = 'Enter a valid e-mail address.'
    if (role === 'editor' && accountIds !== null && accountIds.length === 0) clientErrors.account_ids = 'Tick at least one account, or choose all accounts.'
    setErrors(clientErrors)
    if (Object.keys(clientErrors).length) return focusFirstInvalid(formRef.current)
    try {
      const invitation = await invite({ workspaceId: workspace.id, email: email.trim(), role, ...(role === 'editor' ? { account_ids: accountIds } : {}) }).unwrap()
      setSent(invitation)
      setEmail('')
      setAccountIds(null)
    } catch (raw) {
      const limit = seatLimitOf(asApiError(raw))
      if (limit) return setSeatLimit(limit)
      const { fieldErrors, formError: message } = splitServerError(raw, FIELDS)
      setErrors(fieldErrors)
      setFormError(message)
      focusFirstInvalid(formRef.current)
    }
  }

  return (
    <div className="space-y-4">
      {sent?.url && <InvitationLink email={sent.email} url={sent.url} emailed={emailed} onDismiss={() => setSent(null)} />}
      {seatLimit && <SeatLimitAlert details={seatLimit} isOwner={isOwner} />}
      {formError && <Alert tone="error">{formError}</Alert>}
      <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} aria-label="Invite a member" className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
          <TextField
            label="E-mail"
            name="email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => {
              setEmail(e.target.value)
              setErrors((current) => ({ ...current, email: undefined }))
            }}
            error={errors.email}
          />
          <SelectField label="Role" name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} error={errors.role}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </SelectField>
        </div>
        <p className="-mt-2 text-sm text-slate-500 dark:text-slate-400">
          {ROLE_LABEL[role]}: {ROLE_SUMMARY[role]}
        </p>
        {role === 'editor' && <AccountAccessField accounts={accounts} value={accountIds} onChange={setAccountIds} error={errors.account_ids} />}
        <Button type="submit" loading={isLoading}>
          Send invitation
        </Button>
      </form>
    </div>
  )
}
