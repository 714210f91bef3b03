import { useEffect, useRef } from 'react'
import { Link, useLocation, useSearchParams } from 'react-router-dom'
import { asApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { Alert } from '../../components/Alert'
import { AuthLayout } from '../../components/AuthLayout'
import { Spinner } from '../../components/Spinner'
import { useVerifyEmailMutation } from './authApi'
import { ResendVerificationButton } from './VerifyEmailBanner'

const primaryLink = 'mt-4 flex w-full justify-center rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500'

/** Opened from the e-mail link: submits the token by itself, once. */
export default function VerifyEmailPage() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const location = useLocation()
  const signedIn = useAppSelector((state) => state.auth.status === 'authenticated')
  const [verify, { isUninitialized, isLoading, isSuccess, error }] = useVerifyEmailMutation()
  const submitted = useRef(false)

  useEffect(() => {
    if (!token || submitted.current) return
    submitted.current = true
    void verify({ token })
  }, [token, verify])

  const next = signedIn ? (
    <Link to="/" className={primaryLink}>
      Go to your dashboard
    </Link>
  ) : (
    <Link to="/login" className={primaryLink}>
      Log in
    </Link>
  )

  if (!token) {
    return (
      <AuthLayout title="Verify your e-mail">
        <Alert tone="error" title="This link is incomplete">
          The verification link is missing its token. Open the link from the e-mail again.
        </Alert>
        {next}
      </AuthLayout>
    )
  }

  if (isUninitialized || isLoading) {
    return (
      <AuthLayout title="Verify your e-mail">
        <div className="flex items-center justify-center gap-3 py-4 text-sm text-slate-600 dark:text-slate-400">
          <Spinner label="Verifying" className="text-indigo-600 dark:text-indigo-300" />
          Verifying your e-mail address&hellip;
        </div>
      </AuthLayout>
    )
  }

  if (isSuccess) {
    return (
      <AuthLayout title="E-mail verified">
        <Alert tone="success">Thanks! Your e-mail address is verified.</Alert>
        {next}
      </AuthLayout>
    )
  }

  const apiError = asApiError(error)
  return (
    <AuthLayout title="Verify your e-mail">
      <Alert tone="error" title="We couldn't verify your e-mail">
        {apiError?.message ?? 'The link may have expired or already been used.'}
      </Alert>
      {signedIn ? (
        <div className="mt-4 space-y-3">
          <p className="text-sm text-slate-600 dark:text-slate-400">Send yourself a fresh link:</p>
          <ResendVerificationButton />
          <Link to="/" className="block text-center text-sm font-semibold text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
            Go to your dashboard
          </Link>
        </div>
      ) : (
        <p className="mt-4 text-center text-sm text-slate-600 dark:text-slate-400">
          Need a new link?{' '}
          <Link to="/login" state={{ from: location }} className="font-semibold text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
            Log in
          </Link>{' '}
          and we&rsquo;ll send one from your dashboard.
        </p>
      )}
    </AuthLayout>
  )
}
