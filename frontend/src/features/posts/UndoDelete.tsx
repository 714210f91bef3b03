import { useAppDispatch } from '../../app/hooks'
import { toastAdded } from '../../app/toastSlice'
import { useRestorePostsMutation } from './postsApi'

/** "Undo" on the toast that follows a delete: the posts come back as they were. */
export function UndoDelete({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const dispatch = useAppDispatch()
  const [restore, { isLoading }] = useRestorePostsMutation()
  return (
    <button
      type="button"
      disabled={isLoading}
      className="mt-1 font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200"
      onClick={() =>
        void restore(ids)
          .unwrap()
          .then(
            () => {
              onDone()
              dispatch(toastAdded({ tone: 'success', message: ids.length === 1 ? 'Post restored.' : `${ids.length} posts restored.` }))
            },
            () => dispatch(toastAdded({ tone: 'error', message: "Couldn't restore: it may be too late to undo." })),
          )
      }
    >
      Undo
    </button>
  )
}
