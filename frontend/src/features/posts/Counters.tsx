import { cx } from '../../components/cx'
import { platformName } from '../platforms/platformMeta'
import type { PlatformCheck, Problem } from './types'

/** "count / limit" as the platform counts it; red once over. */
export function CharacterCounter({ check, className }: { check: PlatformCheck | undefined; className?: string }) {
  if (!check) return <span className={cx('text-xs text-slate-400 dark:text-slate-500', className)}>– / –</span>
  const over = check.count > check.limit
  return (
    <span
      className={cx('text-xs tabular-nums', over ? 'font-semibold text-red-600 dark:text-red-400' : 'text-slate-500 dark:text-slate-400', className)}
      aria-label={`${check.count} of ${check.limit} characters${over ? ', over the limit' : ''}`}
      data-over={over || undefined}
    >
      {check.count} / {check.limit}
    </span>
  )
}

/** Problems the backend found, each naming its platform and what to change. */
/** A problem as any endpoint reports it (the optimizer's carry no platform: it is the variant's). */
type ShownProblem = Pick<Problem, 'code' | 'message'> & Partial<Pick<Problem, 'platform' | 'platform_post_id' | 'field'>>

export function ProblemList({ problems, showPlatform = true }: { problems: ShownProblem[]; showPlatform?: boolean }) {
  if (!problems.length) return null
  return (
    <ul className="space-y-1" aria-label="Problems to fix">
      {problems.map((p, i) => (
        <li key={`${p.platform}-${p.code}-${p.platform_post_id ?? ''}-${i}`} className="flex gap-2 text-sm text-red-700 dark:text-red-300">
          <span aria-hidden="true">•</span>
          <span>
            {showPlatform && p.platform && <strong className="font-semibold">{platformName(p.platform)}: </strong>}
            {p.message}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** One row of every target platform's counter, under the main editor. */
export function CounterSummary({ platforms, checks }: { platforms: string[]; checks: PlatformCheck[] }) {
  if (!platforms.length) return null
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1" aria-label="Character counts">
      {platforms.map((platform) => {
        const check = checks.find((c) => c.platform === platform)
        return (
          <li key={platform} className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
            {platformName(platform)} <CharacterCounter check={check} />
          </li>
        )
      })}
    </ul>
  )
}
