import type { ReactNode } from 'react'
import { cx } from './cx'

type Tone = 'info' | 'success' | 'warning' | 'error'

const TONES: Record<Tone, { box: string; icon: string; path: string }> = {
  info: {
    box: 'bg-sky-50 dark:bg-sky-950 text-sky-900 dark:text-sky-100 ring-sky-200 dark:ring-sky-900',
    icon: 'text-sky-500 dark:text-sky-400',
    path: 'M12 16v-4m0-4h.01M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0Z',
  },
  success: {
    box: 'bg-emerald-50 dark:bg-emerald-950 text-emerald-900 dark:text-emerald-100 ring-emerald-200 dark:ring-emerald-900',
    icon: 'text-emerald-500 dark:text-emerald-400',
    path: 'm9 12 2 2 4-4m6 2a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z',
  },
  warning: {
    box: 'bg-amber-50 dark:bg-amber-950 text-amber-900 dark:text-amber-100 ring-amber-200 dark:ring-amber-900',
    icon: 'text-amber-500 dark:text-amber-400',
    path: 'M12 9v4m0 4h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z',
  },
  error: {
    box: 'bg-red-50 dark:bg-red-950 text-red-900 dark:text-red-100 ring-red-200 dark:ring-red-900',
    icon: 'text-red-500 dark:text-red-400',
    path: 'M12 8v4m0 4h.01M22 12a10 10 0 1 1-20 0 10 10 0 0 1 20 0Z',
  },
}

export interface AlertProps {
  tone?: Tone
  title?: string
  children?: ReactNode
  action?: ReactNode
  className?: string
}

export function Alert({ tone = 'info', title, children, action, className }: AlertProps) {
  const style = TONES[tone]
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={cx('flex flex-col gap-3 rounded-lg p-4 text-sm ring-1 ring-inset sm:flex-row sm:items-start', style.box, className)}>
      <div className="flex min-w-0 flex-1 gap-3">
        <svg className={cx('mt-0.5 size-5 shrink-0', style.icon)} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d={style.path} />
        </svg>
        <div className="min-w-0">
          {title && <p className="font-semibold">{title}</p>}
          {children && <div className={cx(title && 'mt-1')}>{children}</div>}
        </div>
      </div>
      {action && <div className="shrink-0 pl-8 sm:pl-0">{action}</div>}
    </div>
  )
}
