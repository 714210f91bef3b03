import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Menu, MenuButton, MenuItem, MenuItems, MenuSection, MenuHeading, MenuSeparator } from '@headlessui/react'
import { Badge } from '../../components/Badge'
import { cx } from '../../components/cx'
import { CreateWorkspaceDialog } from './CreateWorkspaceDialog'
import { ROLE_LABEL, useCurrentWorkspace } from './permissions'
import { useSwitchWorkspace } from './useSwitchWorkspace'
import { useListWorkspacesQuery } from './workspacesApi'

const itemClass = 'flex w-full items-center gap-3 px-4 py-2 text-left text-sm text-slate-700 dark:text-slate-300 data-[focus]:bg-slate-100 dark:data-[focus]:bg-slate-800'

function Initial({ name, className }: { name: string; className?: string }) {
  return (
    <span className={cx('flex size-7 shrink-0 items-center justify-center rounded-md bg-slate-700 text-xs font-semibold text-white uppercase', className)} aria-hidden="true">
      {name.trim().charAt(0) || '?'}
    </span>
  )
}

/**
 * The top bar's workspace menu: which workspace (and role) the dashboard acts in, the others to
 * switch to, and "Create workspace".
 */
export function WorkspaceSwitcher() {
  const { id, workspace, permissions } = useCurrentWorkspace()
  const list = useListWorkspacesQuery()
  const switchTo = useSwitchWorkspace()
  const [creating, setCreating] = useState(false)
  const name = workspace?.name ?? (list.isError ? 'Personal workspace' : '…')
  const role = permissions.role

  return (
    <>
      <Menu as="div" className="relative min-w-0">
        <MenuButton
          className="flex min-w-0 items-center gap-2 rounded-md py-1 pr-1.5 pl-1 text-sm text-slate-800 dark:text-slate-200 hover:bg-slate-100 dark:hover:bg-slate-800 data-[open]:bg-slate-100 dark:data-[open]:bg-slate-800"
          data-testid="workspace-switcher"
        >
          <Initial name={workspace?.name ?? 'P'} />
          {/* The name is the visible text with a few words around it (no aria-label: a label that
              differs from what is shown fails WCAG 2.5.3, "label in name"). */}
          <span className="min-w-0 text-left">
            <span className="sr-only">Workspace:</span>{' '}
            <span className="block max-w-[7rem] truncate font-medium sm:max-w-[14rem]" data-testid="current-workspace">
              {name}
            </span>
            {role && (
              <>
                <span className="sr-only">,</span>{' '}
                <span className="sr-only text-xs text-slate-500 dark:text-slate-400 sm:not-sr-only sm:block" data-testid="current-role">
                  {ROLE_LABEL[role]}
                  {permissions.readOnly && ' · read-only'}
                </span>
              </>
            )}
            <span className="sr-only">. Switch workspace</span>
          </span>
          <svg className="size-4 shrink-0 text-slate-400 dark:text-slate-500" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
            <path
              fillRule="evenodd"
              d="M10 3a.75.75 0 0 1 .55.24l3.25 3.5a.75.75 0 1 1-1.1 1.02L10 4.85 7.3 7.76a.75.75 0 0 1-1.1-1.02l3.25-3.5A.75.75 0 0 1 10 3Zm-3.76 9.2a.75.75 0 0 1 1.06.04L10 15.15l2.7-2.91a.75.75 0 1 1 1.1 1.02l-3.25 3.5a.75.75 0 0 1-1.1 0l-3.25-3.5a.75.75 0 0 1 .04-1.06Z"
              clipRule="evenodd"
            />
          </svg>
        </MenuButton>
        <MenuItems
          anchor={{ to: 'bottom start', gap: 6 }}
          className="z-40 w-72 max-w-[calc(100vw-1rem)] rounded-lg bg-white dark:bg-slate-900 py-1 shadow-lg ring-1 ring-slate-200 dark:ring-slate-700 focus:outline-none"
        >
          <MenuSection>
            <MenuHeading className="px-4 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 dark:text-slate-400 uppercase">Workspaces</MenuHeading>
            {list.isError && !list.data && (
              <MenuItem>
                <button type="button" className={itemClass} onClick={() => void list.refetch()}>
                  Couldn't load your workspaces. Try again
                </button>
              </MenuItem>
            )}
            {list.data?.map((w) => {
              const current = w.id === id
              return (
                <MenuItem key={w.id}>
                  <button type="button" className={itemClass} onClick={() => (current ? undefined : switchTo(w))} aria-current={current || undefined} data-testid="workspace-option">
                    <Initial name={w.name} className={current ? 'bg-indigo-600' : undefined} />
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-medium text-slate-900 dark:text-slate-100">{w.name}</span>
                      <span className="block text-xs text-slate-500 dark:text-slate-400">
                        {ROLE_LABEL[w.role]}
                        {w.personal && ' · personal'}
                        {w.read_only && ' · read-only'}
                      </span>
                    </span>
                    {current && <Badge tone="indigo">Current</Badge>}
                  </button>
                </MenuItem>
              )
            })}
          </MenuSection>
          <MenuSeparator className="my-1 h-px bg-slate-100 dark:bg-slate-800" />
          <MenuItem>
            <Link to="/team" className={itemClass}>
              Team and workspace settings
            </Link>
          </MenuItem>
          <MenuItem>
            <button type="button" className={itemClass} onClick={() => setCreating(true)}>
              <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-md text-lg text-slate-500 dark:text-slate-400 ring-1 ring-slate-300 dark:ring-slate-600 ring-inset">
                +
              </span>
              Create workspace
            </button>
          </MenuItem>
        </MenuItems>
      </Menu>
      <CreateWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
    </>
  )
}
