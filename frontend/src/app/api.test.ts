import { afterEach, describe, expect, it } from 'vitest'
import { makeStore, type RootState } from './store'
import { authApi } from '../features/auth/authApi'
import type { AuthState } from '../features/auth/authSlice'
import { fakeServer, type FakeRequest } from '../test/fakeServer'
import { makeUser, signedIn, signedOut } from '../test/render'

const user = makeUser()
const session = (token: string) => ({
  status: 200,
  body: { access_token: token, refresh_token: `r-${token}`, token_type: 'bearer', expires_in: 900, user },
})
const unauthorized = { status: 401, body: { error: { code: 'token_expired', message: 'Access token expired', details: null } } }
/** Protected routes accept only the refreshed token. */
const protectedRoute = (ok: () => { status: number; body?: unknown }) => (request: FakeRequest) => (request.authorization === 'Bearer access-2' ? ok() : unauthorized)

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

function storeWith(auth: AuthState) {
  return makeStore({ auth } as Partial<RootState>)
}

describe('base query: access token and refresh', () => {
  it('attaches the access token as a bearer header', async () => {
    server = fakeServer({ 'GET /auth/me': () => ({ status: 200, body: user }) })
    const store = storeWith(signedIn(user, 'access-1'))
    await store.dispatch(authApi.endpoints.getMe.initiate())
    expect(server.calls[0].authorization).toBe('Bearer access-1')
  })

  it('parallel 401s trigger exactly one refresh, then every request is retried with the new token', async () => {
    server = fakeServer({
      'GET /auth/me': protectedRoute(() => ({ status: 200, body: user })),
      'PATCH /auth/me': protectedRoute(() => ({ status: 200, body: { ...user, timezone: 'UTC' } })),
      'POST /auth/verify-email/resend': protectedRoute(() => ({ status: 202 })),
      'POST /auth/refresh': () => ({ ...session('access-2'), delayMs: 20 }),
    })
    const store = storeWith(signedIn(user, 'access-1'))

    const results = await Promise.all([
      store.dispatch(authApi.endpoints.getMe.initiate()),
      store.dispatch(authApi.endpoints.updateMe.initiate({ timezone: 'UTC' })),
      store.dispatch(authApi.endpoints.resendVerification.initiate()),
    ])

    expect(server.callsTo('POST /auth/refresh')).toHaveLength(1)
    expect(results.map((r) => ('error' in r ? r.error : null))).toEqual([null, null, null])
    expect(server.callsTo('GET /auth/me').map((c) => c.authorization)).toEqual(['Bearer access-1', 'Bearer access-2'])
    expect(store.getState().auth.accessToken).toBe('access-2')
  })

  it('a 401 that arrives after another request already refreshed retries without refreshing again', async () => {
    let slowFirstCall = true
    server = fakeServer({
      'GET /auth/me': protectedRoute(() => ({ status: 200, body: user })),
      // The first PATCH answers 401 only after the refresh above has finished.
      'PATCH /auth/me': (request) => {
        if (slowFirstCall) {
          slowFirstCall = false
          return { ...unauthorized, delayMs: 60 }
        }
        return protectedRoute(() => ({ status: 200, body: user }))(request)
      },
      'POST /auth/refresh': () => ({ ...session('access-2'), delayMs: 5 }),
    })
    const store = storeWith(signedIn(user, 'access-1'))

    const [me, patch] = await Promise.all([store.dispatch(authApi.endpoints.getMe.initiate()), store.dispatch(authApi.endpoints.updateMe.initiate({ full_name: 'Ada' }))])

    expect('error' in me).toBe(false)
    expect('error' in patch).toBe(false)
    expect(server.callsTo('POST /auth/refresh')).toHaveLength(1)
  })

  it('logs the user out when the refresh is refused', async () => {
    server = fakeServer({
      'GET /auth/me': () => unauthorized,
      'POST /auth/refresh': () => ({ status: 401, body: { error: { code: 'invalid_token', message: 'No session' } } }),
    })
    const store = storeWith(signedIn(user, 'access-1'))

    await store.dispatch(authApi.endpoints.getMe.initiate())

    expect(server.callsTo('POST /auth/refresh')).toHaveLength(1)
    expect(server.callsTo('GET /auth/me')).toHaveLength(1)
    expect(store.getState().auth).toMatchObject({ status: 'anonymous', accessToken: null, user: null, signOutReason: 'session_expired' })
    expect(store.getState().api.queries).toEqual({})
  })

  it('keeps the session when the refresh fails for lack of network', async () => {
    server = fakeServer({
      'GET /auth/me': () => unauthorized,
      'POST /auth/refresh': () => ({ status: 503 }),
    })
    const store = storeWith(signedIn(user, 'access-1'))
    await store.dispatch(authApi.endpoints.getMe.initiate())
    expect(store.getState().auth.status).toBe('authenticated')
  })

  it('a wrong password (401 on login) is an error to show, not a reason to refresh', async () => {
    server = fakeServer({
      'POST /auth/login': () => ({ status: 401, body: { error: { code: 'invalid_credentials', message: 'Wrong e-mail or password', details: null } } }),
    })
    const store = storeWith(signedOut)
    const result = await store.dispatch(authApi.endpoints.login.initiate({ email: 'a@b.co', password: 'nope' }))
    expect(result.error).toMatchObject({ status: 401, code: 'invalid_credentials', message: 'Wrong e-mail or password' })
    expect(server.callsTo('POST /auth/refresh')).toHaveLength(0)
  })

  it('reads Retry-After from 429 answers', async () => {
    server = fakeServer({
      'POST /auth/login': () => ({ status: 429, headers: { 'retry-after': '42' }, body: { error: { code: 'too_many_attempts', message: 'Slow down' } } }),
    })
    const store = storeWith(signedOut)
    const result = await store.dispatch(authApi.endpoints.login.initiate({ email: 'a@b.co', password: 'x' }))
    expect(result.error).toMatchObject({ status: 429, code: 'too_many_attempts', retryAfterSeconds: 42 })
  })

  it('keeps the access token in memory only after login', async () => {
    server = fakeServer({ 'POST /auth/login': () => session('secret-access') })
    const store = storeWith(signedOut)
    await store.dispatch(authApi.endpoints.login.initiate({ email: 'ada@example.com', password: 'correct horse' }))
    expect(store.getState().auth).toMatchObject({ status: 'authenticated', accessToken: 'secret-access', user })
    const persisted = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie
    expect(persisted).not.toContain('secret-access')
  })
})
