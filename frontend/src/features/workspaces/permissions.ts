import { useAppSelector } from '../../app/hooks'
import { selectCurrentUser } from '../auth/authSlice'
import type { Role, Workspace } from './types'
import { selectCurrentWorkspaceId } from './workspaceSlice'
import { useListWorkspacesQuery } from './workspacesApi'

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 }

export const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', admin: 'Admin', editor: 'Editor', viewer: 'Viewer' }

export const ROLE_SUMMARY: Record<Role, string> = {
  owner: 'Everything, plus billing, transferring ownership and deleting the workspace.',
  admin: 'Members, invitations, connected accounts and settings; everything editors do.',
  editor: 'Writes, schedules and publishes posts; media, library and AI. Can be limited to some accounts.',
  viewer: 'Reads posts, the calendar and analytics. Changes nothing.',
}

export function atLeast(role: Role | null | undefined, needed: Role): boolean {
  return !!role && RANK[role] >= RANK[needed]
}

export interface Permissions {
  /** null while the workspace's role is not known yet */
  role: Role | null
  /** over the plan's seats: nothing may be changed until someone is removed or the plan upgraded */
  readOnly: boolean
  /** posts (compose, schedule, publish, delete), media uploads, library, AI: editor and up */
  canWrite: boolean
  /** connect, reconnect, disconnect accounts: admin and up */
  canManageAccounts: boolean
  /** members, invitations, workspace settings, the activity log: admin and up */
  canManageTeam: boolean
  /** plans, checkout, the billing portal, deleting and transferring the workspace: the owner */
  isOwner: boolean
}

export function permissionsFor(role: Role | null, readOnly = false): Permissions {
  const can = (needed: Role) => atLeast(role, needed) && !readOnly
  return { role, readOnly, canWrite: can('editor'), canManageAccounts: can('admin'), canManageTeam: can('admin'), isOwner: can('owner') }
}

export interface CurrentWorkspace {
  /** the id requests act in */
  id: string | null
  /** the current workspace as GET /api/workspaces lists it (null while loading or unavailable) */
  workspace: Workspace | null
  workspaces: Workspace[] | undefined
  personal: boolean
  permissions: Permissions
}

/**
 * The current workspace and what the signed-in user may do in it. The personal workspace (the
 * default, whose id is the user's id) is always the user's own: owner even before the list of
 * workspaces has loaded, so a single user sees every button at once.
 */
export function useCurrentWorkspace(): CurrentWorkspace {
  const user = useAppSelector(selectCurrentUser)
  const currentId = useAppSelector(selectCurrentWorkspaceId)
  const list = useListWorkspacesQuery(undefined, { skip: !user })
  const id = currentId ?? user?.id ?? null
  const workspace = list.data?.find((w) => w.id === id) ?? null
  const personal = workspace ? workspace.personal : id !== null && id === user?.id
  const role: Role | null = workspace?.role ?? (personal ? 'owner' : null)
  return { id, workspace, workspaces: list.data, personal, permissions: permissionsFor(role, workspace?.read_only ?? false) }
}

export function usePermissions(): Permissions {
  return useCurrentWorkspace().permissions
}
