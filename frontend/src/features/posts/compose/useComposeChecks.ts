import { useMemo } from 'react'
import { skipToken } from '@reduxjs/toolkit/query'
import { useDebouncedValue } from '../../../app/useDebouncedValue'
import { useCheckTextsQuery, type CheckRequest } from '../postsApi'
import type { PlatformCheck, Problem } from '../types'
import { canonical, type Options } from './platformOptions'

/** Live checks as each platform counts: one for the shared text, one per platform with its own text. */
export function useComposeChecks({
  platforms,
  textFor,
  content,
  title,
  mediaIds,
  optionsOf,
  extraProblems,
}: {
  platforms: string[]
  textFor: (platform: string) => string
  content: string
  title: string | null
  mediaIds: string[]
  /** each platform's settings (thread parts, first comment, post type): checked with the text */
  optionsOf: (platform: string) => Options | undefined
  extraProblems: Problem[]
}) {
  const texts = platforms.map((p) => textFor(p))
  const settings = platforms.map((p) => canonical(optionsOf(p)))
  const key = JSON.stringify([platforms, texts, content, title, mediaIds, settings])
  const groups = useMemo<CheckRequest[]>(() => {
    const [ps, ts, , , , os] = JSON.parse(key) as [string[], string[], string, string | null, string[], Options[]]
    if (!ps.length) return []
    const optionsOfGroup = (group: string[]) => {
      const chosen = group.flatMap((p) => (Object.keys(os[ps.indexOf(p)]).length ? [[p, os[ps.indexOf(p)]]] : []))
      return chosen.length ? { platform_options: Object.fromEntries(chosen) as Record<string, Options> } : {}
    }
    const shared = ps.filter((_p, i) => ts[i] === content)
    const own = ps.flatMap((p, i) => (ts[i] !== content ? [{ platform: p, text: ts[i] }] : []))
    const base = { title, media_ids: mediaIds }
    return [
      ...(shared.length ? [{ ...base, content, platforms: shared, ...optionsOfGroup(shared) }] : []),
      ...own.map((o) => ({ ...base, content: o.text, platforms: [o.platform], ...optionsOfGroup([o.platform]) })),
    ]
    // The key holds every input; the arrays themselves are new on each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  const debounced = useDebouncedValue(groups, 250)
  const checks = useCheckTextsQuery(debounced.length ? debounced : skipToken)
  const data: PlatformCheck[] = groups.length ? (checks.data ?? []) : []
  const checkFor = (platform: string) => data.find((c) => c.platform === platform)
  const problemsFor = (platform: string): Problem[] => {
    const live = checkFor(platform)?.problems ?? []
    const fromAction = extraProblems.filter((p) => p.platform === platform && !live.some((l) => l.code === p.code))
    return [...live, ...fromAction]
  }
  return { data, checkFor, problemsFor, allProblems: platforms.flatMap(problemsFor), isError: checks.isError, error: checks.error }
}
