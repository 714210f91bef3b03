import { useState } from 'react'
import { cx } from './cx'

/** "Jo Journey" -> "JJ", "@sandbox_channel" -> "SA", "" -> "?". */
export function initialsOf(name: string): string {
  const words = name.replace(/^@/, '').trim().split(/\s+/).filter(Boolean)
  if (words.length > 1) return (words[0][0] + words[words.length - 1][0]).toUpperCase()
  return (words[0] ?? '').slice(0, 2).toUpperCase() || '?'
}

const TONES = {
  light: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-300',
  dark: 'bg-slate-700 text-white',
}

/**
 * A round picture of an account, or its initials when there is no picture or it fails to load
 * (a platform's expired CDN link, a blocked host). Decorative: the name is always written beside it.
 */
export function Avatar({ url, name, className = 'size-10', tone = 'light' }: { url: string | null | undefined; name: string; className?: string; tone?: keyof typeof TONES }) {
  const [failed, setFailed] = useState<string | null>(null)
  if (url && failed !== url) {
    return <img src={url} alt="" className={cx('shrink-0 rounded-full bg-slate-100 object-cover dark:bg-slate-800', className)} loading="lazy" onError={() => setFailed(url)} data-testid="avatar" />
  }
  return (
    <span className={cx('flex shrink-0 items-center justify-center rounded-full text-xs font-semibold', TONES[tone], className)} aria-hidden="true" data-testid="avatar">
      {initialsOf(name)}
    </span>
  )
}
