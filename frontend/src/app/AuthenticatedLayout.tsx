import { Suspense } from 'react'
import { Outlet } from 'react-router-dom'
import { AppShell, type NavItem } from '../components/AppShell'
import { Spinner } from '../components/Spinner'
import { useLogoutMutation } from '../features/auth/authApi'
import { selectCurrentUser } from '../features/auth/authSlice'
import { useAppSelector } from './hooks'

// Only what exists today: more sections join as their features ship.
const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Dashboard', end: true, icon: 'M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6h-6v6H4a1 1 0 0 1-1-1v-9.5Z' },
  {
    to: '/settings',
    label: 'Settings',
    icon: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7.5 7.5 0 0 0-2-1.2L14.5 3h-4l-.4 2.6a7.5 7.5 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 0 0 2 1.2l.4 2.6h4l.4-2.6a7.5 7.5 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2Z',
  },
]

export default function AuthenticatedLayout() {
  const user = useAppSelector(selectCurrentUser)
  const [logout, { isLoading }] = useLogoutMutation()
  if (!user) return null // <RequireAuth> redirects before this renders.
  return (
    <AppShell navItems={NAV_ITEMS} userName={user.full_name || user.email} userEmail={user.email} onLogout={() => void logout()} loggingOut={isLoading}>
      <Suspense
        fallback={
          <div className="flex justify-center py-16 text-indigo-600">
            <Spinner />
          </div>
        }
      >
        <Outlet />
      </Suspense>
    </AppShell>
  )
}
