import { createSlice, type PayloadAction } from '@reduxjs/toolkit'
import type { User } from './types'

/**
 * restoring: the app is asking POST /api/auth/refresh whether the cookie still holds a session.
 * The access token lives here (memory) only; it is never written to localStorage.
 */
export type SessionStatus = 'restoring' | 'authenticated' | 'anonymous'

/** Why the last session ended, so the login page can say so. */
export type SignOutReason = 'signed_out' | 'session_expired'

export interface AuthState {
  status: SessionStatus
  accessToken: string | null
  user: User | null
  signOutReason: SignOutReason | null
}

export const initialAuthState: AuthState = {
  status: 'restoring',
  accessToken: null,
  user: null,
  signOutReason: null,
}

const authSlice = createSlice({
  name: 'auth',
  initialState: initialAuthState,
  reducers: {
    credentialsReceived(state, action: PayloadAction<{ accessToken: string; user: User }>) {
      state.status = 'authenticated'
      state.accessToken = action.payload.accessToken
      state.user = action.payload.user
      state.signOutReason = null
    },
    userUpdated(state, action: PayloadAction<User>) {
      // Only refresh the signed-in user's own record (verify-email also answers anonymous visitors).
      if (!state.user || state.user.id !== action.payload.id) return
      state.user = action.payload
    },
    sessionNotFound(state) {
      state.status = 'anonymous'
      state.accessToken = null
      state.user = null
    },
    loggedOut(state, action: PayloadAction<SignOutReason>) {
      state.status = 'anonymous'
      state.accessToken = null
      state.user = null
      state.signOutReason = action.payload
    },
  },
})

export const { credentialsReceived, userUpdated, sessionNotFound, loggedOut } = authSlice.actions
export const authReducer = authSlice.reducer

type WithAuth = { auth: AuthState }
export const selectAuth = (state: WithAuth) => state.auth
export const selectCurrentUser = (state: WithAuth) => state.auth.user
export const selectAccessToken = (state: WithAuth) => state.auth.accessToken
export const selectSessionStatus = (state: WithAuth) => state.auth.status
