import { Link } from 'react-router-dom'
import { Avatar } from '../../components/Avatar'
import { AccountHealthBadge } from '../platforms/AccountHealth'
import { PlatformChip } from '../platforms/PlatformChip'
import { handle, platformName, sortByPlatform } from '../platforms/platformMeta'
import type { SocialAccount } from '../platforms/types'

export interface AccountPickerProps {
  accounts: SocialAccount[]
  selected: string[]
  onChange: (ids: string[]) => void
  error?: string | null
  disabled?: boolean
}

/** Checkboxes for the connected accounts, grouped by platform; a chip shows a focus ring while its (visually hidden) checkbox has keyboard focus. */
export function AccountPicker({ accounts, selected, onChange, error, disabled }: AccountPickerProps) {
  if (!accounts.length) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No connected accounts yet.{' '}
        <Link to="/platforms" className="font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
          Connect a platform
        </Link>{' '}
        to publish.
      </p>
    )
  }
  const groups = new Map<string, SocialAccount[]>()
  for (const account of sortByPlatform(accounts, (a) => a.platform)) {
    groups.set(account.platform, [...(groups.get(account.platform) ?? []), account])
  }
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((s) => s !== id))

  return (
    <fieldset aria-describedby={error ? 'account-picker-error' : undefined} disabled={disabled}>
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Publish to</legend>
      <div className="mt-2 space-y-3">
        {[...groups].map(([platform, items]) => (
          <div key={platform} role="group" aria-label={platformName(platform)}>
            <p className="mb-1 flex items-center gap-1.5 text-xs font-medium tracking-wide text-slate-500 dark:text-slate-400 uppercase">
              <PlatformChip platform={platform} size="sm" /> {platformName(platform)}
            </p>
            <ul className="flex flex-wrap gap-2">
              {items.map((account) => {
                const usable = account.status === 'active'
                const checked = selected.includes(account.id)
                const name = account.display_name || account.username || platformName(platform)
                return (
                  <li key={account.id}>
                    <label
                      className={`flex cursor-pointer items-center gap-2 rounded-full py-1 pr-3 pl-1 text-sm ring-1 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600 dark:has-focus-visible:outline-indigo-400 ${checked ? 'bg-indigo-50 dark:bg-indigo-950 ring-indigo-400' : 'bg-white dark:bg-slate-900 ring-slate-300 dark:ring-slate-600'} ${usable ? '' : 'cursor-not-allowed opacity-60'}`}
                    >
                      <input
                        type="checkbox"
                        className="sr-only"
                        checked={checked}
                        disabled={!usable && !checked}
                        onChange={(e) => toggle(account.id, e.target.checked)}
                        aria-label={`${platformName(platform)}: ${name}${account.username ? ` (@${account.username})` : ''}`}
                      />
                      <Avatar url={account.avatar_url} name={account.username ?? name} className="size-6" />
                      <span className="max-w-[12rem] truncate">{handle(account.username) ?? name}</span>
                      {checked && (
                        <span aria-hidden="true" className="text-indigo-600 dark:text-indigo-300">
                          ✓
                        </span>
                      )}
                      {!usable && <AccountHealthBadge status={account.status} />}
                    </label>
                  </li>
                )
              })}
            </ul>
          </div>
        ))}
      </div>
      {error && (
        <p id="account-picker-error" className="mt-1.5 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  )
}
