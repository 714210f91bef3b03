import { useAppDispatch } from '../../app/hooks'
import { asApiError } from '../../app/apiError'
import { toastAdded } from '../../app/toastSlice'
import { useSchedulePostMutation } from '../posts/postsApi'

/** "Undo" on the toast after a calendar move: the post goes back to the time it had. */
export function UndoReschedule({ id, at, onDone }: { id: string; at: string; onDone: () => void }) {
  const dispatch = useAppDispatch()
  const [schedule, { isLoading }] = useSchedulePostMutation()
  return (
    <button
      type="button"
      disabled={isLoading}
      className="mt-1 ml-3 font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200"
      onClick={() =>
        void schedule({ id, scheduled_for: at })
          .unwrap()
          .then(
            () => {
              onDone()
              dispatch(toastAdded({ tone: 'success', message: 'Moved back.' }))
            },
            (raw) => dispatch(toastAdded({ tone: 'error', message: `Couldn't move it back: ${asApiError(raw)?.message}` })),
          )
      }
    >
      Undo
    </button>
  )
}
