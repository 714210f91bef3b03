import { asApiError, type ApiError } from '../../app/apiError'
import type { Problem } from './types'

export interface PostActionError {
  error: ApiError
  /** post_invalid: what each platform objects to, shown in its tab. */
  problems: Problem[]
  /** 402: the plan does not allow it; the message says which limit. */
  planLimit: boolean
}

function isProblem(value: unknown): value is Problem {
  return !!value && typeof value === 'object' && 'platform' in value && 'message' in value && 'code' in value
}

export function toPostActionError(raw: unknown): PostActionError {
  const error = asApiError(raw)!
  const problems = error.code === 'post_invalid' && Array.isArray(error.details) ? error.details.filter(isProblem) : []
  return { error, problems, planLimit: error.status === 402 }
}
