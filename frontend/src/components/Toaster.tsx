import { useEffect } from 'react'
import { Link } from 'react-router-dom'
import { useAppDispatch, useAppSelector } from '../app/hooks'
import { selectToasts, toastDismissed, type Toast } from '../app/toastSlice'
import { cx } from './cx'
import { UndoDelete } from '../features/posts/UndoDelete'
import { UndoReschedule } from '../features/schedule/UndoReschedule'

const TONE: Record<Toast['tone'], string> = {
  success: 'border-emerald-300 dark:border-emerald-700 bg-white dark:bg-slate-900',
  error: 'border-red-300 dark:border-red-700 bg-white dark:bg-slate-900',
  info: 'border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900',
}
const DOT: Record<Toast['tone'], string> = { success: 'bg-emerald-500', error: 'bg-red-500', info: 'bg-sky-500' }

function ToastItem({ toast }: { toast: Toast }) {
  const dispatch = useAppDispatch()
  useEffect(() => {
    // Errors stay until dismissed: they usually need the user to act.
    if (toast.tone === 'error') return
    const timer = setTimeout(() => dispatch(toastDismissed(toast.id)), 8000)
    return () => clearTimeout(timer)
  }, [dispatch, toast.id, toast.tone])
  const external = toast.link && /^https?:/.test(toast.link.href)
  return (
    <li className={cx('pointer-events-auto flex items-start gap-3 rounded-lg border-l-4 p-3 text-sm shadow-lg ring-1 ring-slate-200 dark:ring-slate-700', TONE[toast.tone])}>
      <span className={cx('mt-1.5 size-2 shrink-0 rounded-full', DOT[toast.tone])} aria-hidden="true" />
      <div className="min-w-0 flex-1">
        <p className="break-words text-slate-900 dark:text-slate-100">{toast.message}</p>
        {toast.link &&
          (external ? (
            <a href={toast.link.href} target="_blank" rel="noreferrer" className="mt-1 inline-block font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
              {toast.link.label}
            </a>
          ) : (
            <Link to={toast.link.href} className="mt-1 inline-block font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
              {toast.link.label}
            </Link>
          ))}
        {toast.undoDelete && <UndoDelete ids={toast.undoDelete} onDone={() => dispatch(toastDismissed(toast.id))} />}
        {toast.undoReschedule && <UndoReschedule {...toast.undoReschedule} onDone={() => dispatch(toastDismissed(toast.id))} />}
      </div>
      <button
        type="button"
        onClick={() => dispatch(toastDismissed(toast.id))}
        className="rounded p-0.5 text-slate-400 dark:text-slate-500 hover:text-slate-700 dark:hover:text-slate-300"
        aria-label="Dismiss notification"
      >
        <svg className="size-4" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
          <path d="M6 6l12 12M18 6 6 18" />
        </svg>
      </button>
    </li>
  )
}

/** Notifications from live post updates and page actions; announced politely to screen readers. */
export function Toaster() {
  const toasts = useAppSelector(selectToasts)
  return (
    <div aria-live="polite" className="pointer-events-none fixed inset-x-3 bottom-3 z-50 flex justify-end sm:inset-x-auto sm:right-4 sm:bottom-4">
      <ul className="flex w-full flex-col gap-2 sm:w-96" data-testid="toasts">
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} />
        ))}
      </ul>
    </div>
  )
}
