import { useState, type FormEvent } from 'react'
import { Dialog, DialogPanel, DialogTitle, Description } from '@headlessui/react'
import { asApiError } from '../../app/apiError'
import { splitServerError } from '../../app/forms'
import { useAppDispatch } from '../../app/hooks'
import { toastAdded } from '../../app/toastSlice'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { SelectField } from '../../components/SelectField'
import { TextField } from '../../components/TextField'
import type { Permissions } from '../workspaces/permissions'
import type { Member, Workspace } from '../workspaces/types'
import { useSwitchWorkspace } from '../workspaces/useSwitchWorkspace'
import { useDeleteWorkspaceMutation, useRenameWorkspaceMutation, useTransferOwnershipMutation, useUpdateApprovalMutation } from '../workspaces/workspacesApi'

const sectionTitle = 'text-sm font-semibold text-slate-900 dark:text-slate-100'
const sectionText = 'mt-1 text-sm text-slate-600 dark:text-slate-400'

function RenameForm({ workspace }: { workspace: Workspace }) {
  const dispatch = useAppDispatch()
  const [rename, { isLoading }] = useRenameWorkspaceMutation()
  const [name, setName] = useState(workspace.name)
  const [error, setError] = useState<string | null>(null)
  async function submit(event: FormEvent) {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) return setError('Give the workspace a name.')
    setError(null)
    try {
      const updated = await rename({ id: workspace.id, name: trimmed }).unwrap()
      dispatch(toastAdded({ tone: 'success', message: `Renamed to ${updated.name}.` }))
    } catch (raw) {
      const { fieldErrors, formError } = splitServerError(raw, ['name'] as const)
      setError(fieldErrors.name ?? formError)
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Rename the workspace" className="flex flex-col gap-2 sm:flex-row sm:items-start">
      <TextField label="Workspace name" name="name" className="flex-1" value={name} onChange={(e) => setName(e.target.value)} error={error} />
      <Button type="submit" variant="secondary" loading={isLoading} disabled={name.trim() === workspace.name} className="sm:mt-7">
        Rename
      </Button>
    </form>
  )
}

function TransferForm({ workspace, members, me }: { workspace: Workspace; members: Member[]; me: string }) {
  const dispatch = useAppDispatch()
  const [transfer, { isLoading }] = useTransferOwnershipMutation()
  const candidates = members.filter((m) => m.user_id !== me)
  const [to, setTo] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const target = candidates.find((m) => m.user_id === to)
  if (!candidates.length) return <p className={sectionText}>Invite someone first: ownership goes to a member.</p>
  async function confirmed() {
    setError(null)
    try {
      await transfer({ id: workspace.id, userId: to }).unwrap()
      dispatch(toastAdded({ tone: 'success', message: `${target?.full_name || target?.email} owns ${workspace.name} now; you are an admin.` }))
      setTo('')
    } catch (raw) {
      setError(asApiError(raw)?.message ?? "Couldn't transfer.")
    } finally {
      setConfirming(false)
    }
  }
  return (
    <div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <SelectField label="New owner" className="flex-1" value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">Choose a member…</option>
          {candidates.map((m) => (
            <option key={m.user_id} value={m.user_id}>
              {m.full_name ? `${m.full_name} (${m.email})` : m.email}
            </option>
          ))}
        </SelectField>
        <Button variant="secondary" disabled={!to} onClick={() => setConfirming(true)}>
          Transfer ownership
        </Button>
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Make ${target?.full_name || target?.email} the owner?`}
        confirmLabel="Transfer ownership"
        tone="danger"
        busy={isLoading}
        onClose={() => setConfirming(false)}
        onConfirm={() => void confirmed()}
      >
        They get billing and can delete {workspace.name}. You stay as an admin and can't take it back yourself.
      </ConfirmDialog>
    </div>
  )
}

function DeleteWorkspace({ workspace, me }: { workspace: Workspace; me: string }) {
  const [remove, { isLoading }] = useDeleteWorkspaceMutation()
  const switchTo = useSwitchWorkspace()
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const [error, setError] = useState<string | null>(null)
  const matches = typed.trim() === workspace.name.trim()
  function close() {
    setOpen(false)
    setTyped('')
    setError(null)
  }
  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!matches) return setError(`Type ${workspace.name} exactly to confirm.`)
    try {
      await remove(workspace.id).unwrap()
      close()
      switchTo({ id: me, name: 'your personal workspace' }, { to: '/', announce: `${workspace.name} was deleted.` })
    } catch (raw) {
      setError(asApiError(raw)?.message ?? "Couldn't delete it.")
    }
  }
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete workspace
      </Button>
      <Dialog open={open} onClose={close} className="relative z-50">
        <div className="fixed inset-0 bg-slate-900/40" aria-hidden="true" />
        <div className="fixed inset-0 flex items-center justify-center p-4">
          <DialogPanel className="w-full max-w-md rounded-xl bg-white dark:bg-slate-900 p-6 shadow-xl">
            <DialogTitle className="text-base font-semibold text-slate-900 dark:text-slate-100">Delete {workspace.name}?</DialogTitle>
            <Description className="mt-2 text-sm text-slate-600 dark:text-slate-400">
              Its connected accounts, posts, media, library and analytics go with it, for every member. Scheduled posts will not go out. This cannot be undone.
            </Description>
            <form onSubmit={(e) => void submit(e)} noValidate className="mt-4 space-y-4" aria-label="Delete the workspace">
              <TextField
                label={`Type ${workspace.name} to confirm`}
                name="confirm"
                autoComplete="off"
                value={typed}
                onChange={(e) => {
                  setTyped(e.target.value)
                  setError(null)
                }}
                error={error}
              />
              <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                <Button variant="secondary" onClick={close} disabled={isLoading}>
                  Cancel
                </Button>
                <Button type="submit" variant="danger" loading={isLoading} disabled={!matches}>
                  Delete for everyone
                </Button>
              </div>
            </form>
          </DialogPanel>
        </div>
      </Dialog>
    </>
  )
}

/** Rename (admins), transfer ownership and delete (the owner; the personal workspace stays). */
/** Whether posts need approval before they go out (docs/APPROVALS.md). */
function ApprovalSettings({ workspace }: { workspace: Workspace }) {
  const [update, { isLoading }] = useUpdateApprovalMutation()
  const [error, setError] = useState<string | null>(null)
  async function change(field: 'approval_required' | 'approval_for_admins', value: boolean) {
    setError(null)
    try {
      await update({ id: workspace.id, [field]: value }).unwrap()
    } catch (raw) {
      setError(asApiError(raw)?.message ?? "Couldn't change the approval setting.")
    }
  }
  return (
    <section aria-labelledby="approval-title" className="border-t border-slate-100 dark:border-slate-800 pt-5">
      <h3 id="approval-title" className={sectionTitle}>
        Approval
      </h3>
      <p className={sectionText}>When it is on, what editors publish or schedule waits for an admin or the owner to approve it; nothing reaches a platform before.</p>
      <div className="mt-3 space-y-2 text-sm text-slate-800 dark:text-slate-200">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={workspace.approval_required} disabled={isLoading} onChange={(e) => void change('approval_required', e.target.checked)} />
          Posts by editors need approval
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={workspace.approval_for_admins} disabled={isLoading || !workspace.approval_required} onChange={(e) => void change('approval_for_admins', e.target.checked)} />
          Admins&apos; posts need approval too (by the owner or another admin)
        </label>
      </div>
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
    </section>
  )
}

export function WorkspaceSettings({ workspace, members, me, permissions }: { workspace: Workspace; members: Member[]; me: string; permissions: Permissions }) {
  return (
    <div className="space-y-6">
      <RenameForm key={workspace.name} workspace={workspace} />
      {permissions.canManageTeam && <ApprovalSettings workspace={workspace} />}
      {permissions.isOwner && !workspace.personal && (
        <>
          <section aria-labelledby="transfer-title" className="border-t border-slate-100 dark:border-slate-800 pt-5">
            <h3 id="transfer-title" className={sectionTitle}>
              Transfer ownership
            </h3>
            <p className={sectionText}>The new owner gets billing and deletion; you become an admin.</p>
            <div className="mt-3">
              <TransferForm workspace={workspace} members={members} me={me} />
            </div>
          </section>
          <section aria-labelledby="delete-title" className="border-t border-slate-100 dark:border-slate-800 pt-5">
            <h3 id="delete-title" className={sectionTitle}>
              Delete this workspace
            </h3>
            <p className={sectionText}>Everything in it goes, for every member.</p>
            <div className="mt-3">
              <DeleteWorkspace workspace={workspace} me={me} />
            </div>
          </section>
        </>
      )}
      {permissions.isOwner && workspace.personal && <Alert tone="info">This is your personal workspace: it can't be deleted or given away. Create another workspace for a client or a team.</Alert>}
    </div>
  )
}
