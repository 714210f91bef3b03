import { asApiError } from '../../app/apiError'
import { formatWait } from '../../app/forms'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { useResendVerificationMutation } from './authApi'
import type { User } from './types'

/** Resends the verification e-mail and reports how that went, in place. */
export function ResendVerificationButton() {
  const [resend, { isLoading, isSuccess, error, reset }] = useResendVerificationMutation()
  const apiError = asApiError(error)
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        loading={isLoading}
        onClick={() => {
          reset()
          void resend()
        }}
      >
        {isSuccess ? 'Send again' : 'Resend e-mail'}
      </Button>
      <div aria-live="polite" className="text-sm">
        {isSuccess && <p className="text-emerald-700 dark:text-emerald-300">Sent. Check your inbox (and the spam folder).</p>}
        {apiError && (
          <p className="text-red-700 dark:text-red-300">{apiError.status === 429 ? `Please wait ${formatWait(apiError.retryAfterSeconds ?? 60)} before asking again.` : apiError.message}</p>
        )}
      </div>
    </div>
  )
}

export function VerifyEmailBanner({ user }: { user: User }) {
  if (user.email_verified) return null
  return (
    <Alert tone="warning" title="Please verify your e-mail address" action={<ResendVerificationButton />}>
      We sent a verification link to <strong className="break-all">{user.email}</strong>. Click it to confirm the address is yours.
    </Alert>
  )
}
