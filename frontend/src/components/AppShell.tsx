import { useState, type ReactNode } from 'react'
import { NavLink, Link } from 'react-router-dom'
import { Dialog, DialogBackdrop, DialogPanel, Menu, MenuButton, MenuItem, MenuItems } from '@headlessui/react'
import { initialsOf } from './Avatar'
import { Logo } from './Logo'
import { cx } from './cx'

export interface NavItem {
  to: string
  label: string
  /** SVG path data (24x24, stroked). */
  icon: string
  end?: boolean
}

export interface AppShellProps {
  navItems: NavItem[]
  userName: string
  userEmail: string
  onLogout: () => void
  loggingOut?: boolean
  /** Extra controls in the top bar, left of the user menu (the notifications bell). */
  topBarActions?: ReactNode
  /** Right of the logo: the workspace switcher (the logo keeps only its mark on narrow screens). */
  workspaceSwitcher?: ReactNode
  children: ReactNode
}

function NavList({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  return (
    <ul className="space-y-1">
      {items.map((item) => (
        <li key={item.to}>
          <NavLink
            to={item.to}
            end={item.end}
            onClick={onNavigate}
            className={({ isActive }) =>
              cx(
                'flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors',
                isActive
                  ? 'bg-indigo-50 dark:bg-indigo-950 text-indigo-700 dark:text-indigo-300'
                  : 'text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800 hover:text-slate-900 dark:hover:text-slate-100',
              )
            }
          >
            <svg className="size-5 shrink-0" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <path d={item.icon} />
            </svg>
            {item.label}
          </NavLink>
        </li>
      ))}
    </ul>
  )
}

/** Signed-in frame: top bar with the user menu, left navigation (a drawer on narrow screens). */
export function AppShell({ navItems, userName, userEmail, onLogout, loggingOut, topBarActions, workspaceSwitcher, children }: AppShellProps) {
  const [navOpen, setNavOpen] = useState(false)

  return (
    <div className="min-h-full">
      <a href="#main" className="sr-only z-50 rounded-md bg-white dark:bg-slate-900 px-3 py-2 text-sm font-semibold focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        Skip to content
      </a>

      <header className="sticky top-0 z-30 border-b border-slate-200 dark:border-slate-700 bg-white/95 dark:bg-slate-900/95 backdrop-blur">
        <div className="flex h-14 min-w-0 items-center gap-3 px-4 sm:px-6">
          <button
            type="button"
            className="-ml-1.5 rounded-md p-1.5 text-slate-600 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800 md:hidden"
            onClick={() => setNavOpen(true)}
            aria-label="Open navigation"
          >
            <svg className="size-6" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" aria-hidden="true">
              <path d="M4 6h16M4 12h16M4 18h16" />
            </svg>
          </button>
          <Link to="/" className="shrink-0 rounded-md" aria-label="Socialflow dashboard">
            <Logo className={workspaceSwitcher ? '[&>span]:hidden sm:[&>span]:inline' : undefined} />
          </Link>
          {workspaceSwitcher && (
            <>
              <span className="hidden h-6 w-px bg-slate-200 dark:bg-slate-700 sm:block" aria-hidden="true" />
              {workspaceSwitcher}
            </>
          )}

          <div className="ml-auto flex min-w-0 items-center gap-1">
            {topBarActions}
            <Menu as="div" className="relative min-w-0">
              <MenuButton className="flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800 data-[open]:bg-slate-100 dark:data-[open]:bg-slate-800">
                <span className="flex size-8 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white" aria-hidden="true">
                  {initialsOf(userName)}
                </span>
                <span className="hidden max-w-[16rem] truncate font-medium sm:block" data-testid="user-name">
                  {userName}
                </span>
                <svg className="size-4 text-slate-400 dark:text-slate-500" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
                  <path
                    fillRule="evenodd"
                    d="M5.2 7.2a.75.75 0 0 1 1.06.02L10 11.17l3.74-3.95a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z"
                    clipRule="evenodd"
                  />
                </svg>
                <span className="sr-only">Open user menu</span>
              </MenuButton>
              <MenuItems anchor={{ to: 'bottom end', gap: 6 }} className="z-40 w-60 rounded-lg bg-white dark:bg-slate-900 py-1 shadow-lg ring-1 ring-slate-200 dark:ring-slate-700 focus:outline-none">
                <div className="border-b border-slate-100 dark:border-slate-800 px-4 py-3">
                  <p className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">{userName}</p>
                  <p className="truncate text-sm text-slate-500 dark:text-slate-400">{userEmail}</p>
                </div>
                <MenuItem>
                  <Link to="/settings" className="block px-4 py-2 text-sm text-slate-700 dark:text-slate-300 data-[focus]:bg-slate-100 dark:data-[focus]:bg-slate-800">
                    Settings
                  </Link>
                </MenuItem>
                <MenuItem disabled={loggingOut}>
                  <button
                    type="button"
                    onClick={onLogout}
                    className="block w-full px-4 py-2 text-left text-sm text-slate-700 dark:text-slate-300 data-[focus]:bg-slate-100 dark:data-[focus]:bg-slate-800 data-[disabled]:text-slate-400 dark:data-[disabled]:text-slate-500"
                  >
                    {loggingOut ? 'Logging out\u2026' : 'Log out'}
                  </button>
                </MenuItem>
              </MenuItems>
            </Menu>
          </div>
        </div>
      </header>

      <Dialog open={navOpen} onClose={setNavOpen} className="relative z-40 md:hidden">
        <DialogBackdrop transition className="fixed inset-0 bg-slate-900/40 transition-opacity duration-200 data-[closed]:opacity-0" />
        <div className="fixed inset-0 flex">
          <DialogPanel
            transition
            aria-label="Navigation"
            className="relative flex w-72 max-w-[85%] flex-col bg-white dark:bg-slate-900 px-4 py-4 shadow-xl transition duration-200 data-[closed]:-translate-x-full"
          >
            <div className="mb-6 flex items-center justify-between">
              <Logo />
              <button
                type="button"
                onClick={() => setNavOpen(false)}
                className="rounded-md p-1.5 text-slate-500 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800"
                aria-label="Close navigation"
              >
                <svg className="size-6" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" aria-hidden="true">
                  <path d="M6 6l12 12M18 6 6 18" />
                </svg>
              </button>
            </div>
            <nav aria-label="Main">
              <NavList items={navItems} onNavigate={() => setNavOpen(false)} />
            </nav>
          </DialogPanel>
        </div>
      </Dialog>

      <div className="mx-auto flex max-w-7xl">
        <nav aria-label="Main" className="sticky top-14 hidden h-[calc(100vh-3.5rem)] w-60 shrink-0 border-r border-slate-200 dark:border-slate-700 px-3 py-6 md:block">
          <NavList items={navItems} />
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-10 lg:py-8">
          {children}
        </main>
      </div>
    </div>
  )
}
