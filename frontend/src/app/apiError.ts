import { isAxiosError } from 'axios'

/** Every failed request, normalized from `{"error": {code, message, details}}` (or a network failure). */
export interface ApiError {
  /** HTTP status; 0 when the server could not be reached. */
  status: number
  code: string
  message: string
  details: unknown
  /** Validation errors keyed by field name ("email", "new_password", ...). */
  fieldErrors: Record<string, string>
  /** From the Retry-After header on 429 responses. */
  retryAfterSeconds: number | null
}

const FALLBACK_MESSAGES: Record<number, string> = {
  0: "Can't reach Socialflow. Check your connection and try again.",
  401: 'Please log in to continue.',
  403: "You don't have access to that.",
  404: 'Not found.',
  422: 'Please correct the highlighted fields.',
  429: 'Too many attempts. Please wait a moment and try again.',
}

function fieldName(raw: unknown): string | null {
  if (Array.isArray(raw)) raw = raw[raw.length - 1]
  if (typeof raw !== 'string' && typeof raw !== 'number') return null
  const parts = String(raw).split('.')
  return parts[parts.length - 1] || null
}

/** Accepts both the house shape `[{field, message}]` and FastAPI's default `[{loc, msg}]`. */
export function collectFieldErrors(details: unknown): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!Array.isArray(details)) return errors
  for (const item of details) {
    if (!item || typeof item !== 'object') continue
    const entry = item as Record<string, unknown>
    const name = fieldName(entry.field ?? entry.loc)
    const message = entry.message ?? entry.msg
    // Backend messages may start lower-case ("must be at least 10 characters"); show them as sentences.
    if (name && typeof message === 'string' && message && !(name in errors)) errors[name] = message.charAt(0).toUpperCase() + message.slice(1)
  }
  return errors
}

function parseRetryAfter(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
  const date = Date.parse(String(value))
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

export function toApiError(error: unknown): ApiError {
  if (isAxiosError(error) && error.response) {
    const { status, data, headers } = error.response
    const body = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>
    const envelope = (body.error && typeof body.error === 'object' ? body.error : {}) as Record<string, unknown>
    const details = envelope.details ?? body.detail ?? null
    const fallback = FALLBACK_MESSAGES[status] ?? (status >= 500 ? 'Something went wrong on our side. Please try again.' : 'The request failed.')
    return {
      status,
      code: typeof envelope.code === 'string' ? envelope.code : `http_${status}`,
      message: typeof envelope.message === 'string' && envelope.message ? envelope.message : fallback,
      details,
      fieldErrors: collectFieldErrors(details),
      retryAfterSeconds: parseRetryAfter(headers?.['retry-after']),
    }
  }
  return {
    status: 0,
    code: 'network_error',
    message: FALLBACK_MESSAGES[0],
    details: null,
    fieldErrors: {},
    retryAfterSeconds: null,
  }
}

/** Narrow RTK Query's `error` (ApiError | SerializedError | undefined) to ApiError. */
export function asApiError(error: unknown): ApiError | null {
  if (error && typeof error === 'object' && 'code' in error && 'fieldErrors' in error) return error as ApiError
  if (error) return { ...toApiError(null), code: 'unexpected', message: 'Something went wrong. Please try again.' }
  return null
}
