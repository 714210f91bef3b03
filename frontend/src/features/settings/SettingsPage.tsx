import { useMemo, useRef, useState, type FormEvent } from 'react'
import { useAppSelector } from '../../app/hooks'
import { focusFirstInvalid, splitServerError } from '../../app/forms'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { Card } from '../../components/Card'
import { SelectField } from '../../components/SelectField'
import { TextField } from '../../components/TextField'
import { useUpdateMeMutation } from '../auth/authApi'
import { selectCurrentUser } from '../auth/authSlice'
import type { User } from '../auth/types'
import { browserTimeZone, timeZoneOptions } from './timezones'

function SaveRow({ saving, saved, dirty }: { saving: boolean; saved: boolean; dirty: boolean }) {
  return (
    <div className="flex items-center justify-end gap-3">
      <p aria-live="polite" className="text-sm text-emerald-700">
        {saved && !dirty ? 'Saved.' : ''}
      </p>
      <Button type="submit" loading={saving} disabled={!dirty}>
        Save
      </Button>
    </div>
  )
}

function ProfileForm({ user }: { user: User }) {
  const [updateMe, { isLoading }] = useUpdateMeMutation()
  const formRef = useRef<HTMLFormElement>(null)
  const [fullName, setFullName] = useState(user.full_name)
  const [error, setError] = useState<string | undefined>()
  const [formError, setFormError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const dirty = fullName.trim() !== user.full_name

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setFormError(null)
    setSaved(false)
    if (!fullName.trim()) {
      setError('Enter your name.')
      return focusFirstInvalid(formRef.current)
    }
    try {
      const updated = await updateMe({ full_name: fullName.trim() }).unwrap()
      setFullName(updated.full_name)
      setSaved(true)
    } catch (raw) {
      const split = splitServerError(raw, ['full_name'] as const)
      setError(split.fieldErrors.full_name)
      setFormError(split.formError)
      focusFirstInvalid(formRef.current)
    }
  }

  return (
    <Card title="Profile" description="How you appear in Socialflow.">
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="space-y-5" aria-label="Profile">
        {formError && <Alert tone="error">{formError}</Alert>}
        <TextField
          label="Full name"
          name="full_name"
          autoComplete="name"
          value={fullName}
          onChange={(e) => {
            setFullName(e.target.value)
            setError(undefined)
            setSaved(false)
          }}
          error={error}
        />
        <TextField
          label="E-mail"
          name="email"
          type="email"
          value={user.email}
          readOnly
          disabled
          hint={user.email_verified ? 'Verified.' : 'Not verified yet: check your inbox for the link.'}
        />
        <SaveRow saving={isLoading} saved={saved} dirty={dirty} />
      </form>
    </Card>
  )
}

function TimeZoneForm({ user }: { user: User }) {
  const [updateMe, { isLoading }] = useUpdateMeMutation()
  const formRef = useRef<HTMLFormElement>(null)
  const detected = useMemo(browserTimeZone, [])
  const options = useMemo(() => timeZoneOptions(user.timezone, detected), [user.timezone, detected])
  const [zone, setZone] = useState(user.timezone ?? detected)
  const [error, setError] = useState<string | undefined>()
  const [formError, setFormError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const dirty = zone !== user.timezone

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setFormError(null)
    setSaved(false)
    try {
      await updateMe({ timezone: zone }).unwrap()
      setSaved(true)
    } catch (raw) {
      const split = splitServerError(raw, ['timezone'] as const)
      setError(split.fieldErrors.timezone)
      setFormError(split.formError)
      focusFirstInvalid(formRef.current)
    }
  }

  return (
    <Card title="Time zone" description="Used to show dates and times, and as the default when you schedule.">
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="space-y-5" aria-label="Time zone">
        {formError && <Alert tone="error">{formError}</Alert>}
        <SelectField
          label="Time zone"
          name="timezone"
          value={zone}
          onChange={(e) => {
            setZone(e.target.value)
            setError(undefined)
            setSaved(false)
          }}
          error={error}
          hint={user.timezone ? undefined : `Not saved yet. We suggest ${detected}, detected from your browser.`}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <SaveRow saving={isLoading} saved={saved} dirty={dirty} />
      </form>
    </Card>
  )
}

export default function SettingsPage() {
  const user = useAppSelector(selectCurrentUser)
  if (!user) return null
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Settings</h1>
        <p className="mt-1 text-sm text-slate-600">Manage your profile and preferences.</p>
      </div>
      <ProfileForm user={user} />
      <TimeZoneForm user={user} />
    </div>
  )
}
