import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import { Logo } from './Logo'

/** Centered card for the signed-out pages (login, signup, password reset, e-mail verification). */
export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-full flex-col items-center justify-center px-4 py-10 sm:px-6">
      <div className="w-full max-w-sm">
        <Link to="/" className="mx-auto flex w-fit rounded-md" aria-label="Socialflow home">
          <Logo />
        </Link>
        <main className="mt-8">
          <h1 className="text-center text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-100">{title}</h1>
          {subtitle && <p className="mt-2 text-center text-sm text-slate-600 dark:text-slate-400">{subtitle}</p>}
          <div className="mt-8 rounded-xl bg-white dark:bg-slate-900 px-5 py-6 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700 sm:px-8">{children}</div>
          {footer && <div className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">{footer}</div>}
        </main>
      </div>
    </div>
  )
}
