import { useState, type ReactNode } from 'react'
import { Avatar } from '../../components/Avatar'
import { cx } from '../../components/cx'
import { handle, platformName } from '../platforms/platformMeta'

export interface PreviewAccount {
  name: string
  username: string | null
  avatarUrl: string | null
}

export interface PreviewProps {
  platform: string
  text: string
  title?: string | null
  account: PreviewAccount
  mediaUrls: string[]
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

function MediaGrid({ urls, className }: { urls: string[]; className?: string }) {
  if (!urls.length) return null
  return (
    <div className={cx('grid gap-0.5 overflow-hidden', urls.length > 1 ? 'grid-cols-2' : 'grid-cols-1', className)}>
      {urls.slice(0, 4).map((url) => (
        <img key={url} src={url} alt="" className="aspect-video w-full bg-slate-200 dark:bg-slate-700 object-cover" />
      ))}
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

function XPreview({ text, account, mediaUrls }: PreviewProps) {
  return (
    <Frame label="X" className="bg-white dark:bg-slate-900 ring-slate-200 dark:ring-slate-700">
      <div className="flex gap-3 p-4">
        <Face account={account} className="size-10" dark />
        <div className="min-w-0 flex-1">
          <p className="truncate text-[15px]">
            <span className="font-bold text-slate-900 dark:text-slate-100">{account.name}</span> <span className="text-slate-500 dark:text-slate-400">{handle(account.username) ?? '@you'} · now</span>
          </p>
          <p className="mt-0.5 text-[15px] leading-snug text-slate-900 dark:text-slate-100">
            <span className="break-words whitespace-pre-wrap">
              <Rich text={text} color="text-sky-700 dark:text-sky-300" />
            </span>
          </p>
          <MediaGrid urls={mediaUrls} className="mt-3 rounded-2xl ring-1 ring-slate-200 dark:ring-slate-700" />
          <div className="mt-3 flex justify-between text-xs text-slate-500 dark:text-slate-400" aria-hidden="true">
            <span>Reply</span>
            <span>Repost</span>
            <span>Like</span>
            <span>Views</span>
          </div>
        </div>
      </div>
    </Frame>
  )
}

function InstagramPreview({ text, account, mediaUrls }: PreviewProps) {
  return (
    <Frame label="Instagram" className="bg-white dark:bg-slate-900 ring-slate-200 dark:ring-slate-700">
      <div className="flex items-center gap-2 px-3 py-2">
        <span className="rounded-full bg-gradient-to-tr from-amber-400 via-pink-500 to-purple-600 p-0.5">
          <Face account={account} className="size-8 ring-2 ring-white dark:ring-slate-900" />
        </span>
        <span className="text-sm font-semibold text-slate-900 dark:text-slate-100">{account.username ?? account.name}</span>
      </div>
      {mediaUrls[0] ? (
        <img src={mediaUrls[0]} alt="" className="aspect-square w-full bg-slate-100 dark:bg-slate-800 object-cover" />
      ) : (
        <div className="flex aspect-square w-full items-center justify-center bg-slate-100 dark:bg-slate-800 text-xs text-slate-500 dark:text-slate-400">Instagram posts need a photo or video</div>
      )}
      <div className="space-y-1 px-3 py-2">
        <p className="text-sm font-semibold text-slate-900 dark:text-slate-100" aria-hidden="true">
          Like · Comment · Share
        </p>
        <p className="text-sm text-slate-900 dark:text-slate-100">
          <span className="font-semibold">{account.username ?? account.name}</span> <Folded text={text} at={FOLD.instagram} moreClass="text-slate-500 dark:text-slate-400" />
        </p>
      </div>
    </Frame>
  )
}

function TikTokPreview({ text, title, account, mediaUrls }: PreviewProps) {
  return (
    <Frame label="TikTok" className="bg-black text-white ring-black">
      <div className="relative mx-auto aspect-[9/16] max-h-96 w-full bg-gradient-to-b from-slate-800 to-black">
        {mediaUrls[0] && <img src={mediaUrls[0]} alt="" className="absolute inset-0 size-full object-cover opacity-80" />}
        {!mediaUrls[0] && <p className="absolute inset-x-0 top-1/3 text-center text-xs text-slate-400 dark:text-slate-400">TikTok posts need a video or photos</p>}
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

function LinkedInPreview({ text, account, mediaUrls }: PreviewProps) {
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
      <MediaGrid urls={mediaUrls} />
      <div className="flex justify-around border-t border-slate-200 dark:border-slate-700 py-2 text-xs font-semibold text-slate-600 dark:text-slate-400" aria-hidden="true">
        <span>Like</span>
        <span>Comment</span>
        <span>Repost</span>
        <span>Send</span>
      </div>
    </Frame>
  )
}

function FacebookPreview({ text, account, mediaUrls }: PreviewProps) {
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
      <MediaGrid urls={mediaUrls} />
      <div className="mx-4 flex justify-around border-t border-slate-200 dark:border-slate-700 py-2 text-sm font-semibold text-slate-600 dark:text-slate-400" aria-hidden="true">
        <span>Like</span>
        <span>Comment</span>
        <span>Share</span>
      </div>
    </Frame>
  )
}

function YouTubePreview({ text, title, account, mediaUrls }: PreviewProps) {
  return (
    <Frame label="YouTube" className="bg-white dark:bg-slate-900 ring-slate-200 dark:ring-slate-700">
      <div className="relative aspect-video w-full bg-slate-900">
        {mediaUrls[0] ? (
          <img src={mediaUrls[0]} alt="" className="size-full object-cover" />
        ) : (
          <p className="flex h-full items-center justify-center text-xs text-slate-400 dark:text-slate-400">YouTube needs a video</p>
        )}
        <span className="absolute right-2 bottom-2 rounded bg-black/80 px-1 text-xs text-white" aria-hidden="true">
          0:00
        </span>
      </div>
      <div className="flex gap-3 p-3">
        <Face account={account} className="size-9" />
        <div className="min-w-0">
          <p className={cx('line-clamp-2 font-semibold', title ? 'text-slate-900 dark:text-slate-100' : 'text-red-600 dark:text-red-400')}>{title || 'Add a title for YouTube'}</p>
          <p className="text-xs text-slate-500 dark:text-slate-400">{account.name} · 0 views · just now</p>
          <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
            <Folded text={text} at={FOLD.youtube} moreClass="text-slate-500 dark:text-slate-400" />
          </p>
        </div>
      </div>
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
