import { describe, expect, it } from 'vitest'
import indexHtml from '../../index.html?raw'
import { readFileSync } from 'node:fs'
import { addDarkVariants, darkVariantFor, missingDarkVariants } from '../test/darkVariants'

// Every source file of the dashboard (tests aside), as written.
const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../test/**', '!../api/schema.d.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>

describe('dark mode follows the OS (21.15)', () => {
  it('every light color class in the dashboard has its dark counterpart', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(40)
    const missing = Object.entries(sources).flatMap(([file, source]) => missingDarkVariants(source).map((p) => `${file.replace('../', 'src/')}: ${p.light} needs ${p.dark}`))
    expect(missing).toEqual([])
  })

  it('the page itself turns dark, and native controls follow the scheme', () => {
    expect(missingDarkVariants(indexHtml)).toEqual([])
    expect(indexHtml).toMatch(/<html[^>]*dark:bg-slate-950/)
    expect(readFileSync('src/index.css', 'utf8')).toMatch(/color-scheme:\s*light dark/)
  })

  it('pairs light surfaces with dark ones and keeps colored text readable', () => {
    expect(darkVariantFor('bg-white')?.dark).toBe('dark:bg-slate-900')
    expect(darkVariantFor('hover:bg-slate-100')?.dark).toBe('dark:hover:bg-slate-800')
    expect(darkVariantFor('text-indigo-600')?.dark).toBe('dark:text-indigo-300')
    expect(darkVariantFor('bg-red-50/60')?.dark).toBe('dark:bg-red-950/60')
    // Solid fills under white text read the same in both schemes.
    expect(darkVariantFor('bg-indigo-600')).toBeNull()
    expect(darkVariantFor('text-white')).toBeNull()
    expect(darkVariantFor('dark:bg-slate-900')).toBeNull()
  })

  it('the codemod adds what is missing, once, inside each class list', () => {
    const before = "const a = cx('rounded bg-white text-slate-600', on ? 'ring-slate-200' : 'ring-indigo-600 dark:ring-indigo-400')"
    const after = addDarkVariants(before)
    expect(after).toBe("const a = cx('rounded bg-white dark:bg-slate-900 text-slate-600 dark:text-slate-400', on ? 'ring-slate-200 dark:ring-slate-700' : 'ring-indigo-600 dark:ring-indigo-400')")
    expect(addDarkVariants(after)).toBe(after)
    expect(missingDarkVariants(after)).toEqual([])
  })
})
