import { Fragment, Suspense } from 'react'
import { Outlet } from 'react-router-dom'
import { AppShell, type NavItem } from '../components/AppShell'
import { Spinner } from '../components/Spinner'
import { useLogoutMutation } from '../features/auth/authApi'
import { selectCurrentUser } from '../features/auth/authSlice'
import { useAppSelector } from './hooks'
import { Toaster } from '../components/Toaster'
import { LivePostUpdates } from '../features/schedule/liveUpdates'
import { NotificationsBell } from '../features/notifications/NotificationsBell'
import { safeZone } from './time'
import { useCurrentWorkspace } from '../features/workspaces/permissions'
import { WorkspaceGate } from '../features/workspaces/WorkspaceGate'
import { WorkspaceSwitcher } from '../features/workspaces/WorkspaceSwitcher'
import { selectCurrentWorkspaceId } from '../features/workspaces/workspaceSlice'

const ICONS = {
  dashboard: 'M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1v-9.5Z',
  compose: 'M4 20h4L19 9a2.8 2.8 0 0 0-4-4L4 16v4Zm9.5-13.5 4 4',
  schedule: 'M7 3v3m10-3v3M4 9h16M5 5h14a1 1 0 0 1 1 1v13a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Z',
  platforms: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
  analytics: 'M4 20h16M7 16v-4m5 4V7m5 9v-6',
  library: 'M4 5h5v14H4zM10 5h5v14h-5zM16 6l4 1-3 12-4-1',
  billing: 'M3 7h18v10H3zM3 11h18M7 15h3',
  team: 'M16 19v-1a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v1M9 10a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm13 9v-1a4 4 0 0 0-3-3.9M16 4.1a3 3 0 0 1 0 5.8',
  activity: 'M3 12h4l3-8 4 16 3-8h4',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7.5 7.5 0 0 0-2-1.2L14.5 3h-4l-.4 2.6a7.5 7.5 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 0 0 2 1.2l.4 2.6h4l.4-2.6a7.5 7.5 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2Z',
}

/** The navigation a role gets: writing needs editor, the activity log admin. */
function navItems({ canWrite, canManageTeam }: { canWrite: boolean; canManageTeam: boolean }): NavItem[] {
  return [
    { to: '/', label: 'Dashboard', end: true, icon: ICONS.dashboard },
    ...(canWrite ? [{ to: '/compose', label: 'Compose', icon: ICONS.compose }] : []),
    { to: '/schedule', label: 'Schedule', icon: ICONS.schedule },
    { to: '/platforms', label: 'Platforms', icon: ICONS.platforms },
    { to: '/analytics', label: 'Analytics', icon: ICONS.analytics },
    { to: '/library', label: 'Library', icon: ICONS.library },
    { to: '/team', label: 'Team', icon: ICONS.team },
    ...(canManageTeam ? [{ to: '/activity', label: 'Activity', icon: ICONS.activity }] : []),
    { to: '/billing', label: 'Billing', icon: ICONS.billing },
    { to: '/settings', label: 'Settings', icon: ICONS.settings },
  ]
}

export default function AuthenticatedLayout() {
  const user = useAppSelector(selectCurrentUser)
  const workspaceId = useAppSelector(selectCurrentWorkspaceId)
  const { permissions, personal, workspace } = useCurrentWorkspace()
  const [logout, { isLoading }] = useLogoutMutation()
  if (!user) return null // <RequireAuth> redirects before this renders.
  // Keyed by workspace: a switch starts every page (and the live updates) afresh in the new one.
  const key = workspaceId ?? user.id
  return (
    <AppShell
      navItems={navItems(permissions)}
      userName={user.full_name || user.email}
      userEmail={user.email}
      onLogout={() => void logout()}
      loggingOut={isLoading}
      workspaceSwitcher={<WorkspaceSwitcher />}
      // The bell reads the workspace's notices: once the workspace is known to be the user's.
      topBarActions={personal || workspace ? <NotificationsBell key={key} timeZone={safeZone(user.timezone)} /> : null}
    >
      <WorkspaceGate>
        <Fragment key={key}>
          <Suspense
            fallback={
              <div className="flex justify-center py-16 text-indigo-600 dark:text-indigo-300">
                <Spinner />
              </div>
            }
          >
            <Outlet />
          </Suspense>
          <LivePostUpdates />
        </Fragment>
      </WorkspaceGate>
      <Toaster />
    </AppShell>
  )
}
