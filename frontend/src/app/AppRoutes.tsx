import { Suspense } from 'react'
import { Route, Routes } from 'react-router-dom'
import { FullPageSpinner } from '../components/Spinner'
import { PublicOnly, RequireAuth } from '../features/auth/routeGuards'
import { lazyPage, type LazyPage } from './lazyPage'
import { WritersOnly } from '../features/workspaces/WritersOnly'

// Each page is its own chunk; the first load carries only the router, store and session check.
const AuthenticatedLayout = lazyPage(() => import('./AuthenticatedLayout'))
const NotFoundPage = lazyPage(() => import('./NotFoundPage'))
const DashboardPage = lazyPage(() => import('../features/dashboard/DashboardPage'))
const SettingsPage = lazyPage(() => import('../features/settings/SettingsPage'))
const PlatformsPage = lazyPage(() => import('../features/platforms/PlatformsPage'))
const ComposePage = lazyPage(() => import('../features/posts/ComposePage'))
const SchedulePage = lazyPage(() => import('../features/schedule/SchedulePage'))
const LibraryPage = lazyPage(() => import('../features/library/LibraryPage'))
const BillingPage = lazyPage(() => import('../features/billing/BillingPage'))
// Recharts travels with these two pages only.
const AnalyticsPage = lazyPage(() => import('../features/analytics/AnalyticsPage'))
const PostAnalyticsPage = lazyPage(() => import('../features/analytics/PostAnalyticsPage'))
const LoginPage = lazyPage(() => import('../features/auth/LoginPage'))
const SignupPage = lazyPage(() => import('../features/auth/SignupPage'))
const ForgotPasswordPage = lazyPage(() => import('../features/auth/ForgotPasswordPage'))
const ResetPasswordPage = lazyPage(() => import('../features/auth/ResetPasswordPage'))
const VerifyEmailPage = lazyPage(() => import('../features/auth/VerifyEmailPage'))
const TeamPage = lazyPage(() => import('../features/team/TeamPage'))
const ActivityPage = lazyPage(() => import('../features/team/ActivityPage'))
const AcceptInvitationPage = lazyPage(() => import('../features/team/AcceptInvitationPage'))

/** Signed-in pages by first path segment, for preloading the one being opened. */
const SIGNED_IN: Record<string, LazyPage> = {
  '': DashboardPage,
  compose: ComposePage,
  posts: ComposePage,
  schedule: SchedulePage,
  platforms: PlatformsPage,
  analytics: AnalyticsPage,
  library: LibraryPage,
  billing: BillingPage,
  settings: SettingsPage,
  team: TeamPage,
  activity: ActivityPage,
}

/**
 * Start downloading the signed-in frame and the opened page while the session refresh is still
 * out, instead of after it (React asks for lazy chunks only when it renders them).
 */
export function prefetchRoute(pathname: string): void {
  const page = SIGNED_IN[pathname.split('/')[1] ?? '']
  if (!page) return
  void AuthenticatedLayout.preload().catch(() => undefined)
  void page.preload().catch(() => undefined)
}

export function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpinner />}>
      <Routes>
        <Route element={<PublicOnly />}>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/signup" element={<SignupPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        </Route>
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/verify-email" element={<VerifyEmailPage />} />
        {/* Signed in or not: it offers to log in / sign up and comes back with the token. */}
        <Route path="/invitations/accept" element={<AcceptInvitationPage />} />
        <Route element={<RequireAuth />}>
          <Route element={<AuthenticatedLayout />}>
            <Route index element={<DashboardPage />} />
            <Route path="/settings" element={<SettingsPage />} />
            <Route path="/platforms" element={<PlatformsPage />} />
            <Route
              path="/compose"
              element={
                <WritersOnly>
                  <ComposePage />
                </WritersOnly>
              }
            />
            <Route
              path="/posts/:id"
              element={
                <WritersOnly>
                  <ComposePage />
                </WritersOnly>
              }
            />
            <Route path="/schedule" element={<SchedulePage />} />
            <Route path="/library" element={<LibraryPage />} />
            <Route path="/billing" element={<BillingPage />} />
            <Route path="/analytics" element={<AnalyticsPage />} />
            <Route path="/analytics/posts/:id" element={<PostAnalyticsPage />} />
            <Route path="/team" element={<TeamPage />} />
            <Route path="/activity" element={<ActivityPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  )
}
