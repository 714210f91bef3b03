import { afterEach, describe, expect, it } from 'vitest'
import { screen } from '@testing-library/react'
import { SessionGate } from './SessionGate'
import { initialAuthState } from './authSlice'
import { fakeServer } from '../../test/fakeServer'
import { makeUser, renderWithStore } from '../../test/render'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

const app = (
  <SessionGate>
    <p>App content</p>
  </SessionGate>
)

describe('session restore on page load', () => {
  it('shows a spinner, then restores the session from the refresh cookie', async () => {
    const user = makeUser()
    server = fakeServer({
      'POST /auth/refresh': () => ({ status: 200, delayMs: 10, body: { access_token: 'fresh', refresh_token: 'r', token_type: 'bearer', expires_in: 900, user } }),
    })
    const { store } = renderWithStore(app, { auth: initialAuthState })
    expect(screen.getByRole('status')).toHaveTextContent('Restoring your session')
    expect(await screen.findByText('App content')).toBeInTheDocument()
    expect(store.getState().auth).toMatchObject({ status: 'authenticated', accessToken: 'fresh', user })
    expect(server.callsTo('POST /auth/refresh')).toHaveLength(1)
  })

  it('continues signed out when there is no session', async () => {
    server = fakeServer({ 'POST /auth/refresh': () => ({ status: 401, body: { error: { code: 'invalid_token', message: 'No session' } } }) })
    const { store } = renderWithStore(app, { auth: initialAuthState })
    expect(await screen.findByText('App content')).toBeInTheDocument()
    expect(store.getState().auth.status).toBe('anonymous')
  })

  it('offers a retry when the server cannot be reached', async () => {
    server = fakeServer({ 'POST /auth/refresh': () => ({ status: 502 }) })
    renderWithStore(app, { auth: initialAuthState })
    expect(await screen.findByRole('alert')).toHaveTextContent("Can't reach Socialflow")
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })
})
