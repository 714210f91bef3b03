import { afterEach, describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import SettingsPage from './SettingsPage'
import { browserTimeZone } from './timezones'
import { fakeServer, validationError } from '../../test/fakeServer'
import { makeUser, renderWithStore, signedIn } from '../../test/render'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => server?.restore())

describe('settings', () => {
  it('offers every IANA zone and defaults to the browser zone when none is saved', () => {
    // An account from before time zones were stored: the API types say it always has one now.
    const user = makeUser({ timezone: null as unknown as string })
    renderWithStore(<SettingsPage />, { auth: signedIn(user) })
    const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Time zone' })
    expect(select.value).toBe(browserTimeZone())
    expect(select.options.length).toBeGreaterThan(300)
    expect([...select.options].some((o) => o.value === 'America/New_York')).toBe(true)
  })

  it('saves the time zone with PATCH /auth/me and updates the signed-in user', async () => {
    const user = makeUser({ timezone: 'Europe/London' })
    server = fakeServer({ 'PATCH /auth/me': (req) => ({ status: 200, body: { ...user, ...(req.body as object) } }) })
    const { store } = renderWithStore(<SettingsPage />, { auth: signedIn(user) })
    const form = screen.getByRole('form', { name: 'Time zone' })
    await userEvent.setup().selectOptions(within(form).getByLabelText('Time zone'), 'Asia/Tokyo')
    await userEvent.setup().click(within(form).getByRole('button', { name: 'Save' }))
    expect(await within(form).findByText('Saved.')).toBeInTheDocument()
    expect(server.callsTo('PATCH /auth/me')[0].body).toEqual({ timezone: 'Asia/Tokyo' })
    expect(store.getState().auth.user?.timezone).toBe('Asia/Tokyo')
  })

  it('shows a server error for the full name under the field', async () => {
    server = fakeServer({ 'PATCH /auth/me': () => validationError([{ field: 'full_name', message: 'Name is too long.' }]) })
    const user = makeUser()
    renderWithStore(<SettingsPage />, { auth: signedIn(user) })
    const form = screen.getByRole('form', { name: 'Profile' })
    const name = within(form).getByLabelText('Full name')
    await userEvent.setup().type(name, ' the Second')
    await userEvent.setup().click(within(form).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(name).toHaveAccessibleDescription('Name is too long.'))
  })
})

describe('time zone picker (issue 21.11)', () => {
  it('is searchable and offers the browser zone when the account differs', async () => {
    const user = makeUser({ timezone: 'UTC' })
    renderWithStore(<SettingsPage />, { auth: signedIn(user) })
    const form = screen.getByRole('form', { name: 'Time zone' })
    await userEvent.setup().type(within(form).getByLabelText('Find a time zone'), 'tokyo')
    const select = within(form).getByRole<HTMLSelectElement>('combobox', { name: 'Time zone' })
    // The match, and the zone already chosen (a select always shows its value).
    expect([...select.options].map((o) => o.value).sort()).toEqual(['Asia/Tokyo', 'UTC'])
    if (browserTimeZone() !== 'UTC') expect(within(form).getByRole('button', { name: `Use ${browserTimeZone()}` })).toBeInTheDocument()
  })
})
