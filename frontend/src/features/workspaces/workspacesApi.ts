import { api } from '../../app/api'
import type { ActivityPage, Invitation, InvitationPreview, Member, Role, Workspace } from './types'

export interface MemberUpdate {
  workspaceId: string
  userId: string
  role?: Role
  /** editors: the accounts they may post to; null = all */
  account_ids?: string[] | null
}

export interface InvitationRequest {
  workspaceId: string
  email: string
  role: Role
  account_ids?: string[] | null
}

export interface ActivityQuery {
  workspaceId: string
  limit: number
  offset: number
  action?: string
  actor_id?: string
}

export const workspacesApi = api.injectEndpoints({
  endpoints: (build) => ({
    listWorkspaces: build.query<Workspace[], void>({
      query: () => ({ url: '/workspaces', workspace: false }),
      transformResponse: (body: { items: Workspace[] }) => body.items,
      providesTags: ['Workspaces'],
    }),
    createWorkspace: build.mutation<Workspace, { name: string }>({
      query: (body) => ({ url: '/workspaces', method: 'POST', data: body, workspace: false }),
      invalidatesTags: ['Workspaces'],
    }),
    renameWorkspace: build.mutation<Workspace, { id: string; name: string }>({
      query: ({ id, name }) => ({ url: `/workspaces/${id}`, method: 'PATCH', data: { name } }),
      invalidatesTags: ['Workspaces'],
    }),
    updateApproval: build.mutation<Workspace, { id: string; approval_required?: boolean; approval_for_admins?: boolean }>({
      query: ({ id, ...body }) => ({ url: `/workspaces/${id}`, method: 'PATCH', data: body }),
      invalidatesTags: ['Workspaces'],
    }),
    deleteWorkspace: build.mutation<null, string>({
      query: (id) => ({ url: `/workspaces/${id}`, method: 'DELETE', workspace: false }),
    }),
    transferOwnership: build.mutation<Workspace, { id: string; userId: string }>({
      query: ({ id, userId }) => ({ url: `/workspaces/${id}/transfer`, method: 'POST', data: { user_id: userId } }),
      invalidatesTags: ['Workspaces', 'Members'],
    }),
    listMembers: build.query<Member[], string>({
      query: (id) => ({ url: `/workspaces/${id}/members` }),
      transformResponse: (body: { items: Member[] }) => body.items,
      providesTags: ['Members'],
    }),
    updateMember: build.mutation<Member, MemberUpdate>({
      query: ({ workspaceId, userId, ...body }) => ({ url: `/workspaces/${workspaceId}/members/${userId}`, method: 'PATCH', data: body }),
      invalidatesTags: ['Members', 'Workspaces', 'Activity'],
    }),
    removeMember: build.mutation<null, { workspaceId: string; userId: string }>({
      query: ({ workspaceId, userId }) => ({ url: `/workspaces/${workspaceId}/members/${userId}`, method: 'DELETE' }),
      invalidatesTags: ['Members', 'Workspaces', 'Activity'],
    }),
    /** Leaving: the member removes themselves; no header (the workspace is about to be gone). */
    leaveWorkspace: build.mutation<null, { workspaceId: string; userId: string }>({
      query: ({ workspaceId, userId }) => ({ url: `/workspaces/${workspaceId}/members/${userId}`, method: 'DELETE', workspace: false }),
    }),
    listInvitations: build.query<Invitation[], string>({
      query: (id) => ({ url: `/workspaces/${id}/invitations` }),
      transformResponse: (body: { items: Invitation[] }) => body.items,
      providesTags: ['Invitations'],
    }),
    createInvitation: build.mutation<Invitation, InvitationRequest>({
      query: ({ workspaceId, ...body }) => ({ url: `/workspaces/${workspaceId}/invitations`, method: 'POST', data: body }),
      // Pending invitations take seats.
      invalidatesTags: ['Invitations', 'Workspaces', 'Activity'],
    }),
    resendInvitation: build.mutation<Invitation, { workspaceId: string; invitationId: string }>({
      query: ({ workspaceId, invitationId }) => ({ url: `/workspaces/${workspaceId}/invitations/${invitationId}/resend`, method: 'POST', data: {} }),
      invalidatesTags: ['Invitations'],
    }),
    revokeInvitation: build.mutation<null, { workspaceId: string; invitationId: string }>({
      query: ({ workspaceId, invitationId }) => ({ url: `/workspaces/${workspaceId}/invitations/${invitationId}`, method: 'DELETE' }),
      invalidatesTags: ['Invitations', 'Workspaces', 'Activity'],
    }),
    getInvitation: build.query<InvitationPreview, string>({
      query: (token) => ({ url: `/invitations/${encodeURIComponent(token)}`, workspace: false }),
    }),
    acceptInvitation: build.mutation<Workspace, string>({
      query: (token) => ({ url: `/invitations/${encodeURIComponent(token)}/accept`, method: 'POST', data: {}, workspace: false }),
    }),
    getActivity: build.query<ActivityPage, ActivityQuery>({
      query: ({ workspaceId, action, actor_id, ...page }) => ({
        url: `/workspaces/${workspaceId}/activity`,
        params: { ...page, ...(action ? { action } : {}), ...(actor_id ? { actor_id } : {}) },
      }),
      providesTags: ['Activity'],
    }),
  }),
})

export const {
  useListWorkspacesQuery,
  useCreateWorkspaceMutation,
  useRenameWorkspaceMutation,
  useUpdateApprovalMutation,
  useDeleteWorkspaceMutation,
  useTransferOwnershipMutation,
  useListMembersQuery,
  useUpdateMemberMutation,
  useRemoveMemberMutation,
  useLeaveWorkspaceMutation,
  useListInvitationsQuery,
  useCreateInvitationMutation,
  useResendInvitationMutation,
  useRevokeInvitationMutation,
  useGetInvitationQuery,
  useAcceptInvitationMutation,
  useGetActivityQuery,
} = workspacesApi
