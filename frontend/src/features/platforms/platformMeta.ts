/** How each platform is drawn in the dashboard: names, brand-like colors and initials (no logos). */
export interface PlatformMeta {
  name: string
  initials: string
  /** Tailwind classes for the platform's chip. */
  chip: string
}

const META: Record<string, PlatformMeta> = {
  twitter: { name: 'X', initials: 'X', chip: 'bg-black text-white' },
  instagram: { name: 'Instagram', initials: 'IG', chip: 'bg-gradient-to-br from-amber-400 via-pink-500 to-purple-600 text-white' },
  tiktok: { name: 'TikTok', initials: 'TT', chip: 'bg-slate-900 text-cyan-300' },
  linkedin: { name: 'LinkedIn', initials: 'in', chip: 'bg-sky-700 text-white' },
  facebook: { name: 'Facebook', initials: 'f', chip: 'bg-blue-600 text-white' },
  youtube: { name: 'YouTube', initials: 'YT', chip: 'bg-red-600 text-white' },
}

/** Display order used across the dashboard. */
export const PLATFORM_ORDER = ['twitter', 'instagram', 'tiktok', 'linkedin', 'facebook', 'youtube']

export function platformMeta(platform: string): PlatformMeta {
  return META[platform] ?? { name: platform.charAt(0).toUpperCase() + platform.slice(1), initials: platform.slice(0, 2).toUpperCase(), chip: 'bg-slate-600 text-white' }
}

export function platformName(platform: string): string {
  return platformMeta(platform).name
}

export function sortByPlatform<T>(items: T[], platformOf: (item: T) => string): T[] {
  const rank = (p: string) => {
    const i = PLATFORM_ORDER.indexOf(p)
    return i === -1 ? PLATFORM_ORDER.length : i
  }
  return [...items].sort((a, b) => rank(platformOf(a)) - rank(platformOf(b)))
}

/** A username as the platform shows it: one "@" in front ("@sandbox_channel", never "@@..."). */
export function handle(username: string | null | undefined): string | null {
  if (!username) return null
  return username.startsWith('@') ? username : `@${username}`
}
