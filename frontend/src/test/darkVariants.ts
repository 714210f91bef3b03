/**
 * Dark mode (the OS's prefers-color-scheme, Tailwind's default `dark:` variant): which light
 * color classes need a dark counterpart, and which one. `darkMode.test.ts` holds every class
 * list in src/ to it, so a new `bg-white` or `text-slate-600` without its `dark:` partner fails
 * the unit tests instead of shipping dark text on a dark page.
 *
 * Solid mid-tone fills (bg-indigo-600 with white text, the platforms' brand chips) read the
 * same in both schemes and need nothing. Light surfaces turn dark, dark text turns light,
 * pale tints become deep ones, and colored text moves up the scale to keep its contrast.
 */

type Role = 'bg' | 'text' | 'line' | 'placeholder'

const UTILITIES: Record<string, Role> = {
  bg: 'bg',
  text: 'text',
  border: 'line',
  ring: 'line',
  divide: 'line',
  outline: 'line',
  placeholder: 'placeholder',
}

const HUES = ['slate', 'indigo', 'red', 'amber', 'emerald', 'sky', 'pink', 'purple', 'blue', 'cyan', 'green', 'yellow', 'orange', 'rose', 'violet', 'teal']

/** light shade -> dark shade, per role; a shade not listed needs no dark variant. */
const NEUTRAL: Record<Role, Record<string, string>> = {
  bg: { white: 'slate-900', '50': 'slate-950', '100': 'slate-800', '200': 'slate-700', '300': 'slate-600' },
  text: { '900': 'slate-100', '800': 'slate-200', '700': 'slate-300', '600': 'slate-400', '500': 'slate-400', '400': 'slate-500', '300': 'slate-600' },
  line: { white: 'slate-900', '100': 'slate-800', '200': 'slate-700', '300': 'slate-600' },
  placeholder: { '400': 'slate-500', '500': 'slate-400' },
}

const TINTED: Record<Role, Record<string, string>> = {
  bg: { '50': '950', '100': '900', '200': '800' },
  text: { '500': '400', '600': '400', '700': '300', '800': '200', '900': '100' },
  line: { '100': '900', '200': '900', '300': '700' },
  placeholder: {},
}

/** Indigo is the accent: links and focus rings keep their contrast on dark surfaces. */
const ACCENT_TEXT: Record<string, string> = { '500': '200', '600': '300', '700': '300', '800': '200', '900': '100' }
const ACCENT_LINE: Record<string, string> = { '600': '400', '100': '900', '200': '900', '300': '700' }

const TOKEN = new RegExp(`^((?:[^\\s:]+:)*)(${Object.keys(UTILITIES).join('|')})-(white|(?:${HUES.join('|')})-(\\d{2,3}))(/\\d+)?$`)

export interface DarkPair {
  /** the light class as written, e.g. "hover:bg-slate-100" */
  light: string
  /** its dark counterpart, e.g. "dark:hover:bg-slate-800" */
  dark: string
  /** what any dark counterpart starts with, e.g. "dark:hover:bg-" */
  key: string
}

/** The dark counterpart a light color class needs, or null when it reads well in both schemes. */
export function darkVariantFor(token: string): DarkPair | null {
  const match = TOKEN.exec(token)
  if (!match) return null
  const [, prefix, utility, color, shade, alpha = ''] = match
  if (prefix.split(':').includes('dark')) return null
  const role = UTILITIES[utility]
  const hue = color === 'white' ? 'white' : color.slice(0, -(shade.length + 1))
  let dark: string | undefined
  if (hue === 'white') dark = NEUTRAL[role].white
  else if (hue === 'slate') dark = NEUTRAL[role][shade]
  else if (hue === 'indigo' && role === 'text') dark = ACCENT_TEXT[shade] && `indigo-${ACCENT_TEXT[shade]}`
  else if (hue === 'indigo' && role === 'line') dark = ACCENT_LINE[shade] && `indigo-${ACCENT_LINE[shade]}`
  else dark = TINTED[role][shade] && `${hue}-${TINTED[role][shade]}`
  if (!dark) return null
  const key = `dark:${prefix}${utility}-`
  return { light: token, dark: `${key}${dark}${alpha}`, key }
}

/** Whether a class list already says what `pair.light` becomes in the dark (any color will do). */
function hasDark(classes: string[], pair: DarkPair): boolean {
  return classes.some((c) => c.startsWith(pair.key))
}

/**
 * Light color classes in `source` whose class list lacks a dark counterpart. Class lists never
 * contain a quote, so splitting a source on quotes gives every class list (and harmless code in
 * between) as its own segment, nested template strings included.
 */
export function missingDarkVariants(source: string): DarkPair[] {
  const missing: DarkPair[] = []
  for (const segment of source.split(/['"`]/)) {
    const classes = segment.split(/\s+/)
    for (const token of classes) {
      const pair = darkVariantFor(token)
      if (pair && !hasDark(classes, pair)) missing.push(pair)
    }
  }
  return missing
}

/** The codemod: each light color class missing its counterpart gets it written right after it. */
export function addDarkVariants(source: string): string {
  return source
    .split(/(['"`])/)
    .map((segment) => {
      const classes = segment.split(/\s+/)
      return segment.replace(/(^|\s)([^\s'"`]+)(?=\s|$)/g, (whole, space: string, token: string) => {
        const pair = darkVariantFor(token)
        if (!pair || hasDark(classes, pair)) return whole
        classes.push(pair.dark)
        return `${space}${token} ${pair.dark}`
      })
    })
    .join('')
}
