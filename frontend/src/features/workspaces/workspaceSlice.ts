import { createSlice, type PayloadAction } from '@reduxjs/toolkit'
import { loggedOut } from '../auth/authSlice'

/**
 * Which workspace the dashboard acts in. Every API request carries its id (X-Workspace-Id, see
 * app/api.ts); switching empties the API cache so every page reads the new workspace. The last
 * one chosen is remembered per user in this browser (localStorage), checked against
 * GET /api/workspaces when the dashboard opens, and the personal workspace (its id is the
 * user's id) stands in when the remembered one is gone.
 */
export interface WorkspaceState {
  /** whose choice `currentId` is: the signed-in user's id once restored */
  userId: string | null
  /** the workspace requests act in; null until restored (requests then go to the personal one) */
  currentId: string | null
}

export const initialWorkspaceState: WorkspaceState = { userId: null, currentId: null }

const workspaceSlice = createSlice({
  name: 'workspace',
  initialState: initialWorkspaceState,
  reducers: {
    /** The signed-in user's remembered workspace, before anything was fetched (no cache to drop). */
    workspaceRestored(state, action: PayloadAction<{ userId: string; workspaceId: string }>) {
      state.userId = action.payload.userId
      state.currentId = action.payload.workspaceId
    },
    /** The user switched (or the remembered one is gone): the store's listener empties the API cache. */
    workspaceSwitched(state, action: PayloadAction<{ workspaceId: string; reason?: 'chosen' | 'gone' }>) {
      state.currentId = action.payload.workspaceId
    },
  },
  extraReducers: (builder) => {
    builder.addCase(loggedOut, () => initialWorkspaceState)
  },
})

export const { workspaceRestored, workspaceSwitched } = workspaceSlice.actions
export const workspaceReducer = workspaceSlice.reducer

type WithWorkspace = { workspace: WorkspaceState }
export const selectWorkspaceState = (state: WithWorkspace) => state.workspace
export const selectCurrentWorkspaceId = (state: WithWorkspace) => state.workspace.currentId

const KEY_PREFIX = 'sf_workspace:'

/** The workspace this user last chose in this browser, or null (storage blocked or empty). */
export function rememberedWorkspace(userId: string): string | null {
  try {
    return localStorage.getItem(KEY_PREFIX + userId)
  } catch {
    return null
  }
}

export function rememberWorkspace(userId: string, workspaceId: string): void {
  try {
    // The personal workspace is the default: nothing to remember.
    if (workspaceId === userId) localStorage.removeItem(KEY_PREFIX + userId)
    else localStorage.setItem(KEY_PREFIX + userId, workspaceId)
  } catch {
    // Storage blocked: the choice lasts until the page is reloaded.
  }
}
