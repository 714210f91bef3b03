import { useSearchParams } from 'react-router-dom'
import { skipToken } from '@reduxjs/toolkit/query'
import { asApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { formatDateTime, safeZone } from '../../app/time'
import { Alert } from '../../components/Alert'
import { Badge, type BadgeTone } from '../../components/Badge'
import { Button } from '../../components/Button'
import { Card } from '../../components/Card'
import { EmptyState, LoadingBlock, PageHeader } from '../../components/PageHeader'
import { SelectField } from '../../components/SelectField'
import { selectCurrentUser } from '../auth/authSlice'
import { useCurrentWorkspace } from '../workspaces/permissions'
import { useGetActivityQuery, useListMembersQuery, useListWorkspacesQuery } from '../workspaces/workspacesApi'

export const PAGE_SIZE = 25

/** The actions the log records (ws-contract.md), as the filter offers them. */
export const ACTIONS: Record<string, string> = {
  'account.connected': 'Account connected',
  'account.disconnected': 'Account disconnected',
  'post.created': 'Post created',
  'post.updated': 'Post edited',
  'post.scheduled': 'Post scheduled',
  'post.published': 'Post published',
  'post.deleted': 'Post deleted',
  'post.restored': 'Post restored',
  'post.unscheduled': 'Post unscheduled',
  'post.submitted': 'Sent for approval',
  'post.approved': 'Post approved',
  'post.changes_requested': 'Changes requested',
  'post.edited_after_approval': 'Edited after approval',
  'post.withdrawn': 'Approval request withdrawn',
  'post.commented': 'Comment',
  'post.client_approved': 'Approved by the client',
  'post.review_link_created': 'Review link created',
  'post.review_link_revoked': 'Review link revoked',
  'member.invited': 'Member invited',
  'member.joined': 'Member joined',
  'member.removed': 'Member removed',
  'member.left': 'Member left',
  'member.role_changed': 'Role changed',
  'invitation.revoked': 'Invitation revoked',
  'plan.changed': 'Plan changed',
  'workspace.created': 'Workspace created',
  'workspace.renamed': 'Workspace renamed',
  'workspace.settings_changed': 'Settings changed',
  'workspace.transferred': 'Ownership transferred',
}

/** Families of actions: filtering by one ("post") matches every post.* action. */
const GROUPS: Record<string, string> = { post: 'Posts', account: 'Accounts', member: 'Members', invitation: 'Invitations', plan: 'Plan', workspace: 'Workspace' }

const TONE: Record<string, BadgeTone> = { account: 'sky', post: 'indigo', member: 'green', invitation: 'green', plan: 'amber', workspace: 'slate' }

function actionLabel(action: string): string {
  return ACTIONS[action] ?? action.replace(/[._]/g, ' ')
}

/** Who did what, when, in the current workspace: admins and the owner; paged, filtered. */
export default function ActivityPage() {
  const user = useAppSelector(selectCurrentUser)
  const timeZone = safeZone(user?.timezone)
  const { workspace, permissions } = useCurrentWorkspace()
  const list = useListWorkspacesQuery()
  const [params, setParams] = useSearchParams()
  const action = params.get('action') ?? ''
  const actor = params.get('actor') ?? ''
  const page = Math.max(0, Number(params.get('page') ?? '0') || 0)
  const allowed = !!workspace && permissions.canManageTeam
  const members = useListMembersQuery(allowed ? workspace.id : skipToken)
  const activity = useGetActivityQuery(allowed ? { workspaceId: workspace.id, limit: PAGE_SIZE, offset: page * PAGE_SIZE, action, actor_id: actor } : skipToken)

  function setFilter(name: 'action' | 'actor' | 'page', value: string) {
    const next = new URLSearchParams(params)
    if (value && value !== '0') next.set(name, value)
    else next.delete(name)
    // A new filter starts again from the first page.
    if (name !== 'page') next.delete('page')
    setParams(next, { replace: true })
  }

  const header = <PageHeader title="Activity" description={workspace ? `Who did what in ${workspace.name}. Times in ${timeZone}.` : undefined} />
  if (!workspace) {
    const listError = asApiError(list.error)
    if (!listError) return <LoadingBlock label="Loading the activity log" />
    return (
      <div className="space-y-6">
        {header}
        <Alert tone="error">{listError.message}</Alert>
      </div>
    )
  }
  if (!permissions.canManageTeam) {
    return (
      <div className="space-y-6">
        {header}
        <Alert tone="info" title="For admins and the owner">
          The activity log of {workspace.name} is open to its admins and owner.
        </Alert>
      </div>
    )
  }

  const error = asApiError(activity.error)
  const data = activity.data
  const total = data?.total ?? 0

  return (
    <div className="space-y-6">
      {header}
      <Card>
        <form className="mb-5 grid gap-4 sm:grid-cols-2" aria-label="Filter the activity" onSubmit={(e) => e.preventDefault()}>
          <SelectField label="Action" value={action} onChange={(e) => setFilter('action', e.target.value)}>
            <option value="">All actions</option>
            {Object.entries(GROUPS).map(([group, label]) => (
              <optgroup key={group} label={label}>
                <option value={group}>All {label.toLowerCase()}</option>
                {Object.entries(ACTIONS)
                  .filter(([value]) => value.startsWith(`${group}.`))
                  .map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </SelectField>
          <SelectField label="Member" value={actor} onChange={(e) => setFilter('actor', e.target.value)}>
            <option value="">Everyone</option>
            {(members.data ?? []).map((m) => (
              <option key={m.user_id} value={m.user_id}>
                {m.full_name ? `${m.full_name} (${m.email})` : m.email}
              </option>
            ))}
          </SelectField>
        </form>
        {activity.isLoading ? (
          <LoadingBlock label="Loading the activity log" />
        ) : error ? (
          <Alert
            tone="error"
            action={
              <Button variant="secondary" onClick={() => void activity.refetch()}>
                Try again
              </Button>
            }
          >
            {error.message}
          </Alert>
        ) : !data?.items.length ? (
          <EmptyState title={action || actor ? 'Nothing matches these filters' : 'Nothing recorded yet'}>
            {action || actor ? 'Try another action or member.' : 'Accounts connected, posts written and members invited show up here.'}
          </EmptyState>
        ) : (
          <div aria-busy={activity.isFetching || undefined}>
            <ul className="-my-3 divide-y divide-slate-100 dark:divide-slate-800" aria-label="Activity">
              {data.items.map((entry) => (
                <li key={entry.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:gap-4" data-testid="activity-entry">
                  <time dateTime={entry.created_at} className="w-40 shrink-0 text-xs text-slate-500 dark:text-slate-400 tabular-nums sm:pt-0.5">
                    {formatDateTime(entry.created_at, timeZone, { dateStyle: 'medium', timeStyle: 'short' })}
                  </time>
                  <div className="min-w-0 flex-1 text-sm">
                    <p className="text-slate-900 dark:text-slate-100">{entry.summary}</p>
                    <p className="text-xs text-slate-500 dark:text-slate-400">by {entry.actor ? entry.actor.full_name || entry.actor.email : 'Socialflow (automatic)'}</p>
                  </div>
                  <Badge tone={TONE[entry.action.split('.')[0]] ?? 'slate'} className="w-fit">
                    {actionLabel(entry.action)}
                  </Badge>
                </li>
              ))}
            </ul>
            {total > PAGE_SIZE && (
              <nav aria-label="Activity pages" className="mt-4 flex items-center justify-between text-sm text-slate-600 dark:text-slate-400">
                <span>
                  {page * PAGE_SIZE + 1}–{Math.min((page + 1) * PAGE_SIZE, total)} of {total}
                </span>
                <div className="flex gap-2">
                  <Button variant="secondary" disabled={page === 0} onClick={() => setFilter('page', String(page - 1))}>
                    Previous
                  </Button>
                  <Button variant="secondary" disabled={(page + 1) * PAGE_SIZE >= total} onClick={() => setFilter('page', String(page + 1))}>
                    Next
                  </Button>
                </div>
              </nav>
            )}
          </div>
        )}
      </Card>
    </div>
  )
}
