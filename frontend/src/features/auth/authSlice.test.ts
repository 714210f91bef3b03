import { describe, expect, it } from 'vitest'
import { authReducer, credentialsReceived, initialAuthState, loggedOut, sessionNotFound, userUpdated } from './authSlice'
import { makeUser } from '../../test/render'

describe('auth slice', () => {
  it('starts by restoring the session, with no token', () => {
    expect(initialAuthState).toEqual({ status: 'restoring', accessToken: null, user: null, signOutReason: null })
  })

  it('stores the token and user when credentials arrive', () => {
    const user = makeUser()
    const state = authReducer({ ...initialAuthState, signOutReason: 'session_expired' }, credentialsReceived({ accessToken: 'tok', user }))
    expect(state).toEqual({ status: 'authenticated', accessToken: 'tok', user, signOutReason: null })
  })

  it('becomes anonymous when no session is found', () => {
    expect(authReducer(initialAuthState, sessionNotFound())).toMatchObject({ status: 'anonymous', accessToken: null, user: null })
  })

  it('forgets token and user on logout and remembers why', () => {
    const signed = authReducer(initialAuthState, credentialsReceived({ accessToken: 'tok', user: makeUser() }))
    expect(authReducer(signed, loggedOut('session_expired'))).toEqual({
      status: 'anonymous',
      accessToken: null,
      user: null,
      signOutReason: 'session_expired',
    })
  })

  it('updates the signed-in user but ignores other users and anonymous visitors', () => {
    const signed = authReducer(initialAuthState, credentialsReceived({ accessToken: 'tok', user: makeUser() }))
    const verified = makeUser({ email_verified: true })
    expect(authReducer(signed, userUpdated(verified)).user).toEqual(verified)
    expect(authReducer(signed, userUpdated(makeUser({ id: 'someone-else' }))).user?.id).toBe('u-1')
    expect(authReducer({ ...initialAuthState, status: 'anonymous' }, userUpdated(verified)).user).toBeNull()
  })
})
