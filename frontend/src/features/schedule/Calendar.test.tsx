import { afterEach, describe, expect, it, vi } from 'vitest'
import { createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { formatDay, formatTime, formatWallClock, formatWallTime } from '../../app/time'
import { Toaster } from '../../components/Toaster'
import { Calendar } from './Calendar'
import { useReschedule } from './useReschedule'
import { fakeServer } from '../../test/fakeServer'
import { makeUser, renderWithStore, signedIn } from '../../test/render'
import type { CalendarItem } from '../posts/types'

let server: ReturnType<typeof fakeServer> | undefined
afterEach(() => {
  server?.restore()
  vi.useRealTimers()
})

const scheduled: CalendarItem = { id: 'p1', title: null, content: 'Launch day', status: 'scheduled', platforms: ['twitter'], at: '2099-11-26T09:15:00Z', kind: 'scheduled' }
const published: CalendarItem = { id: 'p2', title: 'Recap', content: 'Done', status: 'published', platforms: ['linkedin'], at: '2099-11-24T08:00:00Z', kind: 'published' }

function dataTransfer() {
  const store: Record<string, string> = {}
  return { setData: (k: string, v: string) => (store[k] = v), getData: (k: string) => store[k] ?? '', dropEffect: 'none', effectAllowed: 'all' }
}

function drag(from: HTMLElement, to: HTMLElement) {
  const transfer = dataTransfer()
  for (const [target, type] of [
    [from, 'dragStart'],
    [to, 'dragOver'],
    [to, 'drop'],
  ] as const) {
    const event = createEvent[type](target)
    Object.defineProperty(event, 'dataTransfer', { value: transfer })
    fireEvent(target, event)
  }
}

function Harness() {
  const { move } = useReschedule('Europe/Berlin')
  return <Calendar view="month" anchor="2099-11-20" today="2099-11-20" items={[scheduled, published]} timeZone="Europe/Berlin" onMove={(item, target) => void move(item, target)} />
}

describe('calendar drag to reschedule', () => {
  it('dropping a scheduled post on another day calls the schedule endpoint with the same time of day and an offset', async () => {
    server = fakeServer({ 'POST /posts/p1/schedule': () => ({ status: 200, body: { id: 'p1' } }) })
    const { store } = renderWithStore(<Harness />, { auth: signedIn(makeUser({ timezone: 'Europe/Berlin' })) })
    const chip = screen.getByRole('link', { name: /Launch day/ })
    drag(chip, document.querySelector('[data-day="2099-11-28"]') as HTMLElement)
    await waitFor(() => expect(server!.callsTo('POST /posts/p1/schedule')).toHaveLength(1))
    expect(server.calls.at(-1)!.body).toEqual({ scheduled_for: '2099-11-28T10:15:00+01:00', timezone: 'Europe/Berlin' })
    await waitFor(() => expect(store.getState().toasts.at(-1)?.message).toBe(`Rescheduled to ${formatWallClock('2099-11-28T10:15')}.`))
  })

  it('published posts cannot be dragged', () => {
    renderWithStore(<Harness />, { auth: signedIn() })
    expect(screen.getByRole('link', { name: /Recap/ })).toHaveAttribute('draggable', 'false')
    expect(screen.getByRole('link', { name: /Launch day/ })).toHaveAttribute('draggable', 'true')
  })

  it('Alt+ArrowRight moves a scheduled post by one day from the keyboard', async () => {
    server = fakeServer({ 'POST /posts/p1/schedule': () => ({ status: 200, body: { id: 'p1' } }) })
    renderWithStore(<Harness />, { auth: signedIn() })
    screen.getByRole('link', { name: /Launch day/ }).focus()
    await userEvent.setup().keyboard('{Alt>}{ArrowRight}{/Alt}')
    await waitFor(() => expect(server!.calls.at(-1)?.body).toEqual({ scheduled_for: '2099-11-27T10:15:00+01:00', timezone: 'Europe/Berlin' }))
  })

  it('shows the backend refusal as a toast', async () => {
    server = fakeServer({ 'POST /posts/p1/schedule': () => ({ status: 409, body: { error: { code: 'busy', message: 'It is being published right now.' } } }) })
    const { store } = renderWithStore(<Harness />, { auth: signedIn() })
    drag(screen.getByRole('link', { name: /Launch day/ }), document.querySelector('[data-day="2099-11-29"]') as HTMLElement)
    await waitFor(() => expect(store.getState().toasts.at(-1)).toMatchObject({ tone: 'error', message: "Couldn't reschedule: It is being published right now." }))
  })
})

describe('calendar (issue 21.13)', () => {
  it('an empty day offers a new post at that day', async () => {
    const onCreateAt = vi.fn()
    renderWithStore(<Calendar view="month" anchor="2099-11-20" today="2099-11-20" items={[scheduled]} timeZone="Europe/Berlin" onMove={() => undefined} onCreateAt={onCreateAt} />, {
      auth: signedIn(),
    })
    await userEvent.setup().click(screen.getByRole('button', { name: /New post on .*November 27/ }))
    expect(onCreateAt).toHaveBeenCalledWith('2099-11-27T09:00')
  })

  it('a reschedule can be undone from its toast: the post goes back to the time it had', async () => {
    server = fakeServer({ 'POST /posts/p1/schedule': (r) => ({ status: 200, body: { id: 'p1', ...(r.body as object) } }) })
    const { store } = renderWithStore(
      <>
        <Harness />
        <Toaster />
      </>,
      { auth: signedIn(makeUser({ timezone: 'Europe/Berlin' })) },
    )
    drag(screen.getByRole('link', { name: /Launch day/ }), document.querySelector('[data-day="2099-11-28"]') as HTMLElement)
    await waitFor(() => expect(store.getState().toasts.at(-1)?.undoReschedule).toEqual({ id: 'p1', at: '2099-11-26T09:15:00Z' }))
    await userEvent.setup().click(within(screen.getByTestId('toasts')).getByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(server!.callsTo('POST /posts/p1/schedule')).toHaveLength(2))
    expect(server.calls.at(-1)!.body).toEqual({ scheduled_for: '2099-11-26T09:15:00Z' })
    await screen.findByText('Moved back.')
  })

  it('an empty hour of the week offers a new post at that hour', async () => {
    const onCreateAt = vi.fn()
    renderWithStore(<Calendar view="week" anchor="2099-11-26" today="2099-11-20" items={[scheduled]} timeZone="Europe/Berlin" onMove={() => undefined} onCreateAt={onCreateAt} />, {
      auth: signedIn(),
    })
    const label = `New post on ${formatDay('2099-11-27', { weekday: 'long', month: 'long', day: 'numeric' })} at ${formatWallTime('2099-11-27T14:00').replace(/\u202f/g, ' ')}`
    await userEvent.setup().click(screen.getByRole('button', { name: label }))
    expect(onCreateAt).toHaveBeenCalledWith('2099-11-27T14:00')
  })

  it('an entry shows the start of its text, and its time written like every other time of the dashboard', () => {
    const long = { ...scheduled, content: 'Webinar next Thursday: how we cut our publishing time in half, with live Q&A' }
    renderWithStore(<Calendar view="month" anchor="2099-11-20" today="2099-11-20" items={[long]} timeZone="Europe/Berlin" onMove={() => undefined} />, { auth: signedIn() })
    const chip = screen.getByTestId('calendar-item')
    expect(within(chip).getByTestId('calendar-text')).toHaveTextContent(/^Webinar next Thursday: how we cut/)
    // 09:15 UTC is 10:15 in Berlin: the same words as the queue and the post page use.
    expect(within(chip).getByTestId('calendar-time').textContent).toBe(formatTime(long.at, 'Europe/Berlin').replace(/\u202f/g, ' '))
    expect(within(chip).getByTestId('calendar-time').textContent).toMatch(/10:15/)
  })
})
