import { Badge, type BadgeTone } from '../../components/Badge'

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft', tone: 'slate' },
  pending_approval: { label: 'Pending approval', tone: 'amber' },
  scheduled: { label: 'Scheduled', tone: 'indigo' },
  pending: { label: 'Scheduled', tone: 'indigo' },
  queued: { label: 'Publishing', tone: 'sky' },
  publishing: { label: 'Publishing', tone: 'sky' },
  processing: { label: 'Processing', tone: 'sky' },
  retry_wait: { label: 'Retrying soon', tone: 'amber' },
  published: { label: 'Published', tone: 'green' },
  partially_published: { label: 'Partly published', tone: 'amber' },
  failed: { label: 'Failed', tone: 'red' },
  unknown: { label: 'Outcome unknown', tone: 'amber' },
  cancelled: { label: 'Cancelled', tone: 'slate' },
}

export function statusLabel(status: string): string {
  return STATUS[status]?.label ?? status.replace(/_/g, ' ')
}

export function PostStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={STATUS[status]?.tone ?? 'slate'}>
      <span data-status={status}>{statusLabel(status)}</span>
    </Badge>
  )
}
