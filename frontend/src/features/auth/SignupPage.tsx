import { browserTimeZone } from '../settings/timezones'
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react'
import { Link, useLocation } from 'react-router-dom'
import { EMAIL_PATTERN, MIN_PASSWORD_LENGTH, focusFirstInvalid, splitServerError, type FieldErrors } from '../../app/forms'
import { Alert } from '../../components/Alert'
import { AuthLayout } from '../../components/AuthLayout'
import { Button } from '../../components/Button'
import { TextField } from '../../components/TextField'
import { PasswordField } from '../../components/PasswordField'
import { useRegisterMutation } from './authApi'
import type { ReturnState } from './routeGuards'

const FIELDS = ['full_name', 'email', 'password'] as const
type Field = (typeof FIELDS)[number]
type Values = Record<Field, string>

function validate(values: Values): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {}
  if (!values.full_name.trim()) errors.full_name = 'Enter your name.'
  if (!values.email.trim()) errors.email = 'Enter your e-mail address.'
  else if (!EMAIL_PATTERN.test(values.email.trim())) errors.email = 'Enter a valid e-mail address.'
  if (values.password.length < MIN_PASSWORD_LENGTH) errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`
  return errors
}

export default function SignupPage() {
  const [register, { isLoading }] = useRegisterMutation()
  const location = useLocation()
  const formRef = useRef<HTMLFormElement>(null)
  const [values, setValues] = useState<Values>(() => ({ full_name: '', email: (location.state as ReturnState | null)?.email ?? '', password: '' }))
  const [errors, setErrors] = useState<FieldErrors<Field>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [emailTaken, setEmailTaken] = useState(false)

  const change = (field: Field) => (event: ChangeEvent<HTMLInputElement>) => {
    setValues((current) => ({ ...current, [field]: event.target.value }))
    setErrors((current) => ({ ...current, [field]: undefined }))
    if (field === 'email') setEmailTaken(false)
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setFormError(null)
    setEmailTaken(false)
    const clientErrors = validate(values)
    setErrors(clientErrors)
    if (Object.keys(clientErrors).length) return focusFirstInvalid(formRef.current)
    try {
      await register({ full_name: values.full_name.trim(), email: values.email.trim(), password: values.password, timezone: browserTimeZone() }).unwrap()
    } catch (raw) {
      const { fieldErrors, formError: message, error } = splitServerError(raw, FIELDS)
      if (error.code === 'email_taken' || error.status === 409) {
        setErrors({ ...fieldErrors, email: 'An account with this e-mail already exists.' })
        setEmailTaken(true)
      } else {
        setErrors(fieldErrors)
        setFormError(message)
      }
      focusFirstInvalid(formRef.current)
    }
  }

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Write once, publish everywhere."
      footer={
        <>
          Already have an account?{' '}
          <Link to="/login" state={location.state} className="font-semibold text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
            Log in
          </Link>
        </>
      }
    >
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="space-y-5" aria-label="Sign up">
        {formError && <Alert tone="error">{formError}</Alert>}
        <TextField label="Full name" name="full_name" autoComplete="name" value={values.full_name} onChange={change('full_name')} error={errors.full_name} />
        <div>
          <TextField label="E-mail" name="email" type="email" autoComplete="email" value={values.email} onChange={change('email')} error={errors.email} />
          {emailTaken && (
            <p className="mt-1 text-sm">
              <Link
                to="/login"
                state={{ ...((location.state as ReturnState | null) ?? {}), email: values.email.trim() }}
                className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200"
              >
                Log in instead
              </Link>{' '}
              or{' '}
              <Link to="/forgot-password" className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
                reset your password
              </Link>
              .
            </p>
          )}
        </div>
        <PasswordField
          label="Password"
          name="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          value={values.password}
          onChange={change('password')}
          error={errors.password}
        />
        <Button type="submit" fullWidth loading={isLoading}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  )
}
