import { afterEach, describe, expect, it, vi } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import SignupPage from './SignupPage'
import { fakeServer, validationError } from '../../test/fakeServer'
import { renderWithStore } from '../../test/render'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

async function fillAndSubmit(password = 'long enough password') {
  const user = userEvent.setup()
  await user.type(screen.getByLabelText('Full name'), 'Ada Lovelace')
  await user.type(screen.getByLabelText('E-mail'), 'ada@example.com')
  await user.type(screen.getByLabelText('Password'), password)
  await user.click(screen.getByRole('button', { name: 'Create account' }))
}

describe('signup form', () => {
  it('shows server validation errors (422 details) under the matching fields', async () => {
    server = fakeServer({
      'POST /auth/register': () =>
        validationError([
          { field: 'email', message: 'This e-mail domain does not accept mail.' },
          { field: 'password', message: 'Password is too common.' },
        ]),
    })
    renderWithStore(<SignupPage />)
    await fillAndSubmit()

    const email = screen.getByLabelText('E-mail')
    const password = screen.getByLabelText('Password')
    await waitFor(() => expect(email).toHaveAccessibleDescription('This e-mail domain does not accept mail.'))
    expect(email).toHaveAttribute('aria-invalid', 'true')
    expect(password).toHaveAccessibleDescription('Password is too common.')
    expect(screen.getByLabelText('Full name')).not.toHaveAttribute('aria-invalid')
    expect(server.callsTo('POST /auth/register')[0].body).toEqual({
      full_name: 'Ada Lovelace',
      email: 'ada@example.com',
      password: 'long enough password',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    })
  })

  it('shows a 422 error for a field the form lacks above the form', async () => {
    server = fakeServer({ 'POST /auth/register': () => validationError([{ field: 'body.referral', message: 'Unknown referral code.' }]) })
    renderWithStore(<SignupPage />)
    await fillAndSubmit()
    expect(await screen.findByRole('alert')).toHaveTextContent('Unknown referral code.')
  })

  it('explains a taken e-mail under the e-mail field and offers to log in', async () => {
    server = fakeServer({ 'POST /auth/register': () => ({ status: 409, body: { error: { code: 'email_taken', message: 'Email already registered' } } }) })
    renderWithStore(<SignupPage />)
    await fillAndSubmit()
    await waitFor(() => expect(screen.getByLabelText('E-mail')).toHaveAccessibleDescription('An account with this e-mail already exists.'))
    expect(screen.getByRole('link', { name: 'Log in instead' })).toHaveAttribute('href', '/login')
  })

  it('checks the password length before calling the server', async () => {
    server = fakeServer({})
    renderWithStore(<SignupPage />)
    await fillAndSubmit('short')
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Use at least 10 characters.')
    expect(server.calls).toHaveLength(0)
  })

  it('signs the user in on success', async () => {
    const user = {
      id: 'u-9',
      email: 'ada@example.com',
      full_name: 'Ada Lovelace',
      email_verified: false,
      timezone: null,
      subscription_tier: 'free',
      subscription_status: 'active',
      created_at: '2025-01-01T00:00:00Z',
    }
    server = fakeServer({ 'POST /auth/register': () => ({ status: 201, body: { access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: 900, user } }) })
    const { store } = renderWithStore(<SignupPage />)
    await fillAndSubmit()
    await waitFor(() => expect(store.getState().auth).toMatchObject({ status: 'authenticated', user }))
  })
})

describe('time zone at sign-up (issue 21.11)', () => {
  it("sends the browser's time zone with the sign-up", async () => {
    const zone = vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockReturnValue({ timeZone: 'Europe/Paris' } as Intl.ResolvedDateTimeFormatOptions)
    server = fakeServer({ 'POST /auth/register': () => validationError([{ field: 'email', message: 'x' }]) })
    renderWithStore(<SignupPage />)
    await fillAndSubmit()
    await waitFor(() => expect(server!.callsTo('POST /auth/register')).toHaveLength(1))
    expect(server!.callsTo('POST /auth/register')[0].body).toMatchObject({ timezone: 'Europe/Paris' })
    zone.mockRestore()
  })
})
