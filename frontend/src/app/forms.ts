import { asApiError, type ApiError } from './apiError'

export type FieldErrors<F extends string> = Partial<Record<F, string>>

export interface ServerFormError<F extends string> {
  fieldErrors: FieldErrors<F>
  /** Shown above the form: the message when no field is to blame, or errors for fields the form lacks. */
  formError: string | null
  error: ApiError
}

/** Split a failed submission into messages under the form's own fields and one for the form. */
export function splitServerError<F extends string>(raw: unknown, fields: readonly F[]): ServerFormError<F> {
  const error = asApiError(raw) ?? asApiError(new Error('unknown'))!
  const fieldErrors: FieldErrors<F> = {}
  const stray: string[] = []
  for (const [name, message] of Object.entries(error.fieldErrors)) {
    if ((fields as readonly string[]).includes(name)) fieldErrors[name as F] = message
    else stray.push(message)
  }
  const anyFieldError = Object.keys(fieldErrors).length > 0
  const formError = stray.length ? stray.join(' ') : anyFieldError ? null : error.message
  return { fieldErrors, formError, error }
}

/** After a failed submit, put the keyboard on the first field that needs attention. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
export const MIN_PASSWORD_LENGTH = 10

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`
  const minutes = Math.ceil(seconds / 60)
  return `${minutes} minute${minutes === 1 ? '' : 's'}`
}
