import type { ReactNode } from 'react'
import { cx } from './cx'

export type BadgeTone = 'green' | 'amber' | 'red' | 'slate' | 'sky' | 'indigo'

const TONES: Record<BadgeTone, string> = {
  green: 'bg-emerald-50 dark:bg-emerald-950 text-emerald-700 dark:text-emerald-300 ring-emerald-200 dark:ring-emerald-900',
  amber: 'bg-amber-50 dark:bg-amber-950 text-amber-800 dark:text-amber-200 ring-amber-200 dark:ring-amber-900',
  red: 'bg-red-50 dark:bg-red-950 text-red-700 dark:text-red-300 ring-red-200 dark:ring-red-900',
  slate: 'bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300 ring-slate-200 dark:ring-slate-700',
  sky: 'bg-sky-50 dark:bg-sky-950 text-sky-700 dark:text-sky-300 ring-sky-200 dark:ring-sky-900',
  indigo: 'bg-indigo-50 dark:bg-indigo-950 text-indigo-700 dark:text-indigo-300 ring-indigo-200 dark:ring-indigo-900',
}

export function Badge({ tone = 'slate', children, className }: { tone?: BadgeTone; children: ReactNode; className?: string }) {
  return <span className={cx('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset', TONES[tone], className)}>{children}</span>
}
