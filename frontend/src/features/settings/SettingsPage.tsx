import { useMemo, useRef, useState, type FormEvent } from 'react'
import { useAppSelector } from '../../app/hooks'
import { focusFirstInvalid, splitServerError } from '../../app/forms'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { Card } from '../../components/Card'
import { SelectField } from '../../components/SelectField'
import { TextField } from '../../components/TextField'
import { useChangePasswordMutation, useUpdateMeMutation } from '../auth/authApi'
import { TextArea } from '../../components/TextArea'
import { MIN_PASSWORD_LENGTH } from '../../app/forms'
import { selectCurrentUser } from '../auth/authSlice'
import type { User } from '../auth/types'
import { browserTimeZone, timeZoneOptions } from './timezones'

function SaveRow({ saving, saved, dirty }: { saving: boolean; saved: boolean; dirty: boolean }) {
  return (
    <div className="flex items-center justify-end gap-3">
      <p aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-300">
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
  const [fullName, setFullName] = useState(user.full_name ?? '')
  const [error, setError] = useState<string | undefined>()
  const [formError, setFormError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const dirty = fullName.trim() !== (user.full_name ?? '')

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
      setFullName(updated.full_name ?? '')
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
        <TextField label="E-mail" name="email" type="email" value={user.email} readOnly disabled hint={user.email_verified ? 'Verified.' : 'Not verified yet: check your inbox for the link.'} />
        <SaveRow saving={isLoading} saved={saved} dirty={dirty} />
      </form>
    </Card>
  )
}

function TimeZoneForm({ user }: { user: User }) {
  const [updateMe, { isLoading }] = useUpdateMeMutation()
  const formRef = useRef<HTMLFormElement>(null)
  const detected = useMemo(() => browserTimeZone(), [])
  const all = useMemo(() => timeZoneOptions(user.timezone, detected), [user.timezone, detected])
  const [zone, setZone] = useState(user.timezone ?? detected)
  const [search, setSearch] = useState('')
  const words = search
    .toLowerCase()
    .split(/[\s/,]+/)
    .filter(Boolean)
  const options = all.filter((o) => o.value === zone || words.every((w) => o.label.toLowerCase().includes(w)))
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
        <TextField
          label="Find a time zone"
          name="timezone-search"
          type="search"
          placeholder="City or region, e.g. Paris"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          hint={`${options.length} of ${all.length} zones`}
        />
        {detected !== zone && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Your browser is in {detected}.{' '}
            <button type="button" className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200" onClick={() => setZone(detected)}>
              Use {detected}
            </button>
          </p>
        )}
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

const BRAND_VOICE_MAX = 2000

function BrandVoiceForm({ user }: { user: User }) {
  const [updateMe, { isLoading }] = useUpdateMeMutation()
  const saved_ = user.brand_voice ?? ''
  const [voice, setVoice] = useState(saved_)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const dirty = voice.trim() !== saved_

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setError(null)
    setSaved(false)
    try {
      await updateMe({ brand_voice: voice.trim() || null }).unwrap()
      setSaved(true)
    } catch (raw) {
      const split = splitServerError(raw, ['brand_voice'] as const)
      setError(split.fieldErrors.brand_voice ?? split.formError)
    }
  }

  return (
    <Card title="Brand voice for AI" description="How your posts should sound. The optimizer follows it when it adapts a post for each platform.">
      <form noValidate onSubmit={handleSubmit} className="space-y-5" aria-label="Brand voice">
        <TextArea
          label="Brand voice"
          name="brand_voice"
          rows={4}
          maxLength={BRAND_VOICE_MAX}
          placeholder="Friendly and plain-spoken; no jargon; at most one emoji."
          value={voice}
          onChange={(e) => {
            setVoice(e.target.value)
            setSaved(false)
            setError(null)
          }}
          error={error}
          hint={`${voice.length} / ${BRAND_VOICE_MAX} characters`}
        />
        <SaveRow saving={isLoading} saved={saved} dirty={dirty} />
      </form>
    </Card>
  )
}

function PasswordForm() {
  const [changePassword, { isLoading }] = useChangePasswordMutation()
  const formRef = useRef<HTMLFormElement>(null)
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [errors, setErrors] = useState<{ current_password?: string; new_password?: string }>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [done, setDone] = useState(false)

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setFormError(null)
    setDone(false)
    const local: typeof errors = {}
    if (!current) local.current_password = 'Enter your current password.'
    if (next.length < MIN_PASSWORD_LENGTH) local.new_password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`
    setErrors(local)
    if (local.current_password || local.new_password) return focusFirstInvalid(formRef.current)
    try {
      await changePassword({ current_password: current, new_password: next }).unwrap()
      setCurrent('')
      setNext('')
      setDone(true)
    } catch (raw) {
      const split = splitServerError(raw, ['current_password', 'new_password'] as const)
      setErrors(split.fieldErrors)
      setFormError(split.error.status === 401 || split.error.code === 'invalid_credentials' ? null : split.formError)
      if (split.error.status === 401 || split.error.code === 'invalid_credentials') setErrors({ current_password: split.error.message })
      focusFirstInvalid(formRef.current)
    }
  }

  return (
    <Card title="Password" description="Changing it signs you out everywhere else.">
      <form ref={formRef} noValidate onSubmit={handleSubmit} className="space-y-5" aria-label="Password">
        {formError && <Alert tone="error">{formError}</Alert>}
        <TextField label="Current password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={errors.current_password} />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={errors.new_password}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        />
        <div className="flex items-center justify-end gap-3">
          <p aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-300">
            {done ? 'Password changed.' : ''}
          </p>
          <Button type="submit" loading={isLoading}>
            Change password
          </Button>
        </div>
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
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-100">Settings</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Manage your profile and preferences.</p>
      </div>
      <ProfileForm user={user} />
      <TimeZoneForm user={user} />
      <BrandVoiceForm user={user} />
      <PasswordForm />
    </div>
  )
}
