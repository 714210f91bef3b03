import type { Schemas } from '../../api/types'

/** The workspaces API's shapes, generated from the backend's OpenAPI (`npm run api:types`). */

export type Workspace = Schemas['WorkspaceOut']
export type Role = Workspace['role']
export type Member = Schemas['MemberOut']

/** The server sends one of the roles (its schema types the field as a plain string). */
export type Invitation = Omit<Schemas['InvitationOut'], 'role'> & { role: Role }
export type InvitationPreview = Omit<Schemas['InvitationPreview'], 'role'> & { role: Role }

export type ActivityEntry = Schemas['ActivityOut']
export type ActivityPage = Schemas['ActivityPage']

/** details of a 402 seat_limit (ws-contract.md; error details are not in the OpenAPI) */
export interface SeatLimitDetails {
  plan: string
  seat_limit: number
  upgrade_to: string | null
}
