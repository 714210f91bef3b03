import type { ReactNode } from 'react'
import { cx } from './cx'

export function Card({ title, description, actions, children, className }: { title?: string; description?: string; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={cx('rounded-xl bg-white dark:bg-slate-900 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700', className)}>
      {(title || description) && (
        <header className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 dark:border-slate-800 px-5 py-4 sm:px-6">
          <div className="min-w-0">
            {title && <h2 className="text-base font-semibold text-slate-900 dark:text-slate-100">{title}</h2>}
            {description && <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{description}</p>}
          </div>
          {actions}
        </header>
      )}
      <div className="px-5 py-5 sm:px-6">{children}</div>
    </section>
  )
}
