import { useState } from 'react'
import { useNavigate, type NavigateOptions } from 'react-router-dom'
import { useAppDispatch } from '../../../app/hooks'
import { formatWallClock } from '../../../app/time'
import { toastAdded } from '../../../app/toastSlice'
import { useCreateLibraryItemMutation } from '../../library/libraryApi'
import { toPostActionError, type PostActionError } from '../postErrors'
import { postsApi, useCreatePostMutation, useDeletePostMutation, useOptimizePostMutation, usePublishPostMutation, useSchedulePostMutation, useUpdatePostMutation } from '../postsApi'
import type { OptimizeResult, Post, VariantChange } from '../types'
import { isDirty, validateForm, type ComposeAction, type ComposeForm } from './formState'
import { optionsChanges, optionsFor, optionsOfPost, withOptimizedThread } from './platformOptions'

export type Busy = null | 'save' | 'publish' | 'schedule' | 'template' | 'delete'

interface Options {
  post: Post | null
  form: ComposeForm
  dispatchForm: (action: ComposeAction) => void
  showTitle: boolean
  /** the platforms of the chosen accounts: their settings go with the post */
  targetPlatforms: string[]
  timeZone: string
  /** the text each target platform gets (typed in its tab, saved, or the original) */
  textFor: (platform: string) => string
  onFailed: () => void
  /** a new post now exists on the server: this browser's copy of it is dropped */
  onCreated: () => void
  /** the editor is about to navigate away by itself (to the created post, after a delete) */
  onLeave: () => void
}

/** Saving, publishing, scheduling, optimizing and deleting the post being edited. */
export function useComposeActions({ post, form, dispatchForm, showTitle, targetPlatforms, timeZone, textFor, onFailed, onCreated, onLeave }: Options) {
  const navigate = useNavigate()
  // The editor's own navigations are never held back by the unsaved-changes guard.
  const go = (to: string, options: NavigateOptions) => {
    onLeave()
    void navigate(to, options)
  }
  const dispatch = useAppDispatch()
  const [busy, setBusy] = useState<Busy>(null)
  const [actionError, setActionError] = useState<PostActionError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [optimizeResult, setOptimizeResult] = useState<OptimizeResult | null>(null)
  const [createPost] = useCreatePostMutation()
  const [updatePost] = useUpdatePostMutation()
  const [publishPost] = usePublishPostMutation()
  const [schedulePost] = useSchedulePostMutation()
  const [optimizePost, optimizeState] = useOptimizePostMutation()
  const [deletePost] = useDeletePostMutation()
  const [createTemplate] = useCreateLibraryItemMutation()

  const body = () => ({ content: form.content, title: showTitle ? form.title.trim() || null : null, social_account_ids: form.accountIds, media_ids: form.mediaIds })
  /** A new post carries the settings chosen before it existed (TikTok requires a privacy choice;
   * X threads, first comments, Instagram's type, YouTube's settings), for its platforms only. */
  const createBody = () => {
    const chosen = optionsFor(targetPlatforms, form.platformOptions)
    return Object.keys(chosen).length ? { ...body(), platform_options: chosen } : body()
  }

  /** Variants whose text was typed in their tab, as changes for rows that exist. */
  function variantChanges(saved: Post): { changes: VariantChange[]; platforms: string[] } {
    const platforms = Object.keys(form.variantTexts)
    const changes = saved.platform_posts.filter((pp) => platforms.includes(pp.platform) && pp.status !== 'published').map((pp) => ({ platform_post_id: pp.id, content: textFor(pp.platform) }))
    return { changes, platforms: [...new Set(changes.map((c) => saved.platform_posts.find((pp) => pp.id === c.platform_post_id)!.platform))] }
  }

  /** One save for everything: the post, its targets, and every platform's own text. */
  async function save(): Promise<Post> {
    let saved: Post
    if (!post) {
      saved = await createPost(createBody()).unwrap()
      onCreated()
    } else {
      // Settings changed in the editor go as platform_options (merged; a removed one as null).
      const options = optionsChanges(optionsOfPost(post), form.platformOptions, targetPlatforms)
      saved = isDirty({ ...form, variantTexts: {} }, post) || options ? await updatePost({ id: post.id, ...body(), ...(options ? { platform_options: options } : {}) }).unwrap() : post
    }
    const { changes, platforms } = variantChanges(saved)
    if (changes.length) {
      saved = await updatePost({ id: saved.id, variants: changes }).unwrap()
      dispatchForm({ type: 'variantsSaved', platforms })
    }
    dispatch(postsApi.util.upsertQueryData('getPost', saved.id, saved))
    return saved
  }

  function check(): boolean {
    const errors = validateForm(form)
    dispatchForm({ type: 'fieldErrors', errors })
    if (errors.content || errors.accounts) {
      onFailed()
      return false
    }
    return true
  }

  async function run(kind: NonNullable<Busy>, action: () => Promise<Post>, done: (saved: Post) => string | null) {
    setActionError(null)
    setNotice(null)
    if (!check()) return
    setBusy(kind)
    try {
      const result = await action()
      const message = done(result)
      if (!post || post.id !== result.id) go(`/posts/${result.id}`, { replace: true, state: { notice: message } })
      else setNotice(message)
    } catch (raw) {
      const failure = toPostActionError(raw)
      const scheduleError = failure.error.fieldErrors.scheduled_for ?? failure.error.fieldErrors.timezone ?? failure.error.fieldErrors['schedule.scheduled_for']
      if (scheduleError) dispatchForm({ type: 'fieldErrors', errors: { ...form.fieldErrors, schedule: scheduleError } })
      else setActionError(failure)
      onFailed()
    } finally {
      setBusy(null)
    }
  }

  // A new post without per-platform text is created and published/scheduled in one request:
  // if that is refused, nothing is left behind (no junk draft).
  const atOnce = !post && Object.keys(form.variantTexts).length === 0
  const created = (saved: Post) => {
    onCreated()
    // The editor opens it next: from the cache, without a round trip.
    dispatch(postsApi.util.upsertQueryData('getPost', saved.id, saved))
    return saved
  }

  // Under approval the answer says what happened (sent for approval, or an edit of an approved
  // post sent back for approval): shown instead of the usual words.
  const saveDraft = () => run('save', save, (saved) => saved.notice ?? 'Draft saved.')
  const publishNow = () =>
    run(
      'publish',
      async () =>
        atOnce
          ? createPost({ ...createBody(), publish: true })
              .unwrap()
              .then(created)
          : publishPost((await save()).id).unwrap(),
      (saved) => (saved.status === 'pending_approval' ? (saved.notice ?? 'Sent for approval.') : null),
    )
  const schedule = () =>
    run(
      'schedule',
      async () => {
        const when = { scheduled_for: form.scheduleAt, timezone: timeZone }
        return atOnce
          ? createPost({ ...createBody(), schedule: when })
              .unwrap()
              .then(created)
          : schedulePost({ id: (await save()).id, ...when }).unwrap()
      },
      (saved) => (saved.status === 'pending_approval' ? (saved.notice ?? 'Sent for approval.') : `Scheduled for ${formatWallClock(form.scheduleAt)} (${timeZone}).`),
    )

  /** One click: a new post is saved first, then optimized. */
  async function optimize(optimizer?: 'offline', thread?: boolean) {
    setActionError(null)
    if (!check()) return
    try {
      const saved = await save()
      const result = await optimizePost({ id: saved.id, ...(optimizer ? { optimizer } : {}), ...(thread ? { thread } : {}) }).unwrap()
      if (!post) go(`/posts/${saved.id}`, { replace: true, state: { optimizeResult: result } })
      else {
        // An X thread was written into the variant: the editor's X settings follow it.
        dispatchForm({ type: 'optimized', platformOptions: withOptimizedThread(form.platformOptions, result) })
        setOptimizeResult(result)
      }
    } catch (raw) {
      const failure = toPostActionError(raw)
      if (failure.error.status !== 402) setActionError(failure)
    }
  }

  async function saveTemplate(name: string) {
    setBusy('template')
    try {
      await createTemplate({ content: form.content, title: form.title || null, tags: [], media_ids: form.mediaIds, is_template: true, template_name: name.trim() || null }).unwrap()
      setNotice('Saved as a template in your library.')
    } catch (raw) {
      setActionError(toPostActionError(raw))
    } finally {
      setBusy(null)
    }
  }

  async function remove() {
    if (!post) {
      onCreated()
      go('/compose', { replace: true, state: { discarded: Date.now() } })
      return
    }
    setBusy('delete')
    try {
      await deletePost(post.id).unwrap()
      dispatch(toastAdded({ tone: 'info', message: 'Post deleted.', undoDelete: [post.id] }))
      go('/schedule', { replace: true })
    } catch (raw) {
      setActionError(toPostActionError(raw))
      setBusy(null)
    }
  }

  return { busy, actionError, setActionError, notice, setNotice, optimizeResult, setOptimizeResult, optimizeState, save, saveDraft, publishNow, schedule, optimize, saveTemplate, remove }
}
