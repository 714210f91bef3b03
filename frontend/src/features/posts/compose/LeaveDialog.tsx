import { Dialog, DialogPanel, DialogTitle, Description } from '@headlessui/react'
import { Button } from '../../../components/Button'

/** Why leaving the editor now would lose something. */
export type LeaveReason = { kind: 'upload'; name: string } | { kind: 'changes' } | { kind: 'new' }

export interface LeaveDialogProps {
  reason: LeaveReason | null
  /** "Save and leave" is offered (not while a file is uploading, nor for a post that cannot be saved yet) */
  canSave: boolean
  busy: boolean
  error: string | null
  onStay: () => void
  onSaveAndLeave: () => void
  onLeave: () => void
}

const COPY = {
  upload: { title: 'Leave while a file is uploading?', leave: 'Leave and stop the upload' },
  changes: { title: 'Save your changes?', leave: 'Leave without saving' },
  new: { title: 'Keep this post?', leave: 'Leave' },
}

/**
 * Asked when a link, the browser's Back button or any other in-app navigation would leave the
 * editor with something not saved (useBlocker); the tab closing or reloading gets the
 * browser's own question instead (useLeaveWarning).
 */
export function LeaveDialog({ reason, canSave, busy, error, onStay, onSaveAndLeave, onLeave }: LeaveDialogProps) {
  const copy = reason ? COPY[reason.kind] : COPY.changes
  return (
    <Dialog open={reason !== null} onClose={onStay} className="relative z-50">
      <div className="fixed inset-0 bg-slate-900/40" aria-hidden="true" />
      <div className="fixed inset-0 flex items-center justify-center p-4">
        <DialogPanel className="w-full max-w-md rounded-xl bg-white p-6 shadow-xl dark:bg-slate-900">
          <DialogTitle className="text-base font-semibold text-slate-900 dark:text-slate-100">{copy.title}</DialogTitle>
          <Description as="div" className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            {reason?.kind === 'upload' && `${reason.name} is still uploading. Leaving stops the upload; you would have to add the file again.`}
            {reason?.kind === 'changes' && 'Your latest changes to this post are not saved yet.'}
            {reason?.kind === 'new' && 'This post is not saved yet. If you leave, it stays in this browser and comes back when you open Compose again.'}
          </Description>
          {error && (
            <p role="alert" className="mt-3 text-sm text-red-600 dark:text-red-400">
              Couldn't save: {error}
            </p>
          )}
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={onStay} disabled={busy}>
              Stay
            </Button>
            <Button variant="ghost" onClick={onLeave} disabled={busy}>
              {copy.leave}
            </Button>
            {canSave && reason?.kind !== 'upload' && (
              <Button onClick={onSaveAndLeave} loading={busy}>
                {reason?.kind === 'new' ? 'Save draft and leave' : 'Save and leave'}
              </Button>
            )}
          </div>
        </DialogPanel>
      </div>
    </Dialog>
  )
}
