import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Button } from '../../components/Button'
import { SelectField } from '../../components/SelectField'
import { TextArea } from '../../components/TextArea'
import { cx } from '../../components/cx'
import { platformName } from '../platforms/platformMeta'
import { CharacterCounter } from './Counters'
import { useUploads } from './compose/useUploads'
import { MAX_THREAD_PARTS, str, threadOf, type InstagramType, type Options, type ThreadPart, type YouTubePrivacy } from './compose/platformOptions'
import type { MediaAsset, PlatformCheck, Problem } from './types'
import { useGetYouTubePlaylistsQuery } from './youtubeApi'

export type OptionsUpdate = (platform: string, update: (old: Options) => Options) => void

export interface PlatformSettingsProps {
  platform: string
  value: Options
  onUpdate: OptionsUpdate
  /** the live check of this platform (per-part counts, the post type it makes) */
  check: PlatformCheck | undefined
  problems: Problem[]
  assets: Record<string, MediaAsset>
  onAsset: (asset: MediaAsset) => void
  /** the accounts of this platform among the targets (YouTube: whose playlists to offer) */
  accountIds: string[]
  locked: boolean
}

/** Problems of one setting (`options.first_comment`, `options.thread.1` and what is under it). */
function errorOf(problems: Problem[], field: string): string | null {
  const found = problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`))
  return found.length ? found.map((p) => p.message).join(' ') : null
}

const set = (key: string, value: unknown) => (old: Options) => ({ ...old, [key]: value })

function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <fieldset className={cx('space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700', className)} aria-label={title}>
      <legend className="px-1 text-sm font-semibold text-slate-900 dark:text-slate-100">{title}</legend>
      {children}
    </fieldset>
  )
}

function PartCounter({ count, limit }: { count: number | undefined; limit: number | undefined }) {
  return <CharacterCounter check={count === undefined || limit === undefined ? undefined : { platform: '', count, limit, problems: [] }} />
}

/** Media of one setting (a thread part's photos, a Reel's cover): upload, thumbnails, remove. */
function OptionMedia({
  label,
  ids,
  max,
  accept,
  assets,
  onAsset,
  onAdd,
  onRemove,
  disabled,
}: {
  label: string
  ids: string[]
  max: number
  accept: string
  assets: Record<string, MediaAsset>
  onAsset: (asset: MediaAsset) => void
  onAdd: (id: string) => void
  onRemove: (id: string) => void
  disabled: boolean
}) {
  const input = useRef<HTMLInputElement>(null)
  const uploads = useUploads({ onReserved: onAdd, onUploaded: onAsset, onCancelled: onRemove })
  const uploading = new Map(uploads.uploads.map((u) => [u.id, u]))
  return (
    <div className="flex flex-wrap items-center gap-2">
      {ids.map((id) => {
        const upload = uploading.get(id)
        const asset = assets[id]
        const name = upload?.name ?? asset?.filename ?? 'media'
        return (
          <span
            key={id}
            className="relative inline-flex size-14 items-center justify-center overflow-hidden rounded-md bg-slate-100 text-xs ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700"
          >
            {upload ? (
              <span className={upload.error ? 'p-1 text-red-700 dark:text-red-300' : 'tabular-nums text-slate-700 dark:text-slate-300'} role={upload.error ? 'alert' : undefined}>
                {upload.error ?? `${upload.progress}%`}
              </span>
            ) : asset?.kind === 'video' ? (
              <video src={asset.url} className="size-full object-cover" muted aria-label={name} />
            ) : asset ? (
              <img src={asset.thumbnail_url ?? asset.url} alt={name} className="size-full object-cover" />
            ) : (
              <span className="text-slate-500 dark:text-slate-400">…</span>
            )}
            <button
              type="button"
              disabled={disabled}
              onClick={() => (upload ? void uploads.cancel(id) : onRemove(id))}
              className="absolute top-0.5 right-0.5 rounded-full bg-black/60 px-1 text-[10px] text-white"
              aria-label={`Remove ${name} from ${label.toLowerCase()}`}
            >
              ✕
            </button>
          </span>
        )
      })}
      {ids.length < max && (
        <>
          <Button variant="ghost" onClick={() => input.current?.click()} disabled={disabled}>
            {label}
          </Button>
          <input
            ref={input}
            type="file"
            accept={accept}
            multiple={max - ids.length > 1}
            className="sr-only"
            aria-label={label}
            disabled={disabled}
            onChange={(e) => {
              Array.from(e.target.files ?? [])
                .slice(0, max - ids.length)
                .forEach((file) => void uploads.add(file))
              e.target.value = ''
            }}
          />
        </>
      )}
      {uploads.reserveError && (
        <p className="w-full text-sm text-red-600 dark:text-red-400" role="alert">
          {uploads.reserveError}
        </p>
      )}
    </div>
  )
}

const COMMENT_WORDS: Record<string, { label: string; hint: string }> = {
  twitter: { label: 'First reply', hint: 'Posted as a reply to the post (after the last part of a thread), e.g. the link or the hashtags.' },
  instagram: { label: 'First comment', hint: 'Posted as a comment right after the post: hashtags here keep the caption clean.' },
  facebook: { label: 'First comment', hint: 'Posted as a comment by the Page right after the post, e.g. the link.' },
  linkedin: { label: 'First comment', hint: 'Posted as a comment right after the post: links in a comment do not lower the post’s reach.' },
  youtube: { label: 'First comment', hint: 'Posted as a comment by the channel once the video is up.' },
}

/** The first comment (X: the first reply), counted as the platform counts it. */
function FirstComment({
  platform,
  value,
  onUpdate,
  check,
  problems,
  disabled,
  disabledReason,
}: {
  platform: string
  value: Options
  onUpdate: OptionsUpdate
  check: PlatformCheck | undefined
  problems: Problem[]
  disabled: boolean
  disabledReason?: string
}) {
  const words = COMMENT_WORDS[platform]
  const counted = check?.parts?.find((p) => p.kind === 'first_comment')
  const error = errorOf(problems, 'options.first_comment')
  return (
    <div>
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs text-slate-500 dark:text-slate-400">{disabledReason ?? words.hint}</span>
        {str(value, 'first_comment') && <PartCounter count={counted?.count} limit={counted?.limit} />}
      </div>
      <TextArea
        label={`${words.label} (${platformName(platform)})`}
        rows={2}
        value={str(value, 'first_comment')}
        readOnly={disabled}
        disabled={!!disabledReason && !str(value, 'first_comment')}
        error={error}
        placeholder="Optional"
        onChange={(e) => onUpdate(platform, set('first_comment', e.target.value))}
      />
    </div>
  )
}

/** X: the thread ("Add to thread"), each part counted as X counts it and with its own media. */
function XSettings({ value, onUpdate, check, problems, assets, onAsset, locked }: PlatformSettingsProps) {
  const parts = threadOf(value)
  // Stable keys, so that removing a part in the middle keeps the others' uploads and focus.
  const [keys, setKeys] = useState<number[]>(() => parts.map((_, i) => i))
  const shownKeys = keys.length === parts.length ? keys : parts.map((_, i) => keys[i] ?? -1 - i)
  const focusLast = useRef(false)
  const lastPart = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    if (focusLast.current) lastPart.current?.focus()
    focusLast.current = false
  })
  const update = (fn: (thread: ThreadPart[]) => ThreadPart[]) => onUpdate('twitter', (old) => ({ ...old, thread: fn(threadOf(old)) }))
  const updatePart = (index: number, fn: (part: ThreadPart) => ThreadPart) => update((thread) => thread.map((p, i) => (i === index ? fn(p) : p)))
  const first = check?.parts ? { count: check.count, limit: check.limit } : undefined
  const full = parts.length + 1 >= MAX_THREAD_PARTS

  return (
    <Section title="X thread and first reply">
      <ol className="space-y-3" aria-label="Thread parts">
        <li className="flex items-center justify-between gap-2 text-sm text-slate-600 dark:text-slate-400">
          <span>
            <strong className="font-semibold text-slate-800 dark:text-slate-200">Part 1</strong> is the post’s text above{parts.length ? '; each part below is a reply to the one before it.' : '.'}
          </span>
          {parts.length > 0 && <PartCounter count={first?.count} limit={first?.limit} />}
        </li>
        {parts.map((part, index) => {
          const position = index + 2
          const counted = check?.parts?.find((p) => p.kind === 'thread' && p.position === position)
          return (
            <li key={shownKeys[index]} className="rounded-md border-l-2 border-sky-300 pl-3 dark:border-sky-700" data-testid="thread-part">
              <div className="flex items-center justify-between gap-2">
                <span className="text-xs font-medium text-slate-600 dark:text-slate-400">
                  Part {position} of {parts.length + 1}
                </span>
                <PartCounter count={counted?.count} limit={counted?.limit} />
              </div>
              <TextArea
                label={`Thread part ${position}`}
                hideLabel
                rows={3}
                ref={index === parts.length - 1 ? lastPart : undefined}
                value={part.text}
                readOnly={locked}
                error={errorOf(problems, `options.thread.${index}`)}
                onChange={(e) => {
                  const text = e.target.value
                  updatePart(index, (p) => ({ ...p, text }))
                }}
              />
              <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
                <OptionMedia
                  label={`Add media to part ${position}`}
                  ids={part.media_ids ?? []}
                  max={4}
                  accept="image/*,video/*"
                  assets={assets}
                  onAsset={onAsset}
                  disabled={locked}
                  onAdd={(id) => updatePart(index, (p) => ({ ...p, media_ids: [...(p.media_ids ?? []), id] }))}
                  onRemove={(id) => updatePart(index, (p) => ({ ...p, media_ids: (p.media_ids ?? []).filter((m) => m !== id) }))}
                />
                {!locked && (
                  <Button
                    variant="ghost"
                    aria-label={`Remove part ${position}`}
                    onClick={() => {
                      setKeys((all) => all.filter((_, i) => i !== index))
                      update((thread) => thread.filter((_, i) => i !== index))
                    }}
                  >
                    Remove
                  </Button>
                )}
              </div>
            </li>
          )
        })}
      </ol>
      {!locked && (
        <div className="flex items-center gap-3">
          <Button
            variant="secondary"
            disabled={full}
            onClick={() => {
              focusLast.current = true
              setKeys((all) => [...all, Math.max(-1, ...all) + 1])
              update((thread) => [...thread, { text: '' }])
            }}
          >
            Add to thread
          </Button>
          {full && <span className="text-xs text-slate-500 dark:text-slate-400">A thread has at most {MAX_THREAD_PARTS} parts.</span>}
        </div>
      )}
      <FirstComment platform="twitter" value={value} onUpdate={onUpdate} check={check} problems={problems} disabled={locked} />
    </Section>
  )
}

const IG_TYPES: Array<{ value: InstagramType; label: string; hint: string }> = [
  { value: 'feed', label: 'Feed post', hint: 'Photos (up to 10 as a carousel) with a caption.' },
  { value: 'reel', label: 'Reel', hint: 'One video, 3 s to 15 min, vertical (9:16) looks best.' },
  { value: 'story', label: 'Story', hint: 'One photo or a 3–60 s video in 9:16; no caption, no comments; gone after 24 h.' },
]

/** Instagram: feed post, Reel (cover, also in the feed) or Story; the first comment. */
function InstagramSettings(props: PlatformSettingsProps) {
  const { value, onUpdate, check, problems, assets, onAsset, locked } = props
  const chosen = str(value, 'media_type') as InstagramType | ''
  const kind: InstagramType | null = chosen || null
  const shownAs = kind ?? (check?.post_type as InstagramType | null | undefined) ?? null
  const cover = str(value, 'cover_media_id')
  const offset = typeof value.thumb_offset_ms === 'number' ? value.thumb_offset_ms : null
  const choose = (next: InstagramType) =>
    onUpdate('instagram', (old) => {
      const out: Options = { ...old, media_type: next }
      // Reel-only settings would be refused on a feed post or a Story.
      if (next !== 'reel') for (const key of ['share_to_feed', 'thumb_offset_ms', 'cover_media_id']) delete out[key]
      return out
    })
  return (
    <Section title="Instagram settings">
      <div role="radiogroup" aria-label="Instagram post type" className="space-y-1">
        <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Post as</p>
        {IG_TYPES.map((t) => (
          <label key={t.value} className="flex items-start gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input type="radio" className="mt-1" name="instagram-media-type" value={t.value} checked={kind === t.value} disabled={locked} onChange={() => choose(t.value)} />
            <span>
              {t.label} <span className="text-xs text-slate-500 dark:text-slate-400">{t.hint}</span>
            </span>
          </label>
        ))}
        {!kind && <p className="text-xs text-slate-500 dark:text-slate-400">Not chosen: a single video goes out as a Reel, anything else as a feed post.</p>}
        {errorOf(problems, 'options.media_type') && <p className="text-sm text-red-600 dark:text-red-400">{errorOf(problems, 'options.media_type')}</p>}
      </div>
      {shownAs === 'reel' && (
        <div className="space-y-2 rounded-md bg-slate-50 p-2 dark:bg-slate-950">
          <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input type="checkbox" checked={value.share_to_feed !== false} disabled={locked} onChange={(e) => onUpdate('instagram', set('share_to_feed', e.target.checked))} />
            Also show the Reel in the feed (share to feed)
          </label>
          <div className="space-y-1">
            <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Cover</p>
            <OptionMedia
              label="Upload a cover image"
              ids={cover ? [cover] : []}
              max={1}
              accept="image/jpeg"
              assets={assets}
              onAsset={onAsset}
              disabled={locked}
              onAdd={(id) => onUpdate('instagram', (old) => ({ ...old, cover_media_id: id, thumb_offset_ms: undefined }))}
              onRemove={() => onUpdate('instagram', set('cover_media_id', undefined))}
            />
            <label className="flex flex-wrap items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
              or the frame at
              <input
                type="number"
                min={0}
                step={0.1}
                className="w-20 rounded-md border-0 bg-white px-2 py-1 text-sm ring-1 ring-slate-300 ring-inset dark:bg-slate-900 dark:ring-slate-600"
                value={offset === null ? '' : offset / 1000}
                disabled={locked || !!cover}
                aria-label="Cover frame, seconds into the video"
                onChange={(e) => onUpdate('instagram', set('thumb_offset_ms', e.target.value === '' ? undefined : Math.max(0, Math.round(Number(e.target.value) * 1000))))}
              />
              seconds into the video
            </label>
            {errorOf(problems, 'options.cover_media_id') && <p className="text-sm text-red-600 dark:text-red-400">{errorOf(problems, 'options.cover_media_id')}</p>}
          </div>
        </div>
      )}
      {shownAs === 'story' && <p className="text-sm text-slate-600 dark:text-slate-400">Stories show no caption and take no comments.</p>}
      {(shownAs !== 'story' || str(value, 'first_comment')) && <FirstComment platform="instagram" value={value} onUpdate={onUpdate} check={check} problems={problems} disabled={locked} />}
    </Section>
  )
}

const PRIVACY: Array<{ value: YouTubePrivacy; label: string }> = [
  { value: 'public', label: 'Public' },
  { value: 'unlisted', label: 'Unlisted (anyone with the link)' },
  { value: 'private', label: 'Private (only you)' },
]

/** YouTube's video categories (the ids videos.insert takes). */
export const YOUTUBE_CATEGORIES: Array<[string, string]> = [
  ['1', 'Film & Animation'],
  ['2', 'Autos & Vehicles'],
  ['10', 'Music'],
  ['15', 'Pets & Animals'],
  ['17', 'Sports'],
  ['19', 'Travel & Events'],
  ['20', 'Gaming'],
  ['22', 'People & Blogs'],
  ['23', 'Comedy'],
  ['24', 'Entertainment'],
  ['25', 'News & Politics'],
  ['26', 'Howto & Style'],
  ['27', 'Education'],
  ['28', 'Science & Technology'],
]

function Playlists({ accountId, value, onChange, disabled }: { accountId: string; value: string; onChange: (id: string) => void; disabled: boolean }) {
  const playlists = useGetYouTubePlaylistsQuery(accountId)
  return (
    <SelectField
      label="Add to playlist"
      value={value}
      disabled={disabled || playlists.isLoading}
      onChange={(e) => onChange(e.target.value)}
      hint={playlists.isError ? 'YouTube did not list the channel’s playlists right now.' : undefined}
    >
      <option value="">No playlist</option>
      {(playlists.data ?? []).map((p) => (
        <option key={p.id} value={p.id}>
          {p.title}
        </option>
      ))}
      {value && !playlists.data?.some((p) => p.id === value) && <option value={value}>{value}</option>}
    </SelectField>
  )
}

/** YouTube: privacy, made for kids (required), Short, category, playlist, thumbnail, first comment. */
function YouTubeSettings({ value, onUpdate, check, problems, assets, onAsset, accountIds, locked }: PlatformSettingsProps) {
  const privacy = (str(value, 'privacy_status') || 'public') as YouTubePrivacy
  const kids = typeof value.made_for_kids === 'boolean' ? value.made_for_kids : null
  const kidsError = errorOf(problems, 'options.made_for_kids')
  const thumbnail = str(value, 'thumbnail_media_id')
  const isShort = check?.post_type === 'short'
  return (
    <Section title="YouTube settings">
      <div role="radiogroup" aria-label="YouTube visibility" className="space-y-1">
        <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Visibility</p>
        {PRIVACY.map((p) => (
          <label key={p.value} className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input type="radio" name="youtube-privacy" value={p.value} checked={privacy === p.value} disabled={locked} onChange={() => onUpdate('youtube', set('privacy_status', p.value))} />
            {p.label}
          </label>
        ))}
      </div>
      <div role="radiogroup" aria-label="Made for kids" aria-required="true" aria-invalid={kidsError ? true : undefined} tabIndex={kidsError ? -1 : undefined} className="space-y-1 outline-none">
        <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Is this video made for kids? (required by YouTube)</p>
        <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          <input type="radio" name="youtube-kids" checked={kids === true} disabled={locked} onChange={() => onUpdate('youtube', set('made_for_kids', true))} />
          Yes, it’s made for kids <span className="text-xs text-slate-500 dark:text-slate-400">(comments are turned off)</span>
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          <input type="radio" name="youtube-kids" checked={kids === false} disabled={locked} onChange={() => onUpdate('youtube', set('made_for_kids', false))} />
          No, it’s not made for kids
        </label>
        {kidsError && <p className="text-sm text-red-600 dark:text-red-400">{kidsError}</p>}
      </div>
      <div>
        <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          <input type="checkbox" checked={value.short === true} disabled={locked} onChange={(e) => onUpdate('youtube', set('short', e.target.checked || undefined))} />
          Post as a Short (a vertical or square video of up to 3 minutes)
        </label>
        {isShort && value.short !== true && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">This video is vertical and short enough: YouTube will show it as a Short.</p>}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="Category" value={str(value, 'category_id') || '22'} disabled={locked} onChange={(e) => onUpdate('youtube', set('category_id', e.target.value))}>
          {YOUTUBE_CATEGORIES.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </SelectField>
        {accountIds[0] && <Playlists accountId={accountIds[0]} value={str(value, 'playlist_id')} disabled={locked} onChange={(id) => onUpdate('youtube', set('playlist_id', id || undefined))} />}
      </div>
      <div className="space-y-1">
        <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Custom thumbnail</p>
        <p className="text-xs text-slate-500 dark:text-slate-400">Only channels YouTube has verified may set one; otherwise YouTube picks a frame and the post says so.</p>
        <OptionMedia
          label="Upload a thumbnail"
          ids={thumbnail ? [thumbnail] : []}
          max={1}
          accept="image/jpeg,image/png"
          assets={assets}
          onAsset={onAsset}
          disabled={locked}
          onAdd={(id) => onUpdate('youtube', set('thumbnail_media_id', id))}
          onRemove={() => onUpdate('youtube', set('thumbnail_media_id', undefined))}
        />
      </div>
      <FirstComment
        platform="youtube"
        value={value}
        onUpdate={onUpdate}
        check={check}
        problems={problems}
        disabled={locked}
        disabledReason={kids ? 'YouTube turns comments off on videos made for kids.' : undefined}
      />
    </Section>
  )
}

function CommentOnly({ platform, value, onUpdate, check, problems, locked }: PlatformSettingsProps) {
  return (
    <Section title={`${platformName(platform)} first comment`}>
      <FirstComment platform={platform} value={value} onUpdate={onUpdate} check={check} problems={problems} disabled={locked} />
    </Section>
  )
}

const SETTINGS: Record<string, (props: PlatformSettingsProps) => ReactNode> = {
  twitter: XSettings,
  instagram: InstagramSettings,
  facebook: CommentOnly,
  linkedin: CommentOnly,
  youtube: YouTubeSettings,
}

/** The settings of one platform's posts, where it has any (TikTok's are TikTokSettings). */
export function PlatformSettings(props: PlatformSettingsProps) {
  const Settings = SETTINGS[props.platform]
  return Settings ? <Settings {...props} /> : null
}
