import { Badge, type BadgeTone } from '../../components/Badge'

const HEALTH: Record<string, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'green' },
  needs_reauth: { label: 'Needs reconnecting', tone: 'amber' },
  revoked: { label: 'Access revoked', tone: 'red' },
  paused: { label: 'Paused', tone: 'slate' },
}

export function healthOf(status: string) {
  return HEALTH[status] ?? { label: status.replace(/_/g, ' '), tone: 'slate' as BadgeTone }
}

export function AccountHealthBadge({ status }: { status: string }) {
  const health = healthOf(status)
  return <Badge tone={health.tone}>{health.label}</Badge>
}
