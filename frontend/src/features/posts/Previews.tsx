import { useState, type ReactNode } from 'react'
import { Avatar } from '../../components/Avatar'
import { cx } from '../../components/cx'
import { handle, platformName } from '../platforms/platformMeta'
import { str, threadOf, type Options } from './compose/platformOptions'

export interface PreviewAccount {
  name: string
  username: string | null
  avatarUrl: string | null
}

export interface PreviewMedia {
  url: string
  kind: 'image' | 'video' | 'gif'
}

export interface PreviewProps {
  platform: string
  text: string
  title?: string | null
  account: PreviewAccount
  mediaUrls: string[]
  /** the post's media with their kinds (videos play as videos); mediaUrls are images otherwise */
  media?: PreviewMedia[]
  /** the platform's settings: thread parts, first comment, Instagram type, YouTube settings */
  options?: Options
  /** a media id named by the settings (a thread part's photo, a Reel's cover) */
  mediaOf?: (id: string) => PreviewMedia | undefined
  /** the kind of post the check says it makes (reel, story, short), where it has several */
  postType?: string | null
}

/** Where each platform cuts a long text behind "more" in the feed (approximate, for the preview). */
const FOLD: Record<string, number> = { instagram: 125, linkedin: 210, facebook: 480, tiktok: 100, youtube: 160 }

function Folded({ text, at, moreClass }: { text: string; at?: number; moreClass?: string }) {
  const [open, setOpen] = useState(false)
  if (!at || text.length <= at || open) return <span className="break-words whitespace-pre-wrap">{text}</span>
  return (
    <span className="break-words whitespace-pre-wrap">
      {text.slice(0, at).trimEnd()}…{' '}
      <button type="button" className={cx('font-medium', moreClass)} onClick={() => setOpen(true)}>
        more
      </button>
    </span>
  )
}

/** Links, mentions and hashtags colored the way the platform does. */
function Rich({ text, color }: { text: string; color: string }) {
  const parts = text.split(/(https?:\/\/\S+|[@#][\p{L}\p{N}_]+)/u)
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className={color}>
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  )
}

function Face({ account, className, dark }: { account: PreviewAccount; className?: string; dark?: boolean }) {
  return <Avatar url={account.avatarUrl} name={account.name || account.username || '?'} className={className} tone={dark ? 'dark' : 'light'} />
}

function itemsOf({ media, mediaUrls }: Pick<PreviewProps, 'media' | 'mediaUrls'>): PreviewMedia[] {
  return media ?? mediaUrls.map((url) => ({ url, kind: 'image' as const }))
}

/** An image, or a video showing the frame at `atMs` (a media fragment) until it plays. */
function Shown({ item, className, atMs }: { item: PreviewMedia; className?: string; atMs?: number | null }) {
  if (item.kind === 'video') return <video src={atMs ? `${item.url}#t=${atMs / 1000}` : item.url} className={className} muted playsInline preload="metadata" aria-label="video" />
  return <img src={item.url} alt="" className={className} />
}

function MediaGrid({ items, className }: { items: PreviewMedia[]; className?: string }) {
  if (!items.length) return null
  return (
    <div className={cx('grid gap-0.5 overflow-hidden', items.length > 1 ? 'grid-cols-2' : 'grid-cols-1', className)}>
      {items.slice(0, 4).map((item) => (
        <Shown key={item.url} item={item} className="aspect-video w-full bg-slate-200 dark:bg-slate-700 object-cover" />
      ))}
    </div>
  )
}

/** The first comment under a post, as the account. */
function FirstCommentPreview({ account, text, name, className }: { account: PreviewAccount; text: string; name: string; className?: string }) {
  if (!text.trim()) return null
  return (
    <div className={cx('flex gap-2 border-t border-slate-200 px-3 py-2 dark:border-slate-700', className)} aria-label="First comment preview">
      <Face account={account} className="size-6" />
      <p className="min-w-0 rounded-lg bg-slate-100 px-2 py-1 text-xs text-slate-900 dark:bg-slate-800 dark:text-slate-100">
        <span className="font-semibold">{name}</span> <span className="break-words whitespace-pre-wrap">{text}</span>
      </p>
    </div>
  )
}

function Frame({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <figure className={cx('overflow-hidden rounded-xl text-sm shadow-sm ring-1', className)} aria-label={`${label} preview`}>
      {children}
    </figure>
  )
}

function Tweet({ text, account, items, label, threaded, replyTo }: { text: string; account: PreviewAccount; items: PreviewMedia[]; label?: string; threaded: boolean; replyTo?: string | null }) {
  return (
    <article className="flex gap-3 px-4 pt-4" aria-label={label} data-testid="x-part">
      <div className="flex flex-col items-center">
        <Face account={account} className="size-10" dark />
        {threaded && <span className="mt-1 w-0.5 flex-1 bg-slate-200 dark:bg-slate-700" aria-hidden="true" />}
      </div>
      <div className="min-w-0 flex-1 pb-3">
        <p className="truncate text-[15px]">
          <span className="font-bold text-slate-900 dark:text-slate-100">{account.name}</span> <span className="text-slate-500 dark:text-slate-400">{handle(account.username) ?? '@you'} · now</span>
        </p>
        {replyTo && (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Replying to <span className="text-sky-700 dark:text-sky-300">{replyTo}</span>
          </p>
        )}
        <p className="mt-0.5 text-[15px] leading-snug text-slate-900 dark:text-slate-100">
          <span className="break-words whitespace-pre-wrap">
            <Rich text={text} color="text-sky-700 dark:text-sky-300" />
          </span>
        </p>
        <MediaGrid items={items} className="mt-3 rounded-2xl ring-1 ring-slate-200 dark:ring-slate-700" />
        <div className="mt-3 flex justify-between text-xs text-slate-500 dark:text-slate-400" aria-hidden="true">
          <span>Reply</span>
          <span>Repost</span>
          <span>Like</span>
          <span>Views</span>
        </div>
      </div>
    </article>
  )
}

/** An X post; a thread shows each part under the one before it, joined by the thread line. */
function XPreview(props: PreviewProps) {
  const { text, account, options, mediaOf } = props
  const parts = threadOf(options)
  const reply = str(options, 'first_comment')
  const total = parts.length + 1
  const label = (n: number) => (total > 1 ? `Part ${n} of ${total}` : undefined)
  const partItems = (ids: string[] | undefined) => (ids ?? []).flatMap((id) => (mediaOf?.(id) ? [mediaOf(id)!] : []))
  return (
    <Frame label={total > 1 ? 'X thread' : 'X'} className="bg-white dark:bg-slate-900 ring-slate-200 dark:ring-slate-700">
      <Tweet text={text} account={account} items={itemsOf(props)} label={label(1)} threaded={total > 1} />
      {parts.map((part, i) => (
        <Tweet key={i} text={part.text || ' '} account={account} items={partItems(part.media_ids)} label={label(i + 2)} threaded={i < parts.length - 1} />
      ))}
      {reply.trim() && <Tweet text={reply} account={account} items={[]} label="First reply" threaded={false} replyTo={handle(account.username) ?? '@you'} />}
    </Frame>
  )
}

/** What an Instagram post is made as: the chosen type, else a single video is a Reel. */
export function instagramType(options: Options | undefined, items: PreviewMedia[], postType?: string | null): 'feed' | 'reel' | 'story' {
  const chosen = str(options, 'media_type') || postType
  if (chosen === 'reel' || chosen === 'story' || chosen === 'feed') return chosen
  return items.length === 1 && items[0].kind === 'video' ? 'reel' : 'feed'
}

function StoryPreview({ account, items }: { account: PreviewAccount; items: PreviewMedia[] }) {
  return (
    <Frame label="Instagram Story" className="mx-auto max-w-[15rem] bg-black text-white ring-black">
      <div className="relative aspect-[9/16] w-full bg-gradient-to-b from-slate-800 to-black" data-testid="story-frame">
        {items[0] ? (
          <Shown item={items[0]} className="absolute inset-0 size-full object-cover" />
        ) : (
          <p className="absolute inset-x-0 top-1/3 px-4 text-center text-xs text-slate-300 dark:text-slate-300">A Story is one photo or one video (9:16)</p>
        )}
        <div className="absolute inset-x-2 top-2 h-0.5 rounded bg-white/60 dark:bg-white/60" aria-hidden="true" />
        <div className="absolute top-4 left-2 flex items-center gap-2">
          <Face account={account} className="size-7 ring-1 ring-white dark:ring-white" dark />
          <span className="text-xs font-semibold">{account.username ?? account.name}</span>
          <span className="text-xs text-slate-300 dark:text-slate-300">now</span>
        </div>
        <p className="absolute inset-x-2 bottom-3 rounded-full px-3 py-1.5 text-xs ring-1 ring-white/60 dark:ring-white/60" aria-hidden="true">
          Send message
        </p>
      </div>
    </Frame>
  )
}

function ReelPreview({ text, account, items, options, mediaOf }: { text: string; account: PreviewAccount; items: PreviewMedia[]; options?: Options; mediaOf?: PreviewProps['mediaOf'] }) {
  const cover = str(options, 'cover_media_id') ? mediaOf?.(str(options, 'cover_media_id')) : undefined
  const offset = typeof options?.thumb_offset_ms === 'number' ? options.thumb_offset_ms : null
  const inFeed = options?.share_to_feed !== false
  return (
    <Frame label="Instagram Reel" className="mx-auto max-w-[15rem] bg-black text-white ring-black">
      <div className="relative aspect-[9/16] w-full bg-gradient-to-b from-slate-800 to-black" data-testid="reel-frame">
        {cover ? (
          <img src={cover.url} alt="Reel cover" className="absolute inset-0 size-full object-cover" />
        ) : items[0] ? (
          <Shown item={items[0]} atMs={offset} className="absolute inset-0 size-full object-cover" />
        ) : (
          <p className="absolute inset-x-0 top-1/3 px-4 text-center text-xs text-slate-300 dark:text-slate-300">A Reel is one video</p>
        )}
        <p className="absolute top-2 left-3 text-sm font-semibold">Reels</p>
        <div className="absolute inset-x-0 bottom-0 space-y-1 bg-gradient-to-t from-black/80 p-3">
          <p className="flex items-center gap-2 text-xs font-semibold">
            <Face account={account} className="size-6" dark />
            {account.username ?? account.name}
          </p>
          <p className="text-xs leading-snug">
            <Folded text={text} at={60} moreClass="text-slate-300 dark:text-slate-300" />
          </p>
        </div>
        <div className="absolute right-2 bottom-20 flex flex-col items-center gap-3 text-xs" aria-hidden="true">
          <span>♥</span>
          <span>Cmt</span>
          <span>Share</span>
        </div>
      </div>
      <p className="px-3 py-1.5 text-xs text-slate-300 dark:text-slate-300">
        {cover ? 'Cover: your image' : offset !== null ? `Cover: the frame at ${offset / 1000} s` : 'Cover: the first frame'} · {inFeed ? 'also in the feed' : 'Reels tab only'}
      </p>
    </Frame>
  )
}

function InstagramPreview(props: PreviewProps) {
  const { text, account, options, postType, mediaOf } = props
  const items = itemsOf(props)
  const kind = instagramType(options, items, postType)
  const comment = str(options, 'first_comment')
  const name = account.username ?? account.name
  if (kind === 'story') return <StoryPreview account={account} items={items} />
  if (kind === 'reel')
    return (
      <div className="space-y-1">
        <ReelPreview text={text} account={account} items={items} options={options} mediaOf={mediaOf} />
        <FirstCommentPreview account={account} text={comment} name={name} className="mx-auto max-w-[15rem] border-0" />
      </div>
    )
  return (
    <Frame label="Instagram" className="bg-white dark:bg-slate-900 ring-slate-200 dark:ring-slate-700">
      <div className="flex items-center gap-2 px-3 py-2">
        <span className="rounded-full bg-gradient-to-tr from-amber-400 via-pink-500 to-purple-600 p-0.5">
          <Face account={account} className="size-8 ring-2 ring-white dark:ring-slate-900" />
        </span>
        <span className="text-sm font-semibold text-slate-900 dark:text-slate-100">{name}</span>
      </div>
      {items[0] ? (
        <div className="relative">
          <Shown item={items[0]} className="aspect-square w-full bg-slate-100 dark:bg-slate-800 object-cover" />
          {items.length > 1 && (
            <span className="absolute top-2 right-2 rounded-full bg-black/70 px-2 py-0.5 text-xs text-white" aria-label={`Carousel of ${items.length}`}>
              1/{items.length}
            </span>
          )}
        </div>
      ) : (
        <div className="flex aspect-square w-full items-center justify-center bg-slate-100 dark:bg-slate-800 text-xs text-slate-500 dark:text-slate-400">Instagram posts need a photo or video</div>
      )}
      <div className="space-y-1 px-3 py-2">
        <p className="text-sm font-semibold text-slate-900 dark:text-slate-100" aria-hidden="true">
          Like · Comment · Share
        </p>
        <p className="text-sm text-slate-900 dark:text-slate-100">
          <span className="font-semibold">{name}</span> <Folded text={text} at={FOLD.instagram} moreClass="text-slate-500 dark:text-slate-400" />
        </p>
      </div>
      <FirstCommentPreview account={account} text={comment} name={name} />
    </Frame>
  )
}

function TikTokPreview(props: PreviewProps) {
  const { text, title, account } = props
  const items = itemsOf(props)
  return (
    <Frame label="TikTok" className="bg-black text-white ring-black">
      <div className="relative mx-auto aspect-[9/16] max-h-96 w-full bg-gradient-to-b from-slate-800 to-black">
        {items[0] && <Shown item={items[0]} className="absolute inset-0 size-full object-cover opacity-80" />}
        {items.length > 1 && <span className="absolute top-2 right-2 rounded-full bg-black/70 px-2 py-0.5 text-xs">1/{items.length} photos</span>}
        {!items[0] && <p className="absolute inset-x-0 top-1/3 text-center text-xs text-slate-400 dark:text-slate-400">TikTok posts need a video or photos</p>}
        <div className="absolute inset-x-0 bottom-0 space-y-1 bg-gradient-to-t from-black/80 p-3">
          <p className="text-sm font-semibold">{handle(account.username) ?? account.name}</p>
          {title && <p className="text-sm font-semibold">{title}</p>}
          <p className="text-xs leading-snug">
            <Folded text={text} at={FOLD.tiktok} moreClass="text-slate-300 dark:text-slate-300" />
          </p>
        </div>
        <div className="absolute right-2 bottom-24 flex flex-col items-center gap-3 text-xs" aria-hidden="true">
          <Face account={account} className="size-9 ring-2 ring-white dark:ring-white" dark />
          <span>♥</span>
          <span>Cmt</span>
          <span>Share</span>
        </div>
      </div>
    </Frame>
  )
}

function LinkedInPreview(props: PreviewProps) {
  const { text, account, options } = props
  return (
    <Frame label="LinkedIn" className="bg-white dark:bg-slate-900 ring-slate-200 dark:ring-slate-700">
      <div className="flex gap-2 px-4 pt-3">
        <Face account={account} className="size-12" />
        <div className="min-w-0">
          <p className="truncate text-sm font-semibold text-slate-900 dark:text-slate-100">{account.name}</p>
          <p className="text-xs text-slate-500 dark:text-slate-400">Now · Public</p>
        </div>
      </div>
      <p className="px-4 py-3 text-sm text-slate-900 dark:text-slate-100">
        <Folded text={text} at={FOLD.linkedin} moreClass="text-slate-500 dark:text-slate-400" />
      </p>
      <MediaGrid items={itemsOf(props)} />
      <div className="flex justify-around border-t border-slate-200 dark:border-slate-700 py-2 text-xs font-semibold text-slate-600 dark:text-slate-400" aria-hidden="true">
        <span>Like</span>
        <span>Comment</span>
        <span>Repost</span>
        <span>Send</span>
      </div>
      <FirstCommentPreview account={account} text={str(options, 'first_comment')} name={account.name} />
    </Frame>
  )
}

function FacebookPreview(props: PreviewProps) {
  const { text, account, options } = props
  return (
    <Frame label="Facebook" className="bg-white dark:bg-slate-900 ring-slate-200 dark:ring-slate-700">
      <div className="flex gap-2 px-4 pt-3">
        <Face account={account} className="size-10" />
        <div className="min-w-0">
          <p className="truncate text-sm font-semibold text-slate-900 dark:text-slate-100">{account.name}</p>
          <p className="text-xs text-slate-500 dark:text-slate-400">Just now · Public</p>
        </div>
      </div>
      <p className="px-4 py-3 text-[15px] text-slate-900 dark:text-slate-100">
        <Folded text={text} at={FOLD.facebook} moreClass="text-slate-600 dark:text-slate-400" />
      </p>
      <MediaGrid items={itemsOf(props)} />
      <div className="mx-4 flex justify-around border-t border-slate-200 dark:border-slate-700 py-2 text-sm font-semibold text-slate-600 dark:text-slate-400" aria-hidden="true">
        <span>Like</span>
        <span>Comment</span>
        <span>Share</span>
      </div>
      <FirstCommentPreview account={account} text={str(options, 'first_comment')} name={account.name} />
    </Frame>
  )
}

const PRIVACY_SHOWN: Record<string, string> = { unlisted: 'Unlisted', private: 'Private' }

function YouTubePreview(props: PreviewProps) {
  const { text, title, account, options, postType, mediaOf } = props
  const items = itemsOf(props)
  const thumbnail = str(options, 'thumbnail_media_id') ? mediaOf?.(str(options, 'thumbnail_media_id')) : undefined
  const poster = thumbnail ?? items[0]
  const privacy = PRIVACY_SHOWN[str(options, 'privacy_status')]
  const kids = options?.made_for_kids === true
  const comment = str(options, 'first_comment')
  const short = postType === 'short' || options?.short === true
  const heading = <p className={cx('line-clamp-2 font-semibold', title ? '' : 'text-red-600 dark:text-red-400')}>{title || 'Add a title for YouTube'}</p>
  if (short)
    return (
      <Frame label="YouTube Short" className="mx-auto max-w-[15rem] bg-black text-white ring-black">
        <div className="relative aspect-[9/16] w-full bg-gradient-to-b from-slate-800 to-black" data-testid="short-frame">
          {poster ? (
            <Shown item={poster} className="absolute inset-0 size-full object-cover" />
          ) : (
            <p className="absolute inset-x-0 top-1/3 text-center text-xs text-slate-300 dark:text-slate-300">A Short is a vertical video of up to 3 minutes</p>
          )}
          <p className="absolute top-2 left-3 text-sm font-semibold">Shorts</p>
          <div className="absolute inset-x-0 bottom-0 space-y-1 bg-gradient-to-t from-black/80 p-3 text-xs">
            <p className="flex items-center gap-2 font-semibold">
              <Face account={account} className="size-6" dark /> {account.name}
            </p>
            {heading}
            {privacy && <p>{privacy}</p>}
          </div>
        </div>
      </Frame>
    )
  return (
    <Frame label="YouTube" className="bg-white dark:bg-slate-900 ring-slate-200 dark:ring-slate-700">
      <div className="relative aspect-video w-full bg-slate-900">
        {poster ? (
          <Shown item={poster} className="size-full object-cover" />
        ) : (
          <p className="flex h-full items-center justify-center text-xs text-slate-400 dark:text-slate-400">YouTube needs a video</p>
        )}
        <span className="absolute right-2 bottom-2 rounded bg-black/80 px-1 text-xs text-white" aria-hidden="true">
          0:00
        </span>
      </div>
      <div className="flex gap-3 p-3">
        <Face account={account} className="size-9" />
        <div className="min-w-0 text-slate-900 dark:text-slate-100">
          {heading}
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {account.name} · 0 views · just now{privacy ? ` · ${privacy}` : ''}
            {kids ? ' · Made for kids' : ''}
          </p>
          <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
            <Folded text={text} at={FOLD.youtube} moreClass="text-slate-500 dark:text-slate-400" />
          </p>
        </div>
      </div>
      {!kids && <FirstCommentPreview account={account} text={comment} name={account.name} />}
    </Frame>
  )
}

const PREVIEWS: Record<string, (props: PreviewProps) => ReactNode> = {
  twitter: XPreview,
  instagram: InstagramPreview,
  tiktok: TikTokPreview,
  linkedin: LinkedInPreview,
  facebook: FacebookPreview,
  youtube: YouTubePreview,
}

/** A compact card styled after the platform's feed, showing how the post will look there. */
export function PostPreview(props: PreviewProps) {
  const Preview = PREVIEWS[props.platform] ?? LinkedInPreview
  return (
    <div>
      <p className="mb-1.5 text-xs font-medium tracking-wide text-slate-500 dark:text-slate-400 uppercase">{platformName(props.platform)}</p>
      <Preview {...props} text={props.text || ' '} />
    </div>
  )
}
