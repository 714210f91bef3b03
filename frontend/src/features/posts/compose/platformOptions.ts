import type { Post } from '../types'

/**
 * A post's settings per platform (`platform_options` on the wire, `options` on each target):
 * X threads and a first reply, first comments, Instagram's post type, YouTube's settings.
 * The shapes follow socialflow/platforms/options.py; anything else is refused there (422).
 */
export type Options = Record<string, unknown>

export interface ThreadPart {
  text: string
  media_ids?: string[]
}

export type InstagramType = 'feed' | 'reel' | 'story'
export type YouTubePrivacy = 'public' | 'unlisted' | 'private'

/** Platforms whose settings the editor keeps (and saves with the post). TikTok's are chosen
 * per account once a post exists (TikTokSettings), so they are left out for saved posts. */
export const EDITOR_PLATFORMS = ['twitter', 'instagram', 'facebook', 'linkedin', 'youtube'] as const
/** Where a first comment can be posted (X: the first reply). */
export const FIRST_COMMENT_PLATFORMS = ['twitter', 'instagram', 'facebook', 'linkedin', 'youtube']
/** The longest X thread, the post's own text included (MAX_THREAD_PARTS on the server). */
export const MAX_THREAD_PARTS = 25

export function threadOf(options: Options | undefined): ThreadPart[] {
  const raw = options?.thread
  if (!Array.isArray(raw)) return []
  return raw.map((part: unknown) => {
    if (typeof part === 'string') return { text: part }
    const p = (part ?? {}) as { text?: unknown; media_ids?: unknown }
    return { text: typeof p.text === 'string' ? p.text : '', media_ids: Array.isArray(p.media_ids) ? p.media_ids.map(String) : [] }
  })
}

export function str(options: Options | undefined, key: string): string {
  const value = options?.[key]
  return typeof value === 'string' ? value : ''
}

/**
 * The settings as the server stores them: unset, empty and null values left out, thread parts
 * as {text, media_ids?}. Comparing two canonical forms says whether anything changed.
 */
export function canonical(options: Options | undefined): Options {
  const out: Options = {}
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value === undefined || value === null) continue
    if (key === 'thread') {
      const parts = threadOf(options).map((p) => (p.media_ids?.length ? { text: p.text, media_ids: p.media_ids } : { text: p.text }))
      if (parts.length) out.thread = parts
      continue
    }
    if (key === 'first_comment' && typeof value === 'string' && !value.trim()) continue
    if (typeof value === 'string' && !value && key !== 'first_comment') continue
    out[key] = value
  }
  return out
}

function same(a: Options, b: Options): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    )
  }
  return value
}

/** The settings a saved post has for each of its platforms (its first target of each). */
export function optionsOfPost(post: Post | null): Record<string, Options> {
  const out: Record<string, Options> = {}
  for (const pp of post?.platform_posts ?? []) {
    if (!(EDITOR_PLATFORMS as readonly string[]).includes(pp.platform) || pp.platform in out) continue
    out[pp.platform] = canonical(pp.options as Options)
  }
  return out
}

/**
 * What to send as `platform_options` in PUT /posts/{id}: for each platform whose settings
 * changed, its settings, with null for each one removed (the server merges). Null: nothing.
 */
export function optionsChanges(saved: Record<string, Options>, now: Record<string, Options>, platforms: string[]): Record<string, Options> | null {
  const out: Record<string, Options> = {}
  for (const platform of platforms) {
    if (!(EDITOR_PLATFORMS as readonly string[]).includes(platform)) continue
    const before = canonical(saved[platform])
    const after = canonical(now[platform])
    if (same(before, after)) continue
    const removed = Object.fromEntries(Object.keys(before).flatMap((k) => (k in after ? [] : [[k, null]])))
    out[platform] = { ...removed, ...after }
  }
  return Object.keys(out).length ? out : null
}

/** Does the editor hold settings that differ from the saved post's? */
export function optionsDirty(post: Post | null, now: Record<string, Options>): boolean {
  if (!post) return Object.values(now).some((o) => Object.keys(canonical(o)).length > 0)
  const platforms = [...new Set(post.platform_posts.map((pp) => pp.platform))]
  return optionsChanges(optionsOfPost(post), now, platforms) !== null
}

/** The settings sent with a new post (or a check): only its target platforms, only what is set. */
export function optionsFor(platforms: string[], all: Record<string, Options>): Record<string, Options> {
  const out: Record<string, Options> = {}
  for (const platform of platforms) {
    const options = canonical(all[platform])
    if (Object.keys(options).length) out[platform] = options
  }
  return out
}

/** Every media id the settings name: thread parts' media, a Reel's cover, a video's thumbnail. */
export function optionMediaIds(all: Record<string, Options>): string[] {
  const ids: string[] = []
  for (const options of Object.values(all)) {
    for (const part of threadOf(options)) ids.push(...(part.media_ids ?? []))
    for (const key of ['cover_media_id', 'thumbnail_media_id']) {
      const id = options[key]
      if (typeof id === 'string' && id) ids.push(id)
    }
  }
  return [...new Set(ids)]
}

/**
 * The X thread the optimizer wrote (asked with `thread`), as the editor's X settings: part 1 is
 * the variant's text, the rest replace the thread's parts (media stay with the part at the same
 * place, as the server keeps them).
 */
export function withOptimizedThread(all: Record<string, Options>, result: { variants: Array<{ platform: string; as_thread?: boolean; thread?: string[] | null }> } | null): Record<string, Options> {
  const x = result?.variants.find((v) => v.platform === 'twitter' && v.as_thread && v.thread)
  if (!x?.thread) return all
  const old = threadOf(all.twitter)
  const thread = x.thread.slice(1).map((text, i) => ({ ...(old[i] ?? {}), text }))
  return { ...all, twitter: { ...(all.twitter ?? {}), thread } }
}
