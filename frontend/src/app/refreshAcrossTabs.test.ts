import { afterEach, describe, expect, it, vi } from 'vitest'
import { configureStore } from '@reduxjs/toolkit'
import { refreshSession } from './api'
import { authReducer } from '../features/auth/authSlice'
import { fakeServer } from '../test/fakeServer'
import { makeUser } from '../test/render'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => {
  server?.restore()
  vi.unstubAllGlobals()
  localStorage.clear()
})

const session = () => ({ status: 200, body: { access_token: 'new', refresh_token: 'r2', token_type: 'bearer', expires_in: 900, user: makeUser() } })

describe('refresh across tabs (issue 21.6)', () => {
  it('sends the browser binding, the same on every refresh of this browser', async () => {
    server = fakeServer({ 'POST /auth/refresh': session })
    const store = configureStore({ reducer: { auth: authReducer } })
    expect(await refreshSession(store.dispatch)).toBe('ok')
    expect(await refreshSession(store.dispatch)).toBe('ok')
    const bindings = server.callsTo('POST /auth/refresh').map((c) => c.headers['x-refresh-binding'])
    expect(bindings[0]).toMatch(/^[A-Za-z0-9_-]{16,}$/)
    expect(bindings[1]).toBe(bindings[0])
  })

  it('waits for the other tabs (Web Locks) before presenting the refresh cookie', async () => {
    const held: string[] = []
    const request = vi.fn(async (name: string, task: () => Promise<unknown>) => {
      held.push(name)
      return task()
    })
    vi.stubGlobal('navigator', { ...navigator, locks: { request } })
    server = fakeServer({ 'POST /auth/refresh': session })
    const store = configureStore({ reducer: { auth: authReducer } })
    expect(await refreshSession(store.dispatch)).toBe('ok')
    expect(held).toEqual(['sf-session-refresh'])
    expect(server.callsTo('POST /auth/refresh')).toHaveLength(1)
  })
})
