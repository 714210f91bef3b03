import { afterEach, describe, expect, it } from 'vitest'
import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { VerifyEmailBanner } from './VerifyEmailBanner'
import { fakeServer } from '../../test/fakeServer'
import { makeUser, renderWithStore, signedIn } from '../../test/render'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

describe('verify e-mail banner', () => {
  it('reminds an unverified user, naming their address', () => {
    const user = makeUser({ email_verified: false })
    renderWithStore(<VerifyEmailBanner user={user} />, { auth: signedIn(user) })
    expect(screen.getByText('Please verify your e-mail address')).toBeInTheDocument()
    expect(screen.getByText('ada@example.com')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Resend e-mail' })).toBeEnabled()
  })

  it('is absent once the e-mail is verified', () => {
    const user = makeUser({ email_verified: true })
    const { container } = renderWithStore(<VerifyEmailBanner user={user} />, { auth: signedIn(user) })
    expect(container).toBeEmptyDOMElement()
  })

  it('resends the e-mail and confirms it', async () => {
    server = fakeServer({ 'POST /auth/verify-email/resend': () => ({ status: 202 }) })
    const user = makeUser()
    renderWithStore(<VerifyEmailBanner user={user} />, { auth: signedIn(user) })
    await userEvent.setup().click(screen.getByRole('button', { name: 'Resend e-mail' }))
    expect(await screen.findByText(/Sent\. Check your inbox/)).toBeInTheDocument()
    expect(server.callsTo('POST /auth/verify-email/resend')).toHaveLength(1)
    expect(server.calls[0].authorization).toBe('Bearer access-1')
  })

  it('shows why a resend failed', async () => {
    server = fakeServer({
      'POST /auth/verify-email/resend': () => ({ status: 429, headers: { 'retry-after': '30' }, body: { error: { code: 'too_many_attempts', message: 'Slow down' } } }),
    })
    const user = makeUser()
    renderWithStore(<VerifyEmailBanner user={user} />, { auth: signedIn(user) })
    await userEvent.setup().click(screen.getByRole('button', { name: 'Resend e-mail' }))
    expect(await screen.findByText('Please wait 30 seconds before asking again.')).toBeInTheDocument()
  })
})
