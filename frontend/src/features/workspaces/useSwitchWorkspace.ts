import { useCallback } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'
import { useAppDispatch } from '../../app/hooks'
import { toastAdded } from '../../app/toastSlice'
import { workspaceSwitched } from './workspaceSlice'

/** Pages about one thing of a workspace (a post, its analytics): not there in another one. */
const ONE_THING = /^\/(posts|analytics\/posts)\//

/**
 * Switch the dashboard to another workspace: the API cache is emptied (every page reads the new
 * workspace), the choice is remembered, a page about one post goes back to the dashboard, and
 * the switch is announced (the toaster is a polite live region).
 */
export function useSwitchWorkspace() {
  const dispatch = useAppDispatch()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  return useCallback(
    (workspace: { id: string; name: string }, options: { to?: string; announce?: string | false } = {}) => {
      dispatch(workspaceSwitched({ workspaceId: workspace.id, reason: 'chosen' }))
      if (options.to) navigate(options.to)
      else if (ONE_THING.test(pathname)) navigate('/')
      if (options.announce !== false) dispatch(toastAdded({ tone: 'info', message: options.announce ?? `Switched to ${workspace.name}.` }))
    },
    [dispatch, navigate, pathname],
  )
}
