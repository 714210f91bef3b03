import type { Post } from '../types'
import { optionsDirty, optionsOfPost, type Options } from './platformOptions'

/** What the user is editing: the post's own text and targets, and text typed in a platform's tab. */
export interface ComposeForm {
  content: string
  title: string
  accountIds: string[]
  mediaIds: string[]
  /** platform -> the text typed in its tab and not saved yet */
  variantTexts: Record<string, string>
  /** platform -> its settings (X thread, first comment, Instagram type, YouTube, and for a new
   * post TikTok's); a saved post's come from its targets and are saved with it */
  platformOptions: Record<string, Options>
  scheduleAt: string
  fieldErrors: { content?: string; accounts?: string; schedule?: string }
  /** bumped by every edit the user makes: what autosave watches */
  edits: number
}

export type ComposeAction =
  | { type: 'content'; value: string }
  | { type: 'title'; value: string }
  | { type: 'accounts'; ids: string[] }
  | { type: 'mediaAdded'; id: string }
  | { type: 'mediaRemoved'; id: string }
  | { type: 'variantText'; platform: string; value: string }
  | { type: 'variantsSaved'; platforms: string[] }
  | { type: 'platformOptions'; platform: string; value: Record<string, unknown> }
  /** an edit computed from the settings as they are when it lands (uploads finish later) */
  | { type: 'platformOptionsUpdate'; platform: string; update: (old: Options) => Options }
  /** the optimizer wrote into the saved post's variants (an X thread among them) */
  | { type: 'optimized'; platformOptions: Record<string, Options> }
  | { type: 'scheduleAt'; value: string }
  | { type: 'fieldErrors'; errors: ComposeForm['fieldErrors'] }

export function accountIdsOf(post: Post): string[] {
  return post.platform_posts.flatMap((pp) => (pp.social_account_id ? [pp.social_account_id] : []))
}

export function initialForm(post: Post | null, restored: Partial<ComposeForm> | null, scheduleAt: string): ComposeForm {
  return {
    content: post?.content ?? restored?.content ?? '',
    title: post?.title ?? restored?.title ?? '',
    accountIds: post ? accountIdsOf(post) : (restored?.accountIds ?? []),
    mediaIds: post?.media_ids ?? restored?.mediaIds ?? [],
    variantTexts: restored?.variantTexts ?? {},
    platformOptions: post ? optionsOfPost(post) : (restored?.platformOptions ?? {}),
    scheduleAt,
    fieldErrors: {},
    edits: 0,
  }
}

export function composeReducer(state: ComposeForm, action: ComposeAction): ComposeForm {
  const edited = { ...state, edits: state.edits + 1 }
  switch (action.type) {
    case 'content':
      return { ...edited, content: action.value, fieldErrors: { ...state.fieldErrors, content: undefined } }
    case 'title':
      return { ...edited, title: action.value }
    case 'accounts':
      return { ...edited, accountIds: action.ids, fieldErrors: { ...state.fieldErrors, accounts: undefined } }
    case 'mediaAdded':
      return state.mediaIds.includes(action.id) ? state : { ...edited, mediaIds: [...state.mediaIds, action.id] }
    case 'mediaRemoved':
      return { ...edited, mediaIds: state.mediaIds.filter((m) => m !== action.id) }
    case 'variantText':
      return { ...edited, variantTexts: { ...state.variantTexts, [action.platform]: action.value } }
    case 'variantsSaved': {
      const rest = { ...state.variantTexts }
      for (const platform of action.platforms) delete rest[platform]
      return { ...state, variantTexts: rest }
    }
    case 'platformOptions':
      return { ...edited, platformOptions: { ...state.platformOptions, [action.platform]: action.value } }
    case 'platformOptionsUpdate':
      return { ...edited, platformOptions: { ...state.platformOptions, [action.platform]: action.update(state.platformOptions[action.platform] ?? {}) } }
    case 'optimized':
      return { ...state, platformOptions: action.platformOptions }
    case 'scheduleAt':
      return { ...state, scheduleAt: action.value, fieldErrors: { ...state.fieldErrors, schedule: undefined } }
    case 'fieldErrors':
      return { ...state, fieldErrors: action.errors }
  }
}

/** Required fields, named as the user sees them. */
export function validateForm(form: ComposeForm): ComposeForm['fieldErrors'] {
  const errors: ComposeForm['fieldErrors'] = {}
  if (!form.content.trim()) errors.content = 'Write something to post.'
  if (!form.accountIds.length) errors.accounts = 'Choose at least one account.'
  return errors
}

/** Has the form changed from what the server has? */
export function isDirty(form: ComposeForm, post: Post | null): boolean {
  if (!post) return !!(form.content.trim() || form.accountIds.length || form.mediaIds.length)
  return (
    form.content !== post.content ||
    (form.title || null) !== (post.title || null) ||
    form.mediaIds.join() !== post.media_ids.join() ||
    [...form.accountIds].sort().join() !== accountIdsOf(post).sort().join() ||
    Object.keys(form.variantTexts).length > 0 ||
    optionsDirty(post, form.platformOptions)
  )
}
