import { useRef, useState, type FormEvent } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { MIN_PASSWORD_LENGTH, focusFirstInvalid, splitServerError, type FieldErrors } from '../../app/forms'
import { Alert } from '../../components/Alert'
import { AuthLayout } from '../../components/AuthLayout'
import { Button } from '../../components/Button'
import { TextField } from '../../components/TextField'
import { useConfirmPasswordResetMutation } from './authApi'

const FIELDS = ['new_password', 'confirm'] as const
type Field = (typeof FIELDS)[number]

const linkClass = 'font-semibold text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200'

export default function ResetPasswordPage() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const [confirmReset, { isLoading }] = useConfirmPasswordResetMutation()
  const formRef = useRef<HTMLFormElement>(null)
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<FieldErrors<Field>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [done, setDone] = useState(false)

  if (!token) {
    return (
      <AuthLayout
        title="Reset your password"
        footer={
          <Link to="/login" className={linkClass}>
            Back to log in
          </Link>
        }
      >
        <Alert tone="error" title="This link is incomplete">
          The reset link is missing its token. Open the link from the e-mail again, or{' '}
          <Link to="/forgot-password" className="font-semibold underline">
            request a new one
          </Link>
          .
        </Alert>
      </AuthLayout>
    )
  }

  if (done) {
    return (
      <AuthLayout title="Password changed">
        <Alert tone="success">Your password has been changed. Log in with your new password.</Alert>
        <Link to="/login" className="mt-4 flex w-full justify-center rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500">
          Log in
        </Link>
      </AuthLayout>
    )
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setFormError(null)
    const clientErrors: FieldErrors<Field> = {}
    if (password.length < MIN_PASSWORD_LENGTH) clientErrors.new_password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`
    if (confirm !== password) clientErrors.confirm = 'The passwords don\u2019t match.'
    setErrors(clientErrors)
    if (Object.keys(clientErrors).length) return focusFirstInvalid(formRef.current)
    try {
      await confirmReset({ token, new_password: password }).unwrap()
      setDone(true)
    } catch (raw) {
      const { fieldErrors, formError: message } = splitServerError(raw, FIELDS)
      setErrors(fieldErrors)
      setFormError(message)
      focusFirstInvalid(formRef.current)
    }
  }

  return (
    <AuthLayout
      title="Choose a new password"
      footer={
        <Link to="/login" className={linkClass}>
          Back to log in
        </Link>
      }
    >
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="space-y-5" aria-label="Choose a new password">
        {formError && (
          <Alert tone="error">
            {formError}{' '}
            <Link to="/forgot-password" className="font-semibold underline">
              Request a new link
            </Link>
          </Alert>
        )}
        <TextField
          label="New password"
          name="new_password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.new_password}
        />
        <TextField label="Confirm new password" name="confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} error={errors.confirm} />
        <Button type="submit" fullWidth loading={isLoading}>
          Change password
        </Button>
      </form>
    </AuthLayout>
  )
}
