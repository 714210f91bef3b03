import axios, { isAxiosError, type AxiosProgressEvent, type Method, type ResponseType } from 'axios'
import { createApi, type BaseQueryFn } from '@reduxjs/toolkit/query/react'
import type { Dispatch } from '@reduxjs/toolkit'
import { toApiError, type ApiError } from './apiError'
import { credentialsReceived, loggedOut, selectAccessToken, type AuthState } from '../features/auth/authSlice'
import type { AuthSession } from '../features/auth/types'
import { selectCurrentWorkspaceId, type WorkspaceState } from '../features/workspaces/workspaceSlice'

/** The one HTTP client. Same origin: the refresh cookie (path /api/auth) travels by itself. */
export const http = axios.create({
  baseURL: '/api',
  withCredentials: true,
  headers: { Accept: 'application/json' },
})

export interface ApiRequest {
  url: string
  method?: Method
  data?: unknown
  params?: Record<string, unknown>
  /** Uploads only, called outside RTK Query (functions do not belong in cached args). */
  onUploadProgress?: (event: AxiosProgressEvent) => void
  /** 'blob' for downloads (CSV export); the default reads JSON. */
  responseType?: ResponseType
  /** Uploads only: cancels the request (the Cancel button of an upload). */
  signal?: AbortSignal
  /**
   * false: not about one workspace (the list of the user's workspaces, creating one, an
   * invitation by its token), so no X-Workspace-Id: a stale remembered id cannot fail it.
   */
  workspace?: false
}

/** Endpoints whose 401 means "wrong credentials", not "access token expired". */
const NO_REFRESH_ON_401 = new Set(['/auth/login', '/auth/register', '/auth/refresh', '/auth/logout'])

export type RefreshOutcome = 'ok' | 'rejected' | 'unreachable'

let refreshInFlight: Promise<RefreshOutcome> | null = null

const BINDING_KEY = 'sf_refresh_binding'

/**
 * A random id kept per browser (all its tabs share it) and sent with every refresh: the server
 * lets the same browser present a just-rotated refresh token again for a few seconds (two tabs
 * reloading together) and answers with the same successor; without it, that is reuse.
 */
export function refreshBinding(): string | undefined {
  try {
    let value = localStorage.getItem(BINDING_KEY)
    if (!value) {
      const bytes = crypto.getRandomValues(new Uint8Array(24))
      value = btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '')
      localStorage.setItem(BINDING_KEY, value)
    }
    return value
  } catch {
    return undefined // storage blocked: the refresh still works, without the grace window
  }
}

/** Runs `task` while no other tab of this browser refreshes (Web Locks), else right away. */
function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  return locks ? (locks.request('sf-session-refresh', task) as Promise<T>) : task()
}

/**
 * Trade the refresh cookie for a new access token. Single flight: callers arriving while a
 * refresh is running share its promise, so parallel 401s cause exactly one POST /auth/refresh
 * (refresh tokens rotate; a second concurrent refresh would present an already-used token).
 * Other tabs wait for it (Web Locks) and then present the cookie it set.
 */
export function refreshSession(dispatch: Dispatch): Promise<RefreshOutcome> {
  if (!refreshInFlight) {
    const binding = refreshBinding()
    refreshInFlight = acrossTabs(() => http.post<AuthSession>('/auth/refresh', {}, { headers: binding ? { 'X-Refresh-Binding': binding } : undefined }))
      .then(({ data }) => {
        dispatch(credentialsReceived({ accessToken: data.access_token, user: data.user }))
        return 'ok' as const
      })
      .catch((error: unknown) => {
        const { status } = toApiError(error)
        return status === 0 || status >= 500 ? ('unreachable' as const) : ('rejected' as const)
      })
      .finally(() => {
        refreshInFlight = null
      })
  }
  return refreshInFlight
}

export const WORKSPACE_HEADER = 'X-Workspace-Id'

async function send(request: ApiRequest, token: string | null, workspaceId: string | null) {
  const headers: Record<string, string> = {}
  if (token) headers.Authorization = `Bearer ${token}`
  if (workspaceId) headers[WORKSPACE_HEADER] = workspaceId
  try {
    const response = await http.request({
      url: request.url,
      method: request.method ?? 'GET',
      data: request.data,
      params: request.params,
      onUploadProgress: request.onUploadProgress,
      responseType: request.responseType,
      signal: request.signal,
      headers,
    })
    return { data: response.status === 204 ? null : response.data }
  } catch (error) {
    // A download's error body arrives as a Blob too: read it as the usual JSON envelope.
    if (isAxiosError(error) && error.response && typeof Blob !== 'undefined' && error.response.data instanceof Blob) {
      try {
        error.response.data = JSON.parse(await error.response.data.text())
      } catch {
        error.response.data = null
      }
    }
    return { error: toApiError(error) }
  }
}

/**
 * Send with the session's token and the current workspace; on an expired token refresh once
 * (shared) and retry.
 */
export async function requestWithSession(request: ApiRequest, dispatch: Dispatch, getState: () => unknown) {
  const tokenOf = () => selectAccessToken(getState() as { auth: AuthState })
  const sentToken = tokenOf()
  // Read once: a retry after a refresh goes to the workspace the first attempt went to.
  const workspaceId = request.workspace === false ? null : selectCurrentWorkspaceId(getState() as { workspace: WorkspaceState })
  let result = await send(request, sentToken, workspaceId)

  // Only a request that carried a token can have failed because the token expired; an anonymous
  // 401 stays a 401 (the session was already looked for when the app loaded).
  if (result.error?.status === 401 && sentToken !== null && !NO_REFRESH_ON_401.has(request.url)) {
    const current = tokenOf()
    // The token changed while this request was out: someone else already refreshed.
    const alreadyRefreshed = current !== null && current !== sentToken
    const outcome = alreadyRefreshed ? 'ok' : await refreshSession(dispatch)
    if (outcome === 'ok') {
      result = await send(request, tokenOf(), workspaceId)
    } else if (outcome === 'rejected') {
      dispatch(loggedOut('session_expired'))
    }
  }
  // A 404 in a workspace may mean the user was just removed from it, a 403 forbidden_role that
  // their role changed: read the list of workspaces again (the dashboard follows what it says).
  if (workspaceId && (result.error?.status === 404 || result.error?.code === 'forbidden_role')) {
    dispatch(api.util.invalidateTags(['Workspaces']))
  }
  return result
}

export const axiosBaseQuery: BaseQueryFn<ApiRequest | string, unknown, ApiError> = (args, api) => requestWithSession(typeof args === 'string' ? { url: args } : args, api.dispatch, api.getState)

export const api = createApi({
  reducerPath: 'api',
  baseQuery: axiosBaseQuery,
  tagTypes: ['Me', 'Platforms', 'Accounts', 'Post', 'PostList', 'Calendar', 'Library', 'Billing', 'Analytics', 'Notifications', 'Workspaces', 'Members', 'Invitations', 'Activity'],
  endpoints: () => ({}),
})
