import { useState, type FormEvent } from 'react'
import { Dialog, DialogPanel, DialogTitle, Description } from '@headlessui/react'
import { splitServerError } from '../../app/forms'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { TextField } from '../../components/TextField'
import { useSwitchWorkspace } from './useSwitchWorkspace'
import { useCreateWorkspaceMutation } from './workspacesApi'

const MAX_NAME = 100

/** Name a new workspace; once created the dashboard switches to it and opens its Team page. */
export function CreateWorkspaceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [create, { isLoading }] = useCreateWorkspaceMutation()
  const switchTo = useSwitchWorkspace()
  const [name, setName] = useState('')
  const [nameError, setNameError] = useState<string | null>(null)
  const [formError, setFormError] = useState<string | null>(null)

  function close() {
    setName('')
    setNameError(null)
    setFormError(null)
    onClose()
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setFormError(null)
    const trimmed = name.trim()
    if (!trimmed) return setNameError('Give the workspace a name, e.g. the client it is for.')
    if (trimmed.length > MAX_NAME) return setNameError(`At most ${MAX_NAME} characters.`)
    setNameError(null)
    try {
      const workspace = await create({ name: trimmed }).unwrap()
      close()
      switchTo(workspace, { to: '/team', announce: `Created ${workspace.name}: you're working in it now.` })
    } catch (raw) {
      const { fieldErrors, formError: message } = splitServerError(raw, ['name'] as const)
      setNameError(fieldErrors.name ?? null)
      setFormError(message)
    }
  }

  return (
    <Dialog open={open} onClose={close} className="relative z-50">
      <div className="fixed inset-0 bg-slate-900/40" aria-hidden="true" />
      <div className="fixed inset-0 flex items-center justify-center p-4">
        <DialogPanel className="w-full max-w-md rounded-xl bg-white dark:bg-slate-900 p-6 shadow-xl">
          <DialogTitle className="text-base font-semibold text-slate-900 dark:text-slate-100">Create a workspace</DialogTitle>
          <Description className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            A workspace has its own connected accounts, posts, media, library, plan and team: one per client or brand.
          </Description>
          <form onSubmit={(e) => void submit(e)} noValidate className="mt-4 space-y-4" aria-label="Create a workspace">
            {formError && <Alert tone="error">{formError}</Alert>}
            <TextField label="Workspace name" name="name" value={name} maxLength={MAX_NAME + 20} autoFocus onChange={(e) => setName(e.target.value)} error={nameError} />
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={close} disabled={isLoading}>
                Cancel
              </Button>
              <Button type="submit" loading={isLoading}>
                Create workspace
              </Button>
            </div>
          </form>
        </DialogPanel>
      </div>
    </Dialog>
  )
}
