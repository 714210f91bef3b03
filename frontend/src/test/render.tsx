import type { ReactElement } from 'react'
import { render } from '@testing-library/react'
import { Provider } from 'react-redux'
import { MemoryRouter } from 'react-router-dom'
import { makeStore, type RootState } from '../app/store'
import { initialAuthState, type AuthState } from '../features/auth/authSlice'
import type { User } from '../features/auth/types'

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: 'u-1',
    email: 'ada@example.com',
    full_name: 'Ada Lovelace',
    email_verified: false,
    timezone: 'Europe/London',
    brand_voice: null,
    subscription_tier: 'free',
    subscription_status: 'active',
    created_at: '2025-01-15T10:00:00Z',
    ...overrides,
  }
}

export function signedIn(user: User = makeUser(), accessToken = 'access-1'): AuthState {
  return { status: 'authenticated', accessToken, user, signOutReason: null }
}

export const signedOut: AuthState = { ...initialAuthState, status: 'anonymous' }

export function renderWithStore(ui: ReactElement, { auth = signedOut, route = '/' }: { auth?: AuthState; route?: string } = {}) {
  const store = makeStore({ auth } as Partial<RootState>)
  const utils = render(
    <Provider store={store}>
      <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
    </Provider>,
  )
  return { store, ...utils }
}
