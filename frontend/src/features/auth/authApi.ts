import { api } from '../../app/api'
import { credentialsReceived, loggedOut, userUpdated } from './authSlice'
import type { AuthSession, User } from './types'

export interface RegisterRequest {
  email: string
  password: string
  full_name: string
  /** the browser's IANA zone: the account's dates are read in it from the start */
  timezone?: string
}
export interface LoginRequest {
  email: string
  password: string
}
export interface ProfileUpdate {
  full_name?: string
  timezone?: string
  brand_voice?: string | null
}

type Dispatch = (action: unknown) => unknown

async function storeSession(dispatch: Dispatch, queryFulfilled: Promise<{ data: AuthSession }>) {
  try {
    const { data } = await queryFulfilled
    dispatch(credentialsReceived({ accessToken: data.access_token, user: data.user }))
  } catch {
    // The component shows the error.
  }
}

async function storeUser(dispatch: Dispatch, queryFulfilled: Promise<{ data: User }>) {
  try {
    const { data } = await queryFulfilled
    dispatch(userUpdated(data))
  } catch {
    // The component shows the error.
  }
}

export const authApi = api.injectEndpoints({
  endpoints: (build) => ({
    register: build.mutation<AuthSession, RegisterRequest>({
      query: (body) => ({ url: '/auth/register', method: 'POST', data: body }),
      onQueryStarted: (_arg, { dispatch, queryFulfilled }) => storeSession(dispatch, queryFulfilled),
    }),
    login: build.mutation<AuthSession, LoginRequest>({
      query: (body) => ({ url: '/auth/login', method: 'POST', data: body }),
      onQueryStarted: (_arg, { dispatch, queryFulfilled }) => storeSession(dispatch, queryFulfilled),
    }),
    logout: build.mutation<null, void>({
      query: () => ({ url: '/auth/logout', method: 'POST', data: {} }),
      // Signed out locally whatever the server says: the user asked to leave.
      onQueryStarted: async (_arg, { dispatch, queryFulfilled }) => {
        await queryFulfilled.catch(() => undefined)
        dispatch(loggedOut('signed_out'))
      },
    }),
    getMe: build.query<User, void>({
      query: () => ({ url: '/auth/me' }),
      providesTags: ['Me'],
      onQueryStarted: (_arg, { dispatch, queryFulfilled }) => storeUser(dispatch, queryFulfilled),
    }),
    updateMe: build.mutation<User, ProfileUpdate>({
      query: (body) => ({ url: '/auth/me', method: 'PATCH', data: body }),
      onQueryStarted: (_arg, { dispatch, queryFulfilled }) => storeUser(dispatch, queryFulfilled),
    }),
    changePassword: build.mutation<AuthSession, { current_password: string; new_password: string }>({
      query: (body) => ({ url: '/auth/password', method: 'POST', data: body }),
      // The old tokens are revoked: keep the new access token (the refresh cookie is reset too).
      onQueryStarted: (_arg, { dispatch, queryFulfilled }) => storeSession(dispatch, queryFulfilled),
    }),
    verifyEmail: build.mutation<User, { token: string }>({
      query: (body) => ({ url: '/auth/verify-email', method: 'POST', data: body }),
      onQueryStarted: (_arg, { dispatch, queryFulfilled }) => storeUser(dispatch, queryFulfilled),
    }),
    resendVerification: build.mutation<null, void>({
      query: () => ({ url: '/auth/verify-email/resend', method: 'POST', data: {} }),
    }),
    requestPasswordReset: build.mutation<null, { email: string }>({
      query: (body) => ({ url: '/auth/password-reset/request', method: 'POST', data: body }),
    }),
    confirmPasswordReset: build.mutation<null, { token: string; new_password: string }>({
      query: (body) => ({ url: '/auth/password-reset/confirm', method: 'POST', data: body }),
    }),
  }),
})

export const {
  useRegisterMutation,
  useLoginMutation,
  useLogoutMutation,
  useGetMeQuery,
  useUpdateMeMutation,
  useChangePasswordMutation,
  useVerifyEmailMutation,
  useResendVerificationMutation,
  useRequestPasswordResetMutation,
  useConfirmPasswordResetMutation,
} = authApi
