import { useState } from 'react'
import { Dialog, DialogPanel, DialogTitle } from '@headlessui/react'
import { asApiError } from '../../app/apiError'
import { useAppDispatch } from '../../app/hooks'
import { toastAdded } from '../../app/toastSlice'
import { Avatar } from '../../components/Avatar'
import { Badge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import type { SocialAccount } from '../platforms/types'
import { ROLE_LABEL, type Permissions } from '../workspaces/permissions'
import type { Member, Role, Workspace } from '../workspaces/types'
import { useSwitchWorkspace } from '../workspaces/useSwitchWorkspace'
import { useLeaveWorkspaceMutation, useRemoveMemberMutation, useUpdateMemberMutation } from '../workspaces/workspacesApi'
import { AccountAccessField, describeAccess } from './AccountAccessField'

export const READ_ONLY_TEXT = "Over the plan's seats: read-only until someone is removed or the plan upgraded."

const displayName = (m: Member) => m.full_name?.trim() || m.email

function AccessDialog({ member, accounts, workspaceId, onClose }: { member: Member; accounts: SocialAccount[]; workspaceId: string; onClose: () => void }) {
  const [update, { isLoading, error }] = useUpdateMemberMutation()
  const [value, setValue] = useState<string[] | null>(member.account_ids)
  const [problem, setProblem] = useState<string | null>(null)
  async function save() {
    if (value !== null && value.length === 0) return setProblem('Tick at least one account, or choose all accounts.')
    setProblem(null)
    try {
      await update({ workspaceId, userId: member.user_id, account_ids: value }).unwrap()
      onClose()
    } catch {
      // Shown below.
    }
  }
  return (
    <Dialog open onClose={onClose} className="relative z-50">
      <div className="fixed inset-0 bg-slate-900/40" aria-hidden="true" />
      <div className="fixed inset-0 flex items-center justify-center p-4">
        <DialogPanel className="w-full max-w-md rounded-xl bg-white dark:bg-slate-900 p-6 shadow-xl">
          <DialogTitle className="text-base font-semibold text-slate-900 dark:text-slate-100">Accounts {displayName(member)} may post to</DialogTitle>
          <div className="mt-4">
            <AccountAccessField accounts={accounts} value={value} onChange={setValue} error={problem ?? asApiError(error)?.message} legend="Access" />
          </div>
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={onClose} disabled={isLoading}>
              Cancel
            </Button>
            <Button onClick={() => void save()} loading={isLoading}>
              Save access
            </Button>
          </div>
        </DialogPanel>
      </div>
    </Dialog>
  )
}

function MemberRow({ member, me, workspace, accounts, permissions }: { member: Member; me: string; workspace: Workspace; accounts: SocialAccount[]; permissions: Permissions }) {
  const dispatch = useAppDispatch()
  const switchTo = useSwitchWorkspace()
  const [update, updateState] = useUpdateMemberMutation()
  const [remove, removeState] = useRemoveMemberMutation()
  const [leave, leaveState] = useLeaveWorkspaceMutation()
  const [confirm, setConfirm] = useState<'remove' | 'leave' | null>(null)
  const [editingAccess, setEditingAccess] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const isMe = member.user_id === me
  const name = displayName(member)
  // The owner's role changes only by a transfer; admins are managed by the owner alone.
  const manageable = permissions.canManageTeam && !isMe && member.role !== 'owner' && (member.role !== 'admin' || permissions.isOwner)
  const roles: Role[] = permissions.isOwner ? ['admin', 'editor', 'viewer'] : ['editor', 'viewer']

  async function changeRole(role: Role) {
    setError(null)
    try {
      await update({ workspaceId: workspace.id, userId: member.user_id, role }).unwrap()
      dispatch(toastAdded({ tone: 'success', message: `${name} is now ${ROLE_LABEL[role]}.` }))
    } catch (raw) {
      setError(asApiError(raw)?.message ?? "Couldn't change the role.")
    }
  }

  async function confirmed() {
    setError(null)
    try {
      if (confirm === 'leave') {
        await leave({ workspaceId: workspace.id, userId: me }).unwrap()
        setConfirm(null)
        switchTo({ id: me, name: 'your personal workspace' }, { to: '/', announce: `You left ${workspace.name}.` })
        return
      }
      await remove({ workspaceId: workspace.id, userId: member.user_id }).unwrap()
      setConfirm(null)
      dispatch(toastAdded({ tone: 'info', message: `${name} was removed from ${workspace.name}.` }))
    } catch (raw) {
      setConfirm(null)
      setError(asApiError(raw)?.message ?? "Couldn't do that.")
    }
  }

  return (
    <li className="py-4" data-testid="member-row" data-email={member.email}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex min-w-0 flex-1 items-start gap-3">
          <Avatar url={null} name={name} />
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
              <span className="truncate">{name}</span>
              {isMe && <Badge tone="indigo">You</Badge>}
              {member.read_only && <Badge tone="amber">Read-only</Badge>}
            </p>
            <p className="truncate text-sm text-slate-500 dark:text-slate-400">{member.email}</p>
            {member.role === 'editor' && (
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="member-access">
                Accounts: {describeAccess(member.account_ids, accounts)}
                {manageable && (
                  <>
                    {' · '}
                    <button
                      type="button"
                      onClick={() => setEditingAccess(true)}
                      aria-label={`Change the accounts ${name} may post to`}
                      className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200"
                    >
                      Change
                    </button>
                  </>
                )}
              </p>
            )}
            {member.read_only && <p className="mt-1 text-sm text-amber-800 dark:text-amber-200">{READ_ONLY_TEXT}</p>}
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2 sm:justify-end">
          {manageable ? (
            <label className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
              <span className="sr-only">Role of {name}</span>
              <select
                value={member.role}
                disabled={updateState.isLoading}
                onChange={(e) => void changeRole(e.target.value as Role)}
                className="rounded-md border-0 bg-white dark:bg-slate-900 py-1.5 pr-8 pl-2 text-sm text-slate-900 dark:text-slate-100 ring-1 ring-slate-300 dark:ring-slate-600 ring-inset focus:ring-2 focus:ring-indigo-600 dark:focus:ring-indigo-400"
              >
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABEL[r]}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <Badge tone={member.role === 'owner' ? 'indigo' : 'slate'}>{ROLE_LABEL[member.role]}</Badge>
          )}
          {manageable && (
            <Button variant="ghost" onClick={() => setConfirm('remove')} aria-label={`Remove ${name}`}>
              Remove
            </Button>
          )}
          {isMe && member.role !== 'owner' && (
            <Button variant="ghost" onClick={() => setConfirm('leave')}>
              Leave workspace
            </Button>
          )}
        </div>
      </div>
      {isMe && member.role === 'owner' && !workspace.personal && (
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">The owner can't leave: transfer ownership first (workspace settings below).</p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {editingAccess && <AccessDialog member={member} accounts={accounts} workspaceId={workspace.id} onClose={() => setEditingAccess(false)} />}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === 'leave' ? `Leave ${workspace.name}?` : `Remove ${name}?`}
        confirmLabel={confirm === 'leave' ? 'Leave workspace' : 'Remove'}
        tone="danger"
        busy={removeState.isLoading || leaveState.isLoading}
        onClose={() => setConfirm(null)}
        onConfirm={() => void confirmed()}
      >
        {confirm === 'leave'
          ? `You lose access to ${workspace.name} at once; to come back you need a new invitation. Posts you wrote stay.`
          : `${name} loses access to ${workspace.name} at once. The posts they wrote stay, and so do the accounts they connected.`}
      </ConfirmDialog>
    </li>
  )
}

export function MembersList({ members, me, workspace, accounts, permissions }: { members: Member[]; me: string; workspace: Workspace; accounts: SocialAccount[]; permissions: Permissions }) {
  const rank: Record<Role, number> = { owner: 0, admin: 1, editor: 2, viewer: 3 }
  const sorted = [...members].sort((a, b) => rank[a.role] - rank[b.role] || displayName(a).localeCompare(displayName(b)))
  return (
    <ul className="-my-4 divide-y divide-slate-100 dark:divide-slate-800" aria-label="Members">
      {sorted.map((m) => (
        <MemberRow key={m.user_id} member={m} me={me} workspace={workspace} accounts={accounts} permissions={permissions} />
      ))}
    </ul>
  )
}
