import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { Tab, TabGroup, TabList, TabPanel, TabPanels } from '@headlessui/react'
import { asApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { dayKey, formatDay, formatDayRange, safeZone } from '../../app/time'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { Card } from '../../components/Card'
import { cx } from '../../components/cx'
import { PageHeader } from '../../components/PageHeader'
import { selectCurrentUser } from '../auth/authSlice'
import { useGetCalendarQuery } from '../posts/postsApi'
import { Calendar } from './Calendar'
import { shiftAnchor, visibleDays, visibleRange, type CalendarView } from './calendarMath'
import { QueueList } from './QueueList'
import { useReschedule } from './useReschedule'
import { usePermissions } from '../workspaces/permissions'

function periodTitle(view: CalendarView, anchor: string) {
  if (view === 'month') return formatDay(anchor, { month: 'long', year: 'numeric' })
  const days = visibleDays('week', anchor)
  return formatDayRange(days[0], days[6])
}

const tabClass =
  'rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 dark:text-slate-400 data-[hover]:bg-slate-100 dark:data-[hover]:bg-slate-800 data-[selected]:bg-indigo-50 dark:data-[selected]:bg-indigo-950 data-[selected]:text-indigo-700 dark:data-[selected]:text-indigo-300'

export default function SchedulePage() {
  const user = useAppSelector(selectCurrentUser)
  const navigate = useNavigate()
  const timeZone = safeZone(user?.timezone)
  const today = dayKey(new Date(), timeZone)
  const [view, setView] = useState<CalendarView>('month')
  const [anchor, setAnchor] = useState(today)
  const range = visibleRange(view, anchor, timeZone)
  const calendar = useGetCalendarQuery(range)
  const { move, moving } = useReschedule(timeZone)
  const { canWrite, canManageTeam: canApprove } = usePermissions()

  return (
    <div className="space-y-6">
      <PageHeader
        title="Schedule"
        description={canWrite ? `Times in ${timeZone}. Drag a scheduled post to another day or hour to move it.` : `Times in ${timeZone}.`}
        actions={
          canWrite && (
            <Link to="/compose" className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500">
              New post
            </Link>
          )
        }
      />
      <Card>
        <div className="mb-4 flex flex-wrap items-center gap-2">
          <div className="flex gap-1">
            <Button variant="secondary" onClick={() => setAnchor(shiftAnchor(view, anchor, -1))} aria-label={`Previous ${view}`}>
              ‹
            </Button>
            <Button variant="secondary" onClick={() => setAnchor(today)}>
              Today
            </Button>
            <Button variant="secondary" onClick={() => setAnchor(shiftAnchor(view, anchor, 1))} aria-label={`Next ${view}`}>
              ›
            </Button>
          </div>
          <h2 className="order-first w-full text-base font-semibold text-slate-900 dark:text-slate-100 sm:order-none sm:w-auto sm:min-w-0 sm:flex-1" aria-live="polite">
            {periodTitle(view, anchor)}
            {(calendar.isFetching || moving) && <span className="ml-2 text-xs font-normal text-slate-400 dark:text-slate-500">updating…</span>}
          </h2>
          <div className="flex rounded-md ring-1 ring-slate-300 dark:ring-slate-600" role="group" aria-label="Calendar view">
            {(['month', 'week'] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => setView(v)}
                className={cx(
                  'px-3 py-1.5 text-sm font-medium capitalize first:rounded-l-md last:rounded-r-md',
                  view === v ? 'bg-indigo-600 text-white' : 'text-slate-700 dark:text-slate-300 hover:bg-slate-50 dark:hover:bg-slate-950',
                )}
              >
                {v}
              </button>
            ))}
          </div>
        </div>
        {calendar.error ? (
          <Alert
            tone="error"
            action={
              <Button variant="secondary" onClick={() => void calendar.refetch()}>
                Try again
              </Button>
            }
          >
            {asApiError(calendar.error)?.message}
          </Alert>
        ) : (
          <div aria-busy={calendar.isLoading || undefined}>
            <Calendar
              view={view}
              anchor={anchor}
              today={today}
              items={calendar.data ?? []}
              timeZone={timeZone}
              onMove={canWrite ? (item, target) => void move(item, target) : undefined}
              onCreateAt={canWrite ? (local) => navigate('/compose', { state: { prefill: { scheduleAt: local } } }) : undefined}
            />
          </div>
        )}
      </Card>

      <Card>
        <TabGroup>
          <TabList className="flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-700 pb-2" aria-label="Queue">
            <Tab className={tabClass}>Queue</Tab>
            <Tab className={tabClass}>Published</Tab>
            <Tab className={tabClass}>Failed</Tab>
            <Tab className={tabClass}>Drafts</Tab>
            <Tab className={tabClass}>{canApprove ? 'Needs my approval' : 'Pending approval'}</Tab>
          </TabList>
          <TabPanels className="pt-4">
            <TabPanel>
              <QueueList status="scheduled" timeZone={timeZone} empty="Nothing scheduled." />
            </TabPanel>
            <TabPanel>
              <QueueList status="published" timeZone={timeZone} empty="Nothing published yet." />
            </TabPanel>
            <TabPanel>
              <QueueList status="failed" timeZone={timeZone} empty="No failed posts." />
            </TabPanel>
            <TabPanel>
              <QueueList status="draft" timeZone={timeZone} empty="No drafts." />
            </TabPanel>
            <TabPanel>
              <QueueList status="pending_approval" awaitingMe={canApprove} timeZone={timeZone} empty={canApprove ? 'Nothing is waiting for your approval.' : 'Nothing is waiting for approval.'} />
            </TabPanel>
          </TabPanels>
        </TabGroup>
      </Card>
    </div>
  )
}
