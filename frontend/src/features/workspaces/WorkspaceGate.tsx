import { useEffect, useRef, type ReactNode } from 'react'
import { asApiError } from '../../app/apiError'
import { useAppDispatch, useAppSelector } from '../../app/hooks'
import { toastAdded } from '../../app/toastSlice'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { LoadingBlock } from '../../components/PageHeader'
import { selectCurrentUser } from '../auth/authSlice'
import { selectCurrentWorkspaceId, workspaceSwitched } from './workspaceSlice'
import { useListWorkspacesQuery } from './workspacesApi'

/**
 * Pages render once the dashboard knows the workspace it acts in. The personal one (the default)
 * needs no check; another one (remembered, or switched to) is looked up in the user's list
 * first, and when it is not there any more (deleted, the user removed: 404) the dashboard goes
 * back to the personal workspace and says so. Also during a session: a 404 in the workspace
 * re-reads the list (app/api.ts), and a removal shows up here.
 */
export function WorkspaceGate({ children }: { children: ReactNode }) {
  const dispatch = useAppDispatch()
  const user = useAppSelector(selectCurrentUser)
  const currentId = useAppSelector(selectCurrentWorkspaceId)
  const list = useListWorkspacesQuery(undefined, { skip: !user })
  // Names seen, so that a workspace gone from the list can still be named.
  const names = useRef(new Map<string, string>())
  useEffect(() => {
    for (const w of list.data ?? []) names.current.set(w.id, w.name)
  }, [list.data])

  const personalId = user?.id ?? null
  const other = currentId !== null && currentId !== personalId
  const listed = !!list.data?.some((w) => w.id === currentId)
  const listError = asApiError(list.error)
  // Without workspaces on the server (404 on the list) only the personal workspace exists.
  const gone = other && ((!!list.data && !list.isFetching && !listed) || (!list.data && listError?.status === 404))

  useEffect(() => {
    if (!gone || !personalId || !currentId) return
    const name = names.current.get(currentId)
    dispatch(workspaceSwitched({ workspaceId: personalId, reason: 'gone' }))
    dispatch(
      toastAdded({
        tone: 'info',
        message: `${name ? `You no longer have access to ${name}` : 'The workspace you were in is no longer available'}: you're in your personal workspace.`,
      }),
    )
  }, [gone, personalId, currentId, dispatch])

  if (other && !listed) {
    if (listError && !gone && !list.isFetching) {
      return (
        <Alert
          tone="error"
          title="Couldn't open your workspace"
          action={
            <Button variant="secondary" onClick={() => void list.refetch()}>
              Try again
            </Button>
          }
        >
          {listError.message}
        </Alert>
      )
    }
    return <LoadingBlock label="Opening your workspace" />
  }
  return <>{children}</>
}
