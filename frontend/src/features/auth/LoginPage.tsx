import { useRef, useState, type FormEvent } from 'react'
import { Link, useLocation } from 'react-router-dom'
import { useAppSelector } from '../../app/hooks'
import { EMAIL_PATTERN, focusFirstInvalid, formatWait, splitServerError, type FieldErrors } from '../../app/forms'
import { Alert } from '../../components/Alert'
import { AuthLayout } from '../../components/AuthLayout'
import { Button } from '../../components/Button'
import { TextField } from '../../components/TextField'
import { PasswordField } from '../../components/PasswordField'
import { useLoginMutation } from './authApi'
import type { ReturnState } from './routeGuards'

const FIELDS = ['email', 'password'] as const
type Field = (typeof FIELDS)[number]

function validate(email: string, password: string): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {}
  if (!email.trim()) errors.email = 'Enter your e-mail address.'
  else if (!EMAIL_PATTERN.test(email.trim())) errors.email = 'Enter a valid e-mail address.'
  if (!password) errors.password = 'Enter your password.'
  return errors
}

export default function LoginPage() {
  const [login, { isLoading }] = useLoginMutation()
  const signOutReason = useAppSelector((state) => state.auth.signOutReason)
  const location = useLocation()
  const returning = Boolean((location.state as ReturnState | null)?.from)
  const invitedEmail = (location.state as ReturnState | null)?.email
  const formRef = useRef<HTMLFormElement>(null)
  const errorRef = useRef<HTMLDivElement>(null)
  const [email, setEmail] = useState(invitedEmail ?? '')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors<Field>>({})
  const [formError, setFormError] = useState<string | null>(null)

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setFormError(null)
    const clientErrors = validate(email, password)
    setErrors(clientErrors)
    if (Object.keys(clientErrors).length) return focusFirstInvalid(formRef.current)
    try {
      // On success the session lands in the store and <PublicOnly> sends the user on.
      await login({ email: email.trim(), password }).unwrap()
    } catch (raw) {
      const { fieldErrors, formError: message, error } = splitServerError(raw, FIELDS)
      setErrors(fieldErrors)
      if (error.code === 'invalid_credentials' || error.status === 401) setFormError('That e-mail and password don\u2019t match an account.')
      else if (error.status === 429) setFormError(`Too many attempts. Try again in ${formatWait(error.retryAfterSeconds ?? 60)}.`)
      else setFormError(message)
      // No field to point at (wrong e-mail or password): the message itself takes the focus.
      if (Object.keys(fieldErrors).length) focusFirstInvalid(formRef.current)
      else setTimeout(() => errorRef.current?.focus(), 0)
    }
  }

  return (
    <AuthLayout
      title="Log in to Socialflow"
      footer={
        <>
          New to Socialflow?{' '}
          <Link to="/signup" state={location.state} className="font-semibold text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
            Create an account
          </Link>
        </>
      }
    >
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="space-y-5" aria-label="Log in">
        {formError ? (
          <div ref={errorRef} tabIndex={-1} className="outline-none">
            <Alert tone="error">{formError}</Alert>
          </div>
        ) : signOutReason === 'session_expired' ? (
          <Alert tone="info">Your session expired. Please log in again.</Alert>
        ) : signOutReason === 'signed_out' ? (
          <Alert tone="success">You have been logged out.</Alert>
        ) : returning ? (
          <Alert tone="info">Please log in to continue.</Alert>
        ) : null}
        <TextField label="E-mail" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <div>
          <PasswordField label="Password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} />
          <p className="mt-2 text-right text-sm">
            <Link to="/forgot-password" className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
              Forgot your password?
            </Link>
          </p>
        </div>
        <Button type="submit" fullWidth loading={isLoading}>
          Log in
        </Button>
      </form>
    </AuthLayout>
  )
}
