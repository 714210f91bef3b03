import { AxiosError, AxiosHeaders, type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios'
import { http } from '../app/api'

export interface FakeRequest {
  method: string
  url: string
  body: unknown
  authorization: string | null
  headers: Record<string, string>
  /** the query parameters (axios `params`; the route key is the path alone) */
  params: Record<string, unknown>
}

export interface FakeResponse {
  status: number
  body?: unknown
  headers?: Record<string, string>
  delayMs?: number
}

type Handler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>

/**
 * Replaces the HTTP client's transport: routes are "METHOD /path" (path without /api).
 * Non-2xx answers reject like axios' own adapters do.
 */
export function fakeServer(routes: Record<string, Handler>) {
  const calls: FakeRequest[] = []
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    const method = (config.method ?? 'get').toUpperCase()
    const url = config.url ?? ''
    const headers = AxiosHeaders.from(config.headers)
    const request: FakeRequest = {
      method,
      url,
      body: typeof config.data === 'string' && config.data ? JSON.parse(config.data) : config.data,
      authorization: (headers.get('Authorization') as string | undefined) ?? null,
      headers: Object.fromEntries(Object.entries(headers.toJSON()).map(([k, v]) => [k.toLowerCase(), String(v)])),
      params: { ...((config.params as Record<string, unknown> | undefined) ?? {}) },
    }
    calls.push(request)
    const handler = routes[`${method} ${url}`]
    const answer: FakeResponse = handler ? await handler(request) : { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } }
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs))
    const response = {
      data: answer.body ?? null,
      status: answer.status,
      statusText: String(answer.status),
      headers: answer.headers ?? {},
      config,
      request: {},
    }
    if (answer.status >= 200 && answer.status < 300) return response
    throw new AxiosError(`Request failed with status code ${answer.status}`, AxiosError.ERR_BAD_RESPONSE, config, {}, response)
  }
  const previous = http.defaults.adapter
  http.defaults.adapter = adapter
  return {
    calls,
    callsTo: (route: string) => calls.filter((call) => `${call.method} ${call.url}` === route),
    restore: () => {
      http.defaults.adapter = previous
    },
  }
}

export function validationError(details: Array<{ field: string; message: string }>): FakeResponse {
  return { status: 422, body: { error: { code: 'validation_error', message: 'Invalid input', details } } }
}
