import { combineReducers, configureStore, createListenerMiddleware } from '@reduxjs/toolkit'
import { api } from './api'
import { authReducer, credentialsReceived, loggedOut } from '../features/auth/authSlice'
import { toastsReducer } from './toastSlice'
import { rememberedWorkspace, rememberWorkspace, workspaceReducer, workspaceRestored, workspaceSwitched } from '../features/workspaces/workspaceSlice'

const rootReducer = combineReducers({
  auth: authReducer,
  toasts: toastsReducer,
  workspace: workspaceReducer,
  [api.reducerPath]: api.reducer,
})

export type RootState = ReturnType<typeof rootReducer>

/** Cached responses belong to the user who fetched them: drop them when the session ends. */
const sessionCleanup = createListenerMiddleware()
sessionCleanup.startListening({
  actionCreator: loggedOut,
  effect: (_action, listenerApi) => {
    listenerApi.dispatch(api.util.resetApiState())
  },
})

/**
 * A user signing in (or the session coming back on reload) starts in the workspace they last
 * chose in this browser; the signed-in layout checks it against their list of workspaces.
 * Runs while the sign-in is dispatched, before any page asks for anything.
 */
sessionCleanup.startListening({
  actionCreator: credentialsReceived,
  effect: (action, listenerApi) => {
    const { id } = action.payload.user
    if ((listenerApi.getState() as RootState).workspace.userId === id) return
    listenerApi.dispatch(workspaceRestored({ userId: id, workspaceId: rememberedWorkspace(id) ?? id }))
  },
})

/**
 * Cached responses belong to the workspace they were read in: a switch drops them all (mounted
 * queries read again, now with the new X-Workspace-Id) and remembers the choice for next time.
 */
sessionCleanup.startListening({
  actionCreator: workspaceSwitched,
  effect: (action, listenerApi) => {
    const userId = (listenerApi.getState() as RootState).workspace.userId
    if (userId) rememberWorkspace(userId, action.payload.workspaceId)
    listenerApi.dispatch(api.util.resetApiState())
  },
})

export function makeStore(preloadedState?: Partial<RootState>) {
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefault) => getDefault().prepend(sessionCleanup.middleware).concat(api.middleware),
  })
}

export type AppStore = ReturnType<typeof makeStore>
export type AppDispatch = AppStore['dispatch']
