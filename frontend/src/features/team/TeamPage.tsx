import { Link } from 'react-router-dom'
import { skipToken } from '@reduxjs/toolkit/query'
import { asApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { safeZone } from '../../app/time'
import { Alert } from '../../components/Alert'
import { Badge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { Card } from '../../components/Card'
import { cx } from '../../components/cx'
import { LoadingBlock, PageHeader } from '../../components/PageHeader'
import { selectCurrentUser } from '../auth/authSlice'
import { useGetAccountsQuery } from '../platforms/platformsApi'
import { ROLE_LABEL, useCurrentWorkspace } from '../workspaces/permissions'
import type { Workspace } from '../workspaces/types'
import { useListInvitationsQuery, useListMembersQuery, useListWorkspacesQuery } from '../workspaces/workspacesApi'
import { InvitationsList } from './InvitationsList'
import { InviteForm } from './InviteForm'
import { MembersList, READ_ONLY_TEXT } from './MembersList'
import { planName } from './seats'
import { WorkspaceSettings } from './WorkspaceSettings'

function Seats({ workspace, readOnlyMembers, isOwner }: { workspace: Workspace; readOnlyMembers: number; isOwner: boolean }) {
  const { seats_used: used, seat_limit: limit } = workspace
  const full = used >= limit
  const ratio = limit > 0 ? Math.min(1, used / limit) : 1
  return (
    <div className="space-y-2">
      <div className="flex justify-between text-sm">
        <span className="font-medium text-slate-800 dark:text-slate-200">Seats on the {planName(workspace.plan)} plan</span>
        <span className="text-slate-600 dark:text-slate-400 tabular-nums" data-testid="seats-used">
          {used} of {limit} used
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Seats used"
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={used}
        aria-valuetext={`${used} of ${limit}`}
        className="h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
      >
        <div className={cx('h-full rounded-full', full ? 'bg-amber-500' : 'bg-indigo-600')} style={{ width: `${ratio * 100}%` }} />
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Members and pending invitations take a seat each.
        {full && (
          <>
            {' '}
            All are taken:{' '}
            <Link to="/billing" className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
              {isOwner ? 'upgrade in Billing' : 'the owner can upgrade in Billing'}
            </Link>{' '}
            or remove someone.
          </>
        )}
      </p>
      {readOnlyMembers > 0 && (
        <Alert tone="warning">
          {readOnlyMembers} member{readOnlyMembers === 1 ? ' is' : 's are'} over the plan's seats: read-only until someone is removed or the plan upgraded.
        </Alert>
      )}
    </div>
  )
}

/** Members and roles, invitations, seats, and the workspace's own settings. */
export default function TeamPage() {
  const user = useAppSelector(selectCurrentUser)
  const timeZone = safeZone(user?.timezone)
  const { workspace, permissions } = useCurrentWorkspace()
  // Seats and the plan change elsewhere (Billing, a member leaving): read them afresh here.
  const list = useListWorkspacesQuery(undefined, { refetchOnMountOrArgChange: true })
  const members = useListMembersQuery(workspace?.id ?? skipToken)
  const invitations = useListInvitationsQuery(workspace && permissions.canManageTeam ? workspace.id : skipToken)
  const accounts = useGetAccountsQuery()

  if (!workspace) {
    const error = asApiError(list.error)
    if (error)
      return (
        <div className="space-y-6">
          <PageHeader title="Team" />
          <Alert
            tone="error"
            action={
              <Button variant="secondary" onClick={() => void list.refetch()}>
                Try again
              </Button>
            }
          >
            {error.status === 404 ? 'Teams are not available on this server yet.' : error.message}
          </Alert>
        </div>
      )
    return <LoadingBlock label="Loading your team" />
  }

  const me = user?.id ?? ''
  const role = permissions.role ?? workspace.role
  const membersError = asApiError(members.error)
  const readOnlyMembers = members.data?.filter((m) => m.read_only).length ?? 0

  return (
    <div className="space-y-6">
      <PageHeader
        title="Team"
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-800 dark:text-slate-200">{workspace.name}</span>
            <span aria-hidden="true">·</span>
            <span data-testid="team-role">
              Your role: <Badge tone="indigo">{ROLE_LABEL[role]}</Badge>
            </span>
          </span>
        }
      />
      {workspace.read_only && (
        <Alert tone="warning" title="You are read-only here">
          {READ_ONLY_TEXT}
        </Alert>
      )}

      <Card title="Members" description={`Who works in ${workspace.name}, and as what.`}>
        <div className="mb-5">
          <Seats workspace={workspace} readOnlyMembers={readOnlyMembers} isOwner={permissions.isOwner} />
        </div>
        {members.isLoading ? (
          <LoadingBlock label="Loading members" />
        ) : membersError ? (
          <Alert tone="error">{membersError.message}</Alert>
        ) : (
          <div className="pt-4">
            <MembersList members={members.data ?? []} me={me} workspace={workspace} accounts={accounts.data ?? []} permissions={permissions} />
          </div>
        )}
      </Card>

      {permissions.canManageTeam && (
        <>
          <Card
            title="Invite a member"
            description={
              user?.email_verified
                ? 'They get an e-mail with a link that works once and expires in 7 days; you can also share the link yourself.'
                : 'You get a link to share that works once and expires in 7 days (it is e-mailed to them too once your own address is confirmed).'
            }
          >
            <InviteForm workspace={workspace} accounts={accounts.data ?? []} isOwner={permissions.isOwner} />
          </Card>
          <Card title="Pending invitations">
            {invitations.isLoading ? (
              <LoadingBlock label="Loading invitations" />
            ) : invitations.error ? (
              <Alert tone="error">{asApiError(invitations.error)?.message}</Alert>
            ) : (
              <InvitationsList invitations={invitations.data ?? []} workspaceId={workspace.id} accounts={accounts.data ?? []} timeZone={timeZone} />
            )}
          </Card>
          <Card title="Workspace settings">
            <WorkspaceSettings workspace={workspace} members={members.data ?? []} me={me} permissions={permissions} />
          </Card>
        </>
      )}
    </div>
  )
}
