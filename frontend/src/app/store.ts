import { combineReducers, configureStore, createListenerMiddleware } from '@reduxjs/toolkit'
import { api } from './api'
import { authReducer, loggedOut } from '../features/auth/authSlice'
import { toastsReducer } from './toastSlice'

const rootReducer = combineReducers({
  auth: authReducer,
  toasts: toastsReducer,
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

export function makeStore(preloadedState?: Partial<RootState>) {
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefault) => getDefault().prepend(sessionCleanup.middleware).concat(api.middleware),
  })
}

export type AppStore = ReturnType<typeof makeStore>
export type AppDispatch = AppStore['dispatch']
