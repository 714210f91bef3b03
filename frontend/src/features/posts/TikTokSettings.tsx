import { useState } from 'react'
import { useUpdatePostMutation } from './postsApi'
import { useGetTikTokCreatorInfoQuery, type TikTokCreatorInfo } from './tiktokApi'
import type { Post, PlatformPost } from './types'

/** The settings TikTok's content sharing guidelines ask the creator to choose for each post. */
export interface TikTokOptions {
  privacy_level?: string
  disable_comment?: boolean
  disable_duet?: boolean
  disable_stitch?: boolean
  commercial_content?: boolean
  brand_organic_toggle?: boolean
  brand_content_toggle?: boolean
}

const PRIVACY_LABELS: Record<string, string> = {
  PUBLIC_TO_EVERYONE: 'Everyone',
  MUTUAL_FOLLOW_FRIENDS: 'Friends (followers you follow back)',
  FOLLOWER_OF_CREATOR: 'Followers',
  SELF_ONLY: 'Only me',
}

export interface TikTokSettingsFormProps {
  info: TikTokCreatorInfo
  value: TikTokOptions
  onChange: (value: TikTokOptions) => void
  disabled?: boolean
  /** a name for the group when there are several TikTok accounts */
  label?: string
}

/** Privacy (no default: the creator picks), interactions, commercial content disclosure. */
export function TikTokSettingsForm({ info, value, onChange, disabled = false, label }: TikTokSettingsFormProps) {
  const set = (change: TikTokOptions) => onChange({ ...value, ...change })
  const branded = !!value.commercial_content && !!value.brand_content_toggle
  const name = label ?? info.creator_nickname ?? info.creator_username ?? 'TikTok'
  const interactions: Array<[keyof TikTokOptions, string, boolean]> = [
    ['disable_comment', 'Allow comments', info.comment_disabled],
    ['disable_duet', 'Allow Duet', info.duet_disabled],
    ['disable_stitch', 'Allow Stitch', info.stitch_disabled],
  ]
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 dark:border-slate-700 p-3" disabled={disabled} aria-label={`TikTok settings for ${name}`}>
      <legend className="px-1 text-sm font-semibold text-slate-900 dark:text-slate-100">TikTok settings · {name}</legend>
      <div role="radiogroup" aria-label="Who can see this post" aria-required="true" className="space-y-1">
        <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Who can see this post</p>
        {info.privacy_level_options.map((level) => {
          const blocked = branded && level === 'SELF_ONLY'
          return (
            <label key={level} className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
              <input type="radio" name={`tiktok-privacy-${name}`} value={level} checked={value.privacy_level === level} disabled={blocked} onChange={() => set({ privacy_level: level })} />
              {PRIVACY_LABELS[level] ?? level}
              {blocked && <span className="text-xs text-slate-500 dark:text-slate-400">(branded content cannot be private)</span>}
            </label>
          )
        })}
        {!value.privacy_level && <p className="text-sm text-amber-800 dark:text-amber-200">Choose who can see it: TikTok requires your choice.</p>}
      </div>
      <div className="space-y-1">
        {interactions.map(([key, text, off]) => (
          <label key={key} className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
            <input type="checkbox" checked={!off && !value[key]} disabled={off} onChange={(e) => set({ [key]: !e.target.checked })} />
            {text}
            {off && <span className="text-xs text-slate-500 dark:text-slate-400">(turned off in your TikTok settings)</span>}
          </label>
        ))}
      </div>
      <div className="space-y-1">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800 dark:text-slate-200">
          <input
            type="checkbox"
            checked={!!value.commercial_content}
            onChange={(e) => set({ commercial_content: e.target.checked, ...(e.target.checked ? {} : { brand_organic_toggle: false, brand_content_toggle: false }) })}
          />
          Disclose commercial content (this post promotes a brand, product or service)
        </label>
        {value.commercial_content && (
          <div className="space-y-1 pl-6">
            <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
              <input type="checkbox" checked={!!value.brand_organic_toggle} onChange={(e) => set({ brand_organic_toggle: e.target.checked })} />
              Your brand <span className="text-xs text-slate-500 dark:text-slate-400">(labeled “Promotional content”)</span>
            </label>
            <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
              <input
                type="checkbox"
                checked={!!value.brand_content_toggle}
                onChange={(e) => set({ brand_content_toggle: e.target.checked, ...(e.target.checked && value.privacy_level === 'SELF_ONLY' ? { privacy_level: undefined } : {}) })}
              />
              Branded content <span className="text-xs text-slate-500 dark:text-slate-400">(labeled “Paid partnership”)</span>
            </label>
            {!value.brand_organic_toggle && !value.brand_content_toggle && <p className="text-sm text-amber-800 dark:text-amber-200">Choose “Your brand”, “Branded content” or both.</p>}
          </div>
        )}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="tiktok-consent">
        {branded ? "By posting, you agree to TikTok's Branded Content Policy and Music Usage Confirmation." : "By posting, you agree to TikTok's Music Usage Confirmation."}
      </p>
    </fieldset>
  )
}

function VariantSettings({ post, variant, locked }: { post: Post; variant: PlatformPost & { options?: TikTokOptions }; locked: boolean }) {
  const accountId = variant.social_account_id
  const info = useGetTikTokCreatorInfoQuery(accountId ?? '', { skip: !accountId })
  const [updatePost, saving] = useUpdatePostMutation()
  const [value, setValue] = useState<TikTokOptions>(variant.options ?? {})
  if (!accountId) return null
  if (info.isLoading) return <p className="text-sm text-slate-500 dark:text-slate-400">Reading what TikTok allows for this account…</p>
  if (!info.data) return <p className="text-sm text-red-700 dark:text-red-300">TikTok did not say what this account may post; try again, or reconnect it on the Platforms page.</p>
  const change = (next: TikTokOptions) => {
    setValue(next)
    void updatePost({ id: post.id, variants: [{ platform_post_id: variant.id, options: { ...next } }] })
  }
  return <TikTokSettingsForm info={info.data} value={value} onChange={change} disabled={locked || saving.isLoading} label={variant.account?.display_name ?? variant.account?.username ?? undefined} />
}

/** A new post: the settings are chosen before it exists and sent with it (`platform_options`). */
function NewPostSettings({ accountIds, value, onChange, locked }: { accountIds: string[]; value: TikTokOptions; onChange: (value: TikTokOptions) => void; locked: boolean }) {
  // platform_options apply to every TikTok target; the first one's creator_info offers the choices.
  const info = useGetTikTokCreatorInfoQuery(accountIds[0] ?? '', { skip: !accountIds.length })
  if (!accountIds.length) return null
  if (info.isLoading) return <p className="text-sm text-slate-500 dark:text-slate-400">Reading what TikTok allows for this account…</p>
  if (!info.data) return <p className="text-sm text-red-700 dark:text-red-300">TikTok did not say what this account may post; try again, or reconnect it on the Platforms page.</p>
  return (
    <div className="space-y-1">
      <TikTokSettingsForm info={info.data} value={value} onChange={onChange} disabled={locked} />
      {accountIds.length > 1 && <p className="text-xs text-slate-600 dark:text-slate-400">These settings go to every TikTok account of this post; once it is saved you can set each one apart.</p>}
    </div>
  )
}

export interface TikTokSettingsProps {
  post: Post | null
  locked: boolean
  /** a new post: its TikTok accounts, and the settings chosen so far (sent when it is created) */
  accountIds?: string[]
  value?: TikTokOptions
  onChange?: (value: TikTokOptions) => void
}

/** The TikTok settings of every TikTok target of a saved post, or of the post being written. */
export function TikTokSettings({ post, locked, accountIds = [], value = {}, onChange = () => undefined }: TikTokSettingsProps) {
  if (!post) return <NewPostSettings accountIds={accountIds} value={value} onChange={onChange} locked={locked} />
  const variants = post.platform_posts.filter((pp) => pp.platform === 'tiktok')
  return (
    <div className="space-y-3">
      {variants.map((variant) => (
        <VariantSettings key={variant.id} post={post} variant={variant} locked={locked || variant.status === 'published'} />
      ))}
    </div>
  )
}
