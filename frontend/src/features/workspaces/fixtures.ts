import type { Invitation, Member, Workspace } from './types'

/** Test data shaped like the workspaces API's answers (ws-contract.md). */
export function makeWorkspace(overrides: Partial<Workspace> = {}): Workspace {
  // The approval settings (issue 15) come with the API that has them; spread, so either fits.
  const approvals = { approval_required: false, approval_for_admins: false }
  return {
    ...approvals,
    id: 'ws-acme',
    name: 'Acme',
    role: 'owner',
    personal: false,
    owner_id: 'u-1',
    plan: 'business',
    seat_limit: 3,
    seats_used: 1,
    read_only: false,
    created_at: '2025-02-01T10:00:00Z',
    ...overrides,
  }
}

/** The personal workspace of the default test user (makeUser: id u-1). */
export function personalWorkspace(overrides: Partial<Workspace> = {}): Workspace {
  return makeWorkspace({ id: 'u-1', name: 'Ada Lovelace', personal: true, plan: 'free', seat_limit: 1, ...overrides })
}

export function makeMember(overrides: Partial<Member> = {}): Member {
  return {
    user_id: 'u-1',
    email: 'ada@example.com',
    full_name: 'Ada Lovelace',
    role: 'owner',
    account_ids: null,
    read_only: false,
    joined_at: '2025-02-01T10:00:00Z',
    ...overrides,
  }
}

export function makeInvitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: 'inv-1',
    email: 'bob@example.com',
    role: 'editor',
    account_ids: null,
    expires_at: '2025-02-08T10:00:00Z',
    created_at: '2025-02-01T10:00:00Z',
    invited_by_email: 'ada@example.com',
    ...overrides,
  }
}
