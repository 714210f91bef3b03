import { useId } from 'react'
import { handle, platformName, sortByPlatform } from '../platforms/platformMeta'
import type { SocialAccount } from '../platforms/types'

export function accountLabel(account: Pick<SocialAccount, 'platform' | 'username' | 'display_name'>): string {
  return `${platformName(account.platform)} ${handle(account.username) ?? account.display_name ?? ''}`.trim()
}

/** "All accounts", or the names of the accounts an editor may post to. */
export function describeAccess(accountIds: string[] | null, accounts: SocialAccount[] | undefined): string {
  if (accountIds === null) return 'All accounts'
  if (!accountIds.length) return 'No accounts'
  const byId = new Map((accounts ?? []).map((a) => [a.id, a]))
  return accountIds.map((id) => (byId.get(id) ? accountLabel(byId.get(id)!) : 'a disconnected account')).join(', ')
}

/**
 * Which connected accounts an editor may post to: all of them (null; new ones included), or
 * only the ones ticked.
 */
export function AccountAccessField({
  accounts,
  value,
  onChange,
  error,
  legend = 'Accounts this editor may post to',
}: {
  accounts: SocialAccount[]
  value: string[] | null
  onChange: (value: string[] | null) => void
  error?: string | null
  legend?: string
}) {
  const id = useId()
  const some = value !== null
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{legend}</legend>
      <div className="mt-2 space-y-2 text-sm text-slate-700 dark:text-slate-300">
        <label className="flex items-center gap-2">
          <input type="radio" name={`${id}-scope`} className="size-4 text-indigo-600 dark:text-indigo-300" checked={!some} onChange={() => onChange(null)} />
          All connected accounts, including ones connected later
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name={`${id}-scope`} className="size-4 text-indigo-600 dark:text-indigo-300" checked={some} onChange={() => onChange(value ?? [])} />
          Only these accounts
        </label>
        {some && (
          <div className="ml-6 space-y-1.5">
            {accounts.length === 0 && <p className="text-slate-500 dark:text-slate-400">No accounts are connected yet.</p>}
            {sortByPlatform(accounts, (a) => a.platform).map((account) => (
              <label key={account.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 dark:border-slate-600 text-indigo-600 dark:text-indigo-300"
                  checked={value.includes(account.id)}
                  onChange={(e) => onChange(e.target.checked ? [...value, account.id] : value.filter((v) => v !== account.id))}
                />
                {accountLabel(account)}
              </label>
            ))}
          </div>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  )
}
