import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route, Routes } from 'react-router-dom'
import LoginPage from './LoginPage'
import { PublicOnly, RequireAuth } from './routeGuards'
import { fakeServer } from '../../test/fakeServer'
import { makeUser, renderWithStore } from '../../test/render'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

function App() {
  return (
    <Routes>
      <Route element={<PublicOnly />}>
        <Route path="/login" element={<LoginPage />} />
      </Route>
      <Route element={<RequireAuth />}>
        <Route path="/" element={<h1>Dashboard home</h1>} />
        <Route path="/settings" element={<h1>Settings page</h1>} />
      </Route>
    </Routes>
  )
}

async function logIn(password = 'correct horse battery') {
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('E-mail'), 'ada@example.com')
  await user.type(screen.getByLabelText('Password'), password)
  await user.click(screen.getByRole('button', { name: 'Log in' }))
}

describe('login', () => {
  it('sends a visitor of a protected page to /login and back there after logging in', async () => {
    server = fakeServer({
      'POST /auth/login': () => ({ status: 200, body: { access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: 900, user: makeUser() } }),
    })
    renderWithStore(<App />, { route: '/settings' })
    expect(screen.getByRole('status')).toHaveTextContent('Please log in to continue.')
    await logIn()
    expect(await screen.findByRole('heading', { name: 'Settings page' })).toBeInTheDocument()
  })

  it('says so when the credentials are wrong', async () => {
    server = fakeServer({ 'POST /auth/login': () => ({ status: 401, body: { error: { code: 'invalid_credentials', message: 'Invalid credentials' } } }) })
    renderWithStore(<App />, { route: '/login' })
    await logIn('wrong password')
    expect(await screen.findByRole('alert')).toHaveTextContent('That e-mail and password don\u2019t match an account.')
  })

  it('tells the user how long to wait after too many attempts', async () => {
    server = fakeServer({
      'POST /auth/login': () => ({ status: 429, headers: { 'retry-after': '120' }, body: { error: { code: 'too_many_attempts', message: 'Too many attempts' } } }),
    })
    renderWithStore(<App />, { route: '/login' })
    await logIn()
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in 2 minutes.')
  })
})

describe('polish (issue 21.15)', () => {
  it('a failed login moves the focus to the message, and the password can be shown', async () => {
    server = fakeServer({ 'POST /auth/login': () => ({ status: 401, body: { error: { code: 'invalid_credentials', message: 'The e-mail or password is not correct.' } } }) })
    renderWithStore(<App />, { route: '/login' })
    const password = screen.getByLabelText('Password')
    expect(password).toHaveAttribute('type', 'password')
    await userEvent.setup().click(screen.getByRole('button', { name: 'Show' }))
    expect(password).toHaveAttribute('type', 'text')
    await logIn('wrong horse battery')
    // Generous waits: this runs beside the whole suite (and a browser) on two cores.
    const message = await screen.findByText('That e-mail and password don\u2019t match an account.', {}, { timeout: 5000 })
    await waitFor(() => expect(message.closest('[tabindex="-1"]')).toHaveFocus(), { timeout: 5000 })
  })
})
