import { lazy, Suspense } from 'react'
import { Route, Routes } from 'react-router-dom'
import { FullPageSpinner } from '../components/Spinner'
import { PublicOnly, RequireAuth } from '../features/auth/routeGuards'

// Each page is its own chunk; the first load carries only the router, store and session check.
const load = {
  layout: () => import('./AuthenticatedLayout'),
  dashboard: () => import('../features/dashboard/DashboardPage'),
  compose: () => import('../features/posts/ComposePage'),
  schedule: () => import('../features/schedule/SchedulePage'),
}
const AuthenticatedLayout = lazy(load.layout)
const NotFoundPage = lazy(() => import('./NotFoundPage'))
const DashboardPage = lazy(load.dashboard)
const SettingsPage = lazy(() => import('../features/settings/SettingsPage'))
const PlatformsPage = lazy(() => import('../features/platforms/PlatformsPage'))
const ComposePage = lazy(load.compose)
const SchedulePage = lazy(load.schedule)
const LibraryPage = lazy(() => import('../features/library/LibraryPage'))
const BillingPage = lazy(() => import('../features/billing/BillingPage'))
// Recharts travels with these two pages only.
const AnalyticsPage = lazy(() => import('../features/analytics/AnalyticsPage'))
const PostAnalyticsPage = lazy(() => import('../features/analytics/PostAnalyticsPage'))
const LoginPage = lazy(() => import('../features/auth/LoginPage'))
const SignupPage = lazy(() => import('../features/auth/SignupPage'))
const ForgotPasswordPage = lazy(() => import('../features/auth/ForgotPasswordPage'))
const ResetPasswordPage = lazy(() => import('../features/auth/ResetPasswordPage'))
const VerifyEmailPage = lazy(() => import('../features/auth/VerifyEmailPage'))

/**
 * Start downloading the signed-in frame and the page of the URL being opened while the session
 * refresh is still out, instead of after it (React asks for lazy chunks only when it renders
 * them). Only the most visited pages; the others load on demand as before.
 */
export function prefetchRoute(pathname: string): void {
  const page = pathname === '/' ? load.dashboard : pathname === '/compose' || pathname.startsWith('/posts/') ? load.compose : pathname === '/schedule' ? load.schedule : null
  if (!page) return
  void load.layout().catch(() => undefined)
  void page().catch(() => undefined)
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
        <Route element={<RequireAuth />}>
          <Route element={<AuthenticatedLayout />}>
            <Route index element={<DashboardPage />} />
            <Route path="/settings" element={<SettingsPage />} />
            <Route path="/platforms" element={<PlatformsPage />} />
            <Route path="/compose" element={<ComposePage />} />
            <Route path="/posts/:id" element={<ComposePage />} />
            <Route path="/schedule" element={<SchedulePage />} />
            <Route path="/library" element={<LibraryPage />} />
            <Route path="/billing" element={<BillingPage />} />
            <Route path="/analytics" element={<AnalyticsPage />} />
            <Route path="/analytics/posts/:id" element={<PostAnalyticsPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  )
}
