import type { ReactElement } from 'react'
import { render } from '@testing-library/react'
import { Provider } from 'react-redux'
import { createMemoryRouter, RouterProvider } from 'react-router-dom'
import { makeStore, type RootState } from '../app/store'
import { initialAuthState, type AuthState } from '../features/auth/authSlice'
import type { User } from '../features/auth/types'
import type { WorkspaceState } from '../features/workspaces/workspaceSlice'

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

/** The dashboard acting in workspace `workspaceId` for `auth`'s user (as after a switch). */
export function inWorkspace(auth: AuthState, workspaceId: string): WorkspaceState {
  return { userId: auth.user?.id ?? null, currentId: workspaceId }
}

export function renderWithStore(ui: ReactElement, { auth = signedOut, route = '/', workspace }: { auth?: AuthState; route?: string; workspace?: WorkspaceState } = {}) {
  const store = makeStore({ auth, ...(workspace ? { workspace } : {}) } as Partial<RootState>)
  // A data router like the app's (main.tsx), so pages that block navigation (useBlocker) work.
  const router = createMemoryRouter([{ path: '*', element: ui }], { initialEntries: [route] })
  const utils = render(
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>,
  )
  return { store, router, ...utils }
}
