import { Alert } from '../../components/Alert'
import { useCurrentWorkspace } from '../workspaces/permissions'
import type { Workspace } from '../workspaces/types'

/**
 * What saving an edit will do to a post under approval (issue 15), said before saving: a post
 * waiting for approval is shown to approvers as edited; a post approved (or scheduled) and not
 * out yet goes back for approval when edited by someone whose posts need approval.
 */
export function approvalWarning(post: { status: string }, workspace: Pick<Workspace, 'role' | 'approval_required' | 'approval_for_admins'> | null): string | null {
  if (!workspace?.approval_required) return null
  const needsApproval = workspace.role === 'editor' || (workspace.role === 'admin' && workspace.approval_for_admins)
  if (post.status === 'pending_approval') return 'This post is waiting for approval. Approvers will see your edits; an approval of the earlier text no longer applies.'
  if (post.status === 'scheduled' && needsApproval) return 'Saving changes sends this post back for approval: it will not go out until an approver approves it again.'
  return null
}

export function ApprovalNotice({ post }: { post: { status: string } }) {
  const { workspace } = useCurrentWorkspace()
  const warning = approvalWarning(post, workspace)
  return warning ? <Alert tone="warning">{warning}</Alert> : null
}
