import { cx } from './cx'

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cx('inline-flex items-center gap-2 font-semibold tracking-tight text-slate-900 dark:text-slate-100', className)}>
      <svg className="size-7" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#4f46e5" />
        <path d="M9 20c3-8 11-8 14 0" stroke="#fff" strokeWidth="3" fill="none" strokeLinecap="round" />
        <circle cx="16" cy="12" r="2.5" fill="#fff" />
      </svg>
      <span className="text-lg">Socialflow</span>
    </span>
  )
}
