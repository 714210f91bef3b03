import { Link } from 'react-router-dom'
import { useAppSelector } from '../../app/hooks'
import { formatDateTime, safeZone, zonedParts } from '../../app/time'
import { Card } from '../../components/Card'
import { useGetMeQuery } from '../auth/authApi'
import { selectCurrentUser } from '../auth/authSlice'
import { VerifyEmailBanner } from '../auth/VerifyEmailBanner'
import { TimeZoneMismatch } from '../settings/TimeZoneMismatch'
import { useCurrentWorkspace } from '../workspaces/permissions'
import { HomeOverview } from './HomeOverview'

function greeting(timeZone: string | null): string {
  // An unknown zone falls back to the browser's clock.
  const hour = timeZone ? zonedParts(new Date(), safeZone(timeZone)).hour : new Date().getHours()
  if (hour < 5) return 'Good evening'
  if (hour < 12) return 'Good morning'
  if (hour < 18) return 'Good afternoon'
  return 'Good evening'
}

function titleCase(value: string) {
  return value ? value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ') : '\u2014'
}

export default function DashboardPage() {
  const user = useAppSelector(selectCurrentUser)
  const { workspace } = useCurrentWorkspace()
  // Refetch on each visit so a verification done in another tab shows up here.
  useGetMeQuery(undefined, { refetchOnMountOrArgChange: true })
  if (!user) return null
  const firstName = (user.full_name ?? '').trim().split(/\s+/)[0] || user.email

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-100">
          {greeting(user.timezone)}, {firstName}
        </h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Welcome to Socialflow.</p>
      </div>

      <VerifyEmailBanner user={user} />
      <TimeZoneMismatch user={user} />

      <HomeOverview timeZone={user.timezone} />

      <Card title="Your account">
        <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Name</dt>
            <dd className="mt-0.5 font-medium text-slate-900 dark:text-slate-100">{user.full_name}</dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">E-mail</dt>
            <dd className="mt-0.5 flex flex-wrap items-center gap-2 font-medium break-all text-slate-900 dark:text-slate-100">
              {user.email}
              <span
                className={
                  user.email_verified
                    ? 'rounded-full bg-emerald-50 dark:bg-emerald-950 px-2 py-0.5 text-xs font-medium text-emerald-700 dark:text-emerald-300 ring-1 ring-emerald-200 dark:ring-emerald-900 ring-inset'
                    : 'rounded-full bg-amber-50 dark:bg-amber-950 px-2 py-0.5 text-xs font-medium text-amber-800 dark:text-amber-200 ring-1 ring-amber-200 dark:ring-amber-900 ring-inset'
                }
              >
                {user.email_verified ? 'Verified' : 'Not verified'}
              </span>
            </dd>
          </div>
          <div>
            {/* The plan is the workspace's (the one in use), not the person's. */}
            <dt className="text-slate-500 dark:text-slate-400">{workspace && !workspace.personal ? `Plan of ${workspace.name}` : 'Plan'}</dt>
            <dd className="mt-0.5 font-medium text-slate-900 dark:text-slate-100">
              {titleCase(workspace && !workspace.personal ? workspace.plan : user.subscription_tier)}
              {/* A free plan has no subscription to be active or not. */}
              {(!workspace || workspace.personal) && user.subscription_tier !== 'free' && user.subscription_status && user.subscription_status !== 'active' && (
                <span className="ml-2 text-slate-500 dark:text-slate-400">({titleCase(user.subscription_status)})</span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Time zone</dt>
            <dd className="mt-0.5 font-medium text-slate-900 dark:text-slate-100">
              {user.timezone ?? (
                <Link to="/settings" className="text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
                  Not set: choose one
                </Link>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500 dark:text-slate-400">Member since</dt>
            <dd className="mt-0.5 font-medium text-slate-900 dark:text-slate-100">{formatDateTime(user.created_at, safeZone(user.timezone), { dateStyle: 'long' })}</dd>
          </div>
        </dl>
      </Card>
    </div>
  )
}
