import { useRef, useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import { EMAIL_PATTERN, focusFirstInvalid, splitServerError } from '../../app/forms'
import { Alert } from '../../components/Alert'
import { AuthLayout } from '../../components/AuthLayout'
import { Button } from '../../components/Button'
import { TextField } from '../../components/TextField'
import { useRequestPasswordResetMutation } from './authApi'

export default function ForgotPasswordPage() {
  const [requestReset, { isLoading }] = useRequestPasswordResetMutation()
  const formRef = useRef<HTMLFormElement>(null)
  const [email, setEmail] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [formError, setFormError] = useState<string | null>(null)
  const [sentTo, setSentTo] = useState<string | null>(null)

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setFormError(null)
    const trimmed = email.trim()
    const clientError = !trimmed ? 'Enter your e-mail address.' : !EMAIL_PATTERN.test(trimmed) ? 'Enter a valid e-mail address.' : undefined
    setError(clientError)
    if (clientError) return focusFirstInvalid(formRef.current)
    try {
      await requestReset({ email: trimmed }).unwrap()
      setSentTo(trimmed)
    } catch (raw) {
      const split = splitServerError(raw, ['email'] as const)
      setError(split.fieldErrors.email)
      setFormError(split.formError)
      focusFirstInvalid(formRef.current)
    }
  }

  const backToLogin = (
    <Link to="/login" className="font-semibold text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
      Back to log in
    </Link>
  )

  if (sentTo) {
    return (
      <AuthLayout title="Check your inbox" footer={backToLogin}>
        <Alert tone="success" title="Reset link sent">
          If an account exists for <strong className="break-all">{sentTo}</strong>, we have sent it a link to choose a new password. The link expires soon, so use it today.
        </Alert>
        <Button variant="ghost" fullWidth className="mt-4" onClick={() => setSentTo(null)}>
          Use a different e-mail
        </Button>
      </AuthLayout>
    )
  }

  return (
    <AuthLayout title="Reset your password" subtitle="Enter your e-mail and we'll send you a reset link." footer={backToLogin}>
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="space-y-5" aria-label="Request password reset">
        {formError && <Alert tone="error">{formError}</Alert>}
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => {
            setEmail(e.target.value)
            setError(undefined)
          }}
          error={error}
        />
        <Button type="submit" fullWidth loading={isLoading}>
          Send reset link
        </Button>
      </form>
    </AuthLayout>
  )
}
