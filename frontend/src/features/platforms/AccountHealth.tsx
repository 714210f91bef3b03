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

export function Avatar({ url, name, className = 'size-10' }: { url: string | null; name: string; className?: string }) {
  const initials = name.replace(/^@/, '').slice(0, 2).toUpperCase() || '?'
  if (url) return <img src={url} alt="" className={`${className} shrink-0 rounded-full bg-slate-100 object-cover`} loading="lazy" />
  return (
    <span className={`${className} flex shrink-0 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700`} aria-hidden="true">
      {initials}
    </span>
  )
}
