/**
 * The workspaces API's shapes, written by hand from /work/notes/ws-contract.md (issue 14) while
 * the backend lands. Once `/api/workspaces` is in the OpenAPI, these become aliases of the
 * generated schema (`npm run api:types`), like features/auth/types.ts.
 */

export type Role = 'owner' | 'admin' | 'editor' | 'viewer'
export type PlanSlug = 'free' | 'starter' | 'pro' | 'business'

export interface Workspace {
  id: string
  name: string
  /** the signed-in user's role in it */
  role: Role
  personal: boolean
  owner_id: string
  plan: PlanSlug | string
  seat_limit: number
  seats_used: number
  /** this member is over the plan's seats: read-only until someone is removed or the plan upgraded */
  read_only: boolean
  created_at: string
}

export interface Member {
  user_id: string
  email: string
  full_name: string | null
  role: Role
  /** editors only: the connected accounts they may post to; null = all */
  account_ids: string[] | null
  read_only: boolean
  joined_at: string
}

export interface Invitation {
  id: string
  email: string
  role: Role
  account_ids: string[] | null
  /** only in the answers to create and resend: carries token=... */
  url?: string | null
  expires_at: string
  created_at: string
  invited_by_email: string | null
}

export interface InvitationPreview {
  workspace_name: string
  email: string
  role: Role
  invited_by_email: string | null
  expires_at: string
}

export interface ActivityEntry {
  id: string
  created_at: string
  actor: { id: string; email: string; full_name: string | null } | null
  action: string
  target_type: string | null
  target_id: string | null
  summary: string
}

export interface ActivityPage {
  items: ActivityEntry[]
  total: number
}

/** details of a 402 seat_limit */
export interface SeatLimitDetails {
  plan: string
  seat_limit: number
  upgrade_to: string | null
}
