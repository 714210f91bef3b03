import { Popover, PopoverButton, PopoverPanel } from '@headlessui/react'
import { Link } from 'react-router-dom'
import { formatDateTime } from '../../app/time'
import { cx } from '../../components/cx'
import { POLL_MS, useGetNotificationsQuery, useMarkAllNotificationsReadMutation, useMarkNotificationReadMutation, type Notification } from './notificationsApi'

/** "3 min ago", "2 h ago", or the date for anything older than a day. */
export function timeAgo(iso: string, timeZone: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (seconds < 60) return 'just now'
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`
  return formatDateTime(iso, timeZone, { dateStyle: 'medium' })
}

function NotificationItem({ note, timeZone, onRead, close }: { note: Notification; timeZone: string; onRead: (id: string) => void; close: () => void }) {
  const unread = !note.read_at
  const internal = note.link?.startsWith('/')
  const open = () => {
    if (unread) onRead(note.id)
    close()
  }
  return (
    <li className={cx('px-4 py-3', unread && 'bg-indigo-50/60 dark:bg-indigo-950/60')} data-testid="notification" data-unread={unread || undefined}>
      <div className="flex items-start gap-2">
        {unread && <span className="mt-1.5 size-2 shrink-0 rounded-full bg-indigo-600" aria-label="Unread" />}
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-slate-900 dark:text-slate-100">{note.title}</p>
          {note.body && <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{note.body}</p>}
          <div className="mt-1 flex flex-wrap items-center gap-3 text-xs text-slate-500 dark:text-slate-400">
            <time dateTime={note.created_at}>{timeAgo(note.created_at, timeZone)}</time>
            {note.link &&
              (internal ? (
                <Link to={note.link} onClick={open} className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
                  Open
                </Link>
              ) : (
                <a href={note.link} target="_blank" rel="noreferrer" onClick={open} className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
                  Open
                </a>
              ))}
            {unread && (
              <button type="button" onClick={() => onRead(note.id)} className="font-medium text-slate-600 dark:text-slate-400 hover:text-slate-900 dark:hover:text-slate-100">
                Mark read<span className="sr-only">: {note.title}</span>
              </button>
            )}
          </div>
        </div>
      </div>
    </li>
  )
}

/** The bell in the top bar: unread count (polled each minute), the latest notifications, mark read. */
export function NotificationsBell({ timeZone }: { timeZone: string }) {
  const { data, isError } = useGetNotificationsQuery(undefined, { pollingInterval: POLL_MS, skipPollingIfUnfocused: true })
  const [markRead] = useMarkNotificationReadMutation()
  const [markAll, markAllState] = useMarkAllNotificationsReadMutation()
  const unread = data?.unread ?? 0
  const label = unread ? `Notifications, ${unread} unread` : 'Notifications'

  return (
    <Popover className="relative">
      <PopoverButton
        className="relative rounded-full p-2 text-slate-600 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800 data-[open]:bg-slate-100 dark:data-[open]:bg-slate-800"
        aria-label={label}
      >
        <svg className="size-5" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span
            className="absolute -top-0.5 -right-0.5 flex min-w-[1.1rem] items-center justify-center rounded-full bg-red-600 px-1 text-[0.65rem] leading-[1.1rem] font-semibold text-white"
            data-testid="unread-count"
            aria-hidden="true"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </PopoverButton>
      <PopoverPanel
        anchor={{ to: 'bottom end', gap: 6 }}
        className="z-40 w-[22rem] max-w-[calc(100vw-1rem)] rounded-lg bg-white dark:bg-slate-900 shadow-lg ring-1 ring-slate-200 dark:ring-slate-700 focus:outline-none"
        aria-label="Notifications"
      >
        {({ close }) => (
          <>
            <div className="flex items-center justify-between border-b border-slate-100 dark:border-slate-800 px-4 py-3">
              <p className="text-sm font-semibold text-slate-900 dark:text-slate-100">Notifications</p>
              {unread > 0 && (
                <button
                  type="button"
                  onClick={() => void markAll()}
                  disabled={markAllState.isLoading}
                  className="text-xs font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200 disabled:text-slate-400 dark:disabled:text-slate-500"
                >
                  Mark all read
                </button>
              )}
            </div>
            {isError && !data ? (
              <p className="px-4 py-6 text-center text-sm text-slate-600 dark:text-slate-400">Couldn't load notifications.</p>
            ) : !data ? (
              <p className="px-4 py-6 text-center text-sm text-slate-500 dark:text-slate-400">Loading…</p>
            ) : data.items.length === 0 ? (
              <p className="px-4 py-6 text-center text-sm text-slate-500 dark:text-slate-400">No notifications yet. Failed posts and accounts that need reconnecting show up here.</p>
            ) : (
              <ul className="max-h-[26rem] divide-y divide-slate-100 dark:divide-slate-800 overflow-y-auto">
                {data.items.map((note) => (
                  <NotificationItem key={note.id} note={note} timeZone={timeZone} onRead={(id) => void markRead(id)} close={close} />
                ))}
              </ul>
            )}
          </>
        )}
      </PopoverPanel>
    </Popover>
  )
}
