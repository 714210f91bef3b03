import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route, Routes } from 'react-router-dom'
import AuthenticatedLayout from '../../app/AuthenticatedLayout'
import { SessionGate } from '../auth/SessionGate'
import { initialAuthState } from '../auth/authSlice'
import { useGetAccountsQuery } from '../platforms/platformsApi'
import { fakeServer, type FakeRequest } from '../../test/fakeServer'
import { makeUser, renderWithStore } from '../../test/render'
import { makeWorkspace, personalWorkspace } from './fixtures'
import type { Workspace } from './types'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

// Headless UI's menu watches its button's size; jsdom has no ResizeObserver.
beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver
})

const user = makeUser()
const KEY = `sf_workspace:${user.id}`

/** A page that reads the current workspace's accounts: what it shows says which workspace answered. */
function Probe() {
  const accounts = useGetAccountsQuery()
  return <p data-testid="probe">{accounts.data ? accounts.data.map((a) => a.username).join(',') : 'loading'}</p>
}

const app = (
  <SessionGate>
    <Routes>
      <Route element={<AuthenticatedLayout />}>
        <Route path="/team" element={<p>Team page</p>} />
        <Route path="*" element={<Probe />} />
      </Route>
    </Routes>
  </SessionGate>
)

/** Accounts per workspace, answered by the X-Workspace-Id the request carried. */
const ACCOUNTS: Record<string, string> = { 'u-1': 'ada_personal', 'ws-acme': 'acme_brand', 'ws-new': 'nothing_yet' }

function serve(workspaces: Workspace[]) {
  const list = [...workspaces]
  server = fakeServer({
    'POST /auth/refresh': () => ({ status: 200, body: { access_token: 'a1', refresh_token: 'r', token_type: 'bearer', expires_in: 900, user } }),
    'GET /notifications': () => ({ status: 200, body: { items: [], unread: 0 } }),
    // Copies: the store freezes what it keeps.
    'GET /workspaces': () => ({ status: 200, body: { items: [...list] } }),
    'POST /workspaces': (req) => {
      const created = makeWorkspace({ id: 'ws-new', name: (req.body as { name: string }).name, role: 'owner', plan: 'free', seat_limit: 1 })
      list.push(created)
      return { status: 201, body: created }
    },
    'GET /social-accounts': (req) => {
      const ws = req.headers['x-workspace-id'] ?? 'u-1'
      return { status: 200, body: { items: [{ id: `acc-${ws}`, platform: 'twitter', username: ACCOUNTS[ws] ?? 'unknown' }] } }
    },
  })
  return server
}

const header = (call: FakeRequest) => call.headers['x-workspace-id']

describe('workspace switcher', () => {
  it('opens in the workspace remembered in this browser and sends its id on every request', async () => {
    localStorage.setItem(KEY, 'ws-acme')
    const s = serve([personalWorkspace(), makeWorkspace({ role: 'admin' })])
    renderWithStore(app, { auth: initialAuthState })
    expect(await screen.findByText('acme_brand')).toBeInTheDocument()
    // Never asked the personal workspace first, then the remembered one: one answer, the right one.
    expect(s.callsTo('GET /social-accounts').map(header)).toEqual(['ws-acme'])
    // The list of workspaces is not about one workspace: a stale remembered id cannot fail it.
    expect(s.callsTo('GET /workspaces').every((c) => header(c) === undefined)).toBe(true)
    expect(screen.getByTestId('current-workspace')).toHaveTextContent('Acme')
    expect(screen.getByTestId('current-role')).toHaveTextContent('Admin')
  })

  it('switching refetches every page in the new workspace (no answer from the old one shown) and remembers it', async () => {
    const s = serve([personalWorkspace(), makeWorkspace({ role: 'editor' })])
    const { store } = renderWithStore(app, { auth: initialAuthState })
    expect(await screen.findByText('ada_personal')).toBeInTheDocument()
    expect(header(s.callsTo('GET /social-accounts')[0])).toBe('u-1')

    const ux = userEvent.setup()
    expect(screen.getByTestId('workspace-switcher')).toHaveAccessibleName(/Ada Lovelace.*Owner/)
    await ux.click(screen.getByTestId('workspace-switcher'))
    const options = screen.getAllByTestId('workspace-option')
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining('Ada Lovelace'), expect.stringContaining('Acme')])
    expect(options[0]).toHaveAttribute('aria-current', 'true')
    await ux.click(within(options[1]).getByText('Acme'))

    expect(screen.queryByText('ada_personal')).not.toBeInTheDocument()
    expect(await screen.findByText('acme_brand')).toBeInTheDocument()
    expect(s.callsTo('GET /social-accounts').map(header)).toEqual(['u-1', 'ws-acme'])
    expect(localStorage.getItem(KEY)).toBe('ws-acme')
    expect(store.getState().workspace.currentId).toBe('ws-acme')
    expect(screen.getByTestId('current-role')).toHaveTextContent('Editor')
    expect(await screen.findByText('Switched to Acme.')).toBeInTheDocument()

    // Back to personal: the default, nothing left remembered.
    await ux.click(screen.getByTestId('workspace-switcher'))
    await ux.click(within(screen.getAllByTestId('workspace-option')[0]).getByText('Ada Lovelace'))
    expect(await screen.findByText('ada_personal')).toBeInTheDocument()
    expect(localStorage.getItem(KEY)).toBeNull()
  })

  it('falls back to the personal workspace when the remembered one is gone, and says so', async () => {
    localStorage.setItem(KEY, 'ws-deleted')
    const s = serve([personalWorkspace(), makeWorkspace()])
    const { store } = renderWithStore(app, { auth: initialAuthState })
    expect(await screen.findByText('ada_personal')).toBeInTheDocument()
    expect(s.callsTo('GET /social-accounts').map(header)).toEqual(['u-1'])
    expect(store.getState().workspace.currentId).toBe('u-1')
    expect(localStorage.getItem(KEY)).toBeNull()
    expect(screen.getByTestId('toasts')).toHaveTextContent("The workspace you were in is no longer available: you're in your personal workspace.")
  })

  it('creates a workspace, switches to it and opens its Team page', async () => {
    const s = serve([personalWorkspace()])
    renderWithStore(app, { auth: initialAuthState })
    expect(await screen.findByText('ada_personal')).toBeInTheDocument()
    const ux = userEvent.setup()
    await ux.click(screen.getByTestId('workspace-switcher'))
    await ux.click(screen.getByRole('menuitem', { name: /Create workspace/ }))
    const dialog = screen.getByRole('dialog', { name: 'Create a workspace' })
    await ux.click(within(dialog).getByRole('button', { name: 'Create workspace' }))
    expect(within(dialog).getByLabelText('Workspace name')).toHaveAccessibleDescription(/Give the workspace a name/)
    expect(s.callsTo('POST /workspaces')).toHaveLength(0)

    await ux.type(within(dialog).getByLabelText('Workspace name'), '  Client Co ')
    await ux.click(within(dialog).getByRole('button', { name: 'Create workspace' }))
    expect(await screen.findByText('Team page')).toBeInTheDocument()
    expect(s.callsTo('POST /workspaces')[0].body).toEqual({ name: 'Client Co' })
    expect(header(s.callsTo('POST /workspaces')[0])).toBeUndefined()
    await waitFor(() => expect(screen.getByTestId('current-workspace')).toHaveTextContent('Client Co'))
    expect(localStorage.getItem(KEY)).toBe('ws-new')
  })

  it('a member removed meanwhile: the 404 re-reads the list and the dashboard goes back to the personal workspace', async () => {
    localStorage.setItem(KEY, 'ws-acme')
    let lists = 0
    // The first list still has Acme; by the time its accounts are asked for, the user was removed.
    server = fakeServer({
      'POST /auth/refresh': () => ({ status: 200, body: { access_token: 'a1', refresh_token: 'r', token_type: 'bearer', expires_in: 900, user } }),
      'GET /notifications': () => ({ status: 200, body: { items: [], unread: 0 } }),
      'GET /workspaces': () => ({ status: 200, body: { items: ++lists === 1 ? [personalWorkspace(), makeWorkspace()] : [personalWorkspace()] } }),
      'GET /social-accounts': (req) =>
        req.headers['x-workspace-id'] === 'ws-acme'
          ? { status: 404, body: { error: { code: 'workspace_not_found', message: 'Not found' } } }
          : { status: 200, body: { items: [{ id: 'a', platform: 'twitter', username: 'ada_personal' }] } },
    })
    const { store } = renderWithStore(app, { auth: initialAuthState })
    expect(await screen.findByText('ada_personal')).toBeInTheDocument()
    expect(store.getState().workspace.currentId).toBe('u-1')
    expect(screen.getByTestId('toasts')).toHaveTextContent("You no longer have access to Acme: you're in your personal workspace.")
    // The first, the one the 404 asked for, and the fresh one after the switch emptied the cache.
    expect(lists).toBe(3)
  })
})
