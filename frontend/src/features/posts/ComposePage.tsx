import { useEffect, useReducer, useRef, useState, type KeyboardEvent } from 'react'
import { Link, useLocation, useParams } from 'react-router-dom'
import { skipToken } from '@reduxjs/toolkit/query'
import { asApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { safeZone, toLocalInput } from '../../app/time'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { Card } from '../../components/Card'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { LoadingBlock, PageHeader } from '../../components/PageHeader'
import { TextArea } from '../../components/TextArea'
import { TextField } from '../../components/TextField'
import { selectCurrentUser } from '../auth/authSlice'
import { platformName, sortByPlatform } from '../platforms/platformMeta'
import { useGetAccountsQuery, useGetPlatformsQuery } from '../platforms/platformsApi'
import { useCurrentWorkspace } from '../workspaces/permissions'
import { ApprovalNotice } from './ApprovalNotice'
import { PostDiscussion } from './PostDiscussion'
import type { PlatformInfo, SocialAccount } from '../platforms/types'
import { AccountPicker } from './AccountPicker'
import { CounterSummary, ProblemList } from './Counters'
import { MediaUploader } from './MediaUploader'
import { OptimizePanel } from './OptimizePanel'
import { PostStatusPanel } from './PostStatusPanel'
import { PlatformSettings } from './PlatformSettings'
import { PostPreview, type PreviewMedia } from './Previews'
import { TikTokSettings } from './TikTokSettings'
import { useGetMediaByIdsQuery, useGetPostQuery, useUpdatePostMutation } from './postsApi'
import type { MediaAsset, OptimizeResult, PlatformPost, Post } from './types'
import { composeReducer, initialForm, isDirty, validateForm, type ComposeForm } from './compose/formState'
import { LeaveDialog, type LeaveReason } from './compose/LeaveDialog'
import { PlatformTabs } from './compose/PlatformTabs'
import { PublishBar } from './compose/PublishBar'
import { readLocalDraft, useAutosave, useLeaveWarning, writeLocalDraft } from './compose/useAutosave'
import { useComposeActions } from './compose/useComposeActions'
import { useComposeChecks } from './compose/useComposeChecks'
import { useLeaveGuard } from './compose/useLeaveGuard'
import { optionMediaIds, withOptimizedThread, type Options } from './compose/platformOptions'
import { useUploads } from './compose/useUploads'

/** Editing is refused by the backend while a target is on its way out or once all went out. */
const LOCKED = new Set(['publishing', 'published', 'partially_published'])

export interface ComposePrefill {
  content?: string
  title?: string | null
  media_ids?: string[]
  /** "YYYY-MM-DDTHH:MM" in the user's zone: a slot clicked on the calendar */
  scheduleAt?: string
}

function nextHour(timeZone: string): string {
  const date = new Date(Date.now() + 60 * 60 * 1000)
  date.setUTCMinutes(0, 0, 0)
  return toLocalInput(date, timeZone)
}

const FOLLOW_UP_POLL_MS = 3000
const SETTLED = new Set(['published', 'failed', 'skipped'])

/** Is a published target still posting its thread parts or its first comment? */
export function followUpsUnderway(post: Post): boolean {
  return post.platform_posts.some((pp) => pp.status === 'published' && [...(pp.parts ?? []).slice(1), pp.first_comment].some((part) => !!part && !SETTLED.has(part.status)))
}

/** A new post optimized in one click opens with what the optimizer wrote (an X thread). */
function withOptimized(result: OptimizeResult | null, form: ComposeForm): ComposeForm {
  return result ? { ...form, platformOptions: withOptimizedThread(form.platformOptions, result) } : form
}

/** A variant whose text no longer follows the post's own text. */
export function diverged(variant: PlatformPost, post: Post): boolean {
  return variant.user_edited || !!variant.optimized_by || variant.content !== post.content
}

type Restorable = Pick<ComposeForm, 'content' | 'title' | 'accountIds' | 'mediaIds' | 'variantTexts' | 'platformOptions'>

interface EditorProps {
  post: Post | null
  prefill: ComposePrefill | null
  accounts: SocialAccount[]
  platforms: PlatformInfo[]
  timeZone: string
  initialNotice: string | null
  initialOptimize: OptimizeResult | null
}

function Editor({ post, prefill, accounts, platforms, timeZone, initialNotice, initialOptimize }: EditorProps) {
  const [restored] = useState(() => (!post && !prefill ? readLocalDraft<Restorable>() : null))
  const [form, dispatchForm] = useReducer(composeReducer, null, () =>
    withOptimized(
      initialOptimize,
      initialForm(
        post,
        prefill ? { content: prefill.content ?? '', title: prefill.title ?? '', mediaIds: prefill.media_ids ?? [] } : restored,
        post?.scheduled_for && post.status === 'scheduled' ? toLocalInput(new Date(post.scheduled_for), timeZone) : (prefill?.scheduleAt ?? nextHour(timeZone)),
      ),
    ),
  )
  const [tab, setTab] = useState(0)
  const [uploaded, setUploaded] = useState<Record<string, MediaAsset>>({})
  const [templateOpen, setTemplateOpen] = useState(false)
  const [templateName, setTemplateName] = useState('')
  const [confirmDelete, setConfirmDelete] = useState(false)
  const [restoredNotice, setRestoredNotice] = useState(!!restored?.content)
  const problemsRef = useRef<HTMLDivElement>(null)
  const [updatePost] = useUpdatePostMutation()

  const locked = !!post && LOCKED.has(post.status)
  const selectedAccounts = accounts.filter((a) => form.accountIds.includes(a.id))
  const targetPlatforms = sortByPlatform([...new Set(selectedAccounts.map((a) => a.platform))], (p) => p)
  const showTitle = targetPlatforms.some((p) => platforms.find((i) => i.platform === p)?.capabilities.supports_title)
  const savedVariant = (platform: string) => post?.platform_posts.find((pp) => pp.platform === platform && diverged(pp, post)) ?? null
  const textFor = (platform: string) => form.variantTexts[platform] ?? savedVariant(platform)?.content ?? form.content

  /** The settings each platform is checked (and previewed) with: the editor's; a saved post's
   * TikTok settings are chosen per account, so its first TikTok target's. */
  const optionsOf = (platform: string): Options | undefined =>
    platform === 'tiktok' && post ? (post.platform_posts.find((pp) => pp.platform === 'tiktok')?.options as Options | undefined) : form.platformOptions[platform]
  const updateOptions = (platform: string, update: (old: Options) => Options) => {
    dispatchForm({ type: 'platformOptionsUpdate', platform, update })
    actions.setActionError(null)
  }

  const uploads = useUploads({
    onReserved: (id) => dispatchForm({ type: 'mediaAdded', id }),
    onUploaded: (asset) => setUploaded((all) => ({ ...all, [asset.id]: asset })),
    onCancelled: (id) => dispatchForm({ type: 'mediaRemoved', id }),
  })
  const uploadingIds = new Set(uploads.uploads.map((u) => u.id))
  const toFetch = [...new Set([...form.mediaIds, ...optionMediaIds(form.platformOptions)])].filter((id) => !uploaded[id] && !uploadingIds.has(id))
  const fetched = useGetMediaByIdsQuery(toFetch.length ? toFetch : skipToken)
  const assets: Record<string, MediaAsset> = { ...Object.fromEntries((fetched.data ?? []).map((a) => [a.id, a])), ...uploaded }

  function showFirstProblem() {
    // After the render that shows the problems: bring the first one into view, with focus.
    setTimeout(() => {
      const target = document.querySelector<HTMLElement>('[aria-invalid="true"]') ?? problemsRef.current
      target?.scrollIntoView?.({ block: 'center', behavior: 'smooth' })
      target?.focus({ preventScroll: true })
    }, 50)
  }

  // Once a new post exists on the server (or is discarded), this browser's copy goes and stays gone.
  const handedOver = useRef(false)
  const onCreated = () => {
    handedOver.current = true
    writeLocalDraft(null)
  }
  // Set right before the editor navigates by itself (to the post it created, after a delete):
  // those navigations are never held back by the unsaved-changes guard below.
  const leaving = useRef(false)
  const actions = useComposeActions({
    post,
    form,
    dispatchForm,
    showTitle,
    targetPlatforms,
    timeZone,
    textFor,
    onFailed: showFirstProblem,
    onCreated,
    onLeave: () => (leaving.current = true),
  })
  const checks = useComposeChecks({
    platforms: targetPlatforms,
    textFor,
    content: form.content,
    title: showTitle ? form.title || null : null,
    mediaIds: form.mediaIds,
    optionsOf,
    extraProblems: actions.actionError?.problems ?? [],
  })
  const [optimizeShown, setOptimizeShown] = useState<OptimizeResult | null>(initialOptimize)
  const optimizeResult = actions.optimizeResult ?? optimizeShown

  const dirty = isDirty(form, post)
  const autosave = useAutosave({ enabled: !!post && !locked && dirty, edits: form.edits, save: actions.save })
  useEffect(() => {
    if (!post && !locked && !handedOver.current)
      writeLocalDraft(
        isDirty(form, null)
          ? ({
              content: form.content,
              title: form.title,
              accountIds: form.accountIds,
              mediaIds: form.mediaIds,
              variantTexts: form.variantTexts,
              platformOptions: form.platformOptions,
            } satisfies Restorable)
          : null,
      )
  }, [post, locked, form])
  useLeaveWarning(uploads.active.length > 0 || (!!post && dirty))

  // What leaving now would lose (useLeaveGuard asks before an in-app navigation). A new post the
  // user has typed into counts too: it would be kept in this browser, and the question says so.
  const leaveReason: LeaveReason | null = locked
    ? null
    : uploads.active.length
      ? { kind: 'upload', name: uploads.active[0].name }
      : post && dirty
        ? { kind: 'changes' }
        : !post && form.edits > 0 && isDirty(form, null)
          ? { kind: 'new' }
          : null
  const leave = useLeaveGuard({ reason: leaveReason, leavingRef: leaving, handedOverRef: handedOver, save: actions.save })
  const canSaveAndLeave = !!post || !Object.values(validateForm(form)).some(Boolean)

  const active = uploads.active
  const blockedReason = active.length
    ? `Wait for ${active.length === 1 ? `${active[0].name} to finish uploading (${active[0].progress}%)` : `${active.length} uploads to finish`}, or cancel ${active.length === 1 ? 'it' : 'them'}.`
    : null

  function revert(platform: string) {
    dispatchForm({ type: 'variantsSaved', platforms: [platform] })
    const variants = post?.platform_posts.filter((pp) => pp.platform === platform && diverged(pp, post)) ?? []
    if (post && variants.length) void updatePost({ id: post.id, variants: variants.map((v) => ({ platform_post_id: v.id, reset: true })) })
  }

  // Ctrl+Enter (Cmd+Enter on a Mac) publishes now; with Shift, it schedules for the time picked.
  // While an upload runs, the Publish bar already says why nothing happens.
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !locked && !blockedReason && actions.busy === null) {
      event.preventDefault()
      void (event.shiftKey ? actions.schedule() : actions.publishNow())
    }
  }

  const activePlatform = tab > 0 ? targetPlatforms[tab - 1] : null
  const mediaUrls = form.mediaIds.flatMap((id) => (assets[id]?.url ? [assets[id].url] : []))
  const previewMedia: PreviewMedia[] = form.mediaIds.flatMap((id) => (assets[id]?.url ? [{ url: assets[id].url, kind: assets[id].kind }] : []))
  const mediaOf = (id: string): PreviewMedia | undefined => (assets[id]?.url ? { url: assets[id].url, kind: assets[id].kind } : undefined)
  const previewAccount = (platform: string) => {
    const account = selectedAccounts.find((a) => a.platform === platform)
    return { name: account?.display_name || account?.username || platformName(platform), username: account?.username ?? null, avatarUrl: account?.avatar_url ?? null }
  }

  const original = (
    <>
      <TextArea
        label="Post text"
        rows={7}
        value={form.content}
        readOnly={locked}
        onChange={(e) => {
          dispatchForm({ type: 'content', value: e.target.value })
          actions.setActionError(null)
        }}
        placeholder="What do you want to share?"
        error={form.fieldErrors.content}
        hint={locked ? undefined : 'Ctrl+Enter (⌘+Enter) publishes now; with Shift, it schedules.'}
      />
      <CounterSummary platforms={targetPlatforms} checks={checks.data} />
      {checks.isError && <p className="text-sm text-amber-700 dark:text-amber-300">Couldn't check the text right now: {asApiError(checks.error)?.message}</p>}
      <div ref={problemsRef} tabIndex={-1} className="outline-none">
        <ProblemList problems={checks.allProblems} />
      </div>
      {showTitle && <TextField label="Title (YouTube, TikTok)" value={form.title} readOnly={locked} maxLength={255} onChange={(e) => dispatchForm({ type: 'title', value: e.target.value })} />}
      <AccountPicker accounts={accounts} selected={form.accountIds} disabled={locked} onChange={(ids) => dispatchForm({ type: 'accounts', ids })} error={form.fieldErrors.accounts} />
      <MediaUploader
        mediaIds={form.mediaIds}
        assets={assets}
        uploads={uploads.uploads}
        disabled={locked}
        reserveError={uploads.reserveError}
        onAdd={(files) => files.forEach((file) => void uploads.add(file))}
        onCancel={(id) => void uploads.cancel(id)}
        onRemove={(id) => dispatchForm({ type: 'mediaRemoved', id })}
      />
    </>
  )

  return (
    <div className="space-y-6" onKeyDown={onKeyDown}>
      <PageHeader
        title={post ? (locked ? 'Post' : 'Edit post') : 'Compose'}
        description={post ? undefined : 'Write once; check and adjust it for each platform.'}
        actions={
          <div className="flex items-center gap-3">
            {post && (
              <Link to="/compose" className="text-sm font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200">
                New post
              </Link>
            )}
            {post && !locked && (
              <Button variant="ghost" onClick={() => setConfirmDelete(true)}>
                Delete
              </Button>
            )}
          </div>
        }
      />
      {restoredNotice && (
        <Alert
          tone="info"
          action={
            <Button variant="ghost" onClick={() => void actions.remove().then(() => setRestoredNotice(false))}>
              Discard it
            </Button>
          }
        >
          We restored the post you were writing.
        </Alert>
      )}
      {(actions.notice ?? initialNotice) && (
        <Alert
          tone="success"
          action={
            <Button variant="ghost" onClick={() => actions.setNotice('')}>
              Dismiss
            </Button>
          }
        >
          {actions.notice ?? initialNotice}
        </Alert>
      )}
      {post && !locked && <ApprovalNotice post={post} />}
      {post && post.status !== 'draft' && <PostStatusPanel post={post} timeZone={timeZone} />}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card className="min-w-0">
          <PlatformTabs
            platforms={targetPlatforms}
            selected={tab}
            onSelect={setTab}
            original={original}
            locked={locked}
            textFor={textFor}
            savedVariant={savedVariant}
            edited={(p) => p in form.variantTexts}
            checkFor={checks.checkFor}
            problemsFor={checks.problemsFor}
            onText={(platform, value) => dispatchForm({ type: 'variantText', platform, value })}
            onRevert={revert}
          />
          {targetPlatforms.some((p) => p !== 'tiktok') && (
            <div className="mt-5 space-y-4" aria-label="Platform settings" role="group">
              {targetPlatforms.map((platform) => (
                <PlatformSettings
                  key={platform}
                  platform={platform}
                  value={form.platformOptions[platform] ?? {}}
                  onUpdate={updateOptions}
                  check={checks.checkFor(platform)}
                  problems={checks.problemsFor(platform)}
                  assets={assets}
                  onAsset={(asset) => setUploaded((all) => ({ ...all, [asset.id]: asset }))}
                  accountIds={selectedAccounts.filter((a) => a.platform === platform).map((a) => a.id)}
                  locked={locked}
                />
              ))}
            </div>
          )}
          {targetPlatforms.includes('tiktok') && (
            <TikTokSettings
              post={post ?? null}
              locked={locked}
              accountIds={selectedAccounts.filter((a) => a.platform === 'tiktok').map((a) => a.id)}
              value={form.platformOptions.tiktok ?? {}}
              onChange={(value) => dispatchForm({ type: 'platformOptions', platform: 'tiktok', value: { ...value } })}
            />
          )}
        </Card>
        <aside className="min-w-0 space-y-4" aria-label="Previews">
          {targetPlatforms.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 dark:border-slate-600 p-6 text-center text-sm text-slate-500 dark:text-slate-400">
              Choose accounts to see how the post looks on each platform.
            </p>
          ) : (
            (activePlatform ? [activePlatform] : targetPlatforms).map((platform) => (
              <PostPreview
                key={platform}
                platform={platform}
                text={textFor(platform)}
                title={showTitle ? form.title : null}
                account={previewAccount(platform)}
                mediaUrls={mediaUrls}
                media={previewMedia}
                options={optionsOf(platform)}
                mediaOf={mediaOf}
                postType={checks.checkFor(platform)?.post_type}
              />
            ))
          )}
        </aside>
      </div>

      {!locked && (
        <>
          <Card title="More">
            <div className="flex flex-wrap items-start gap-4">
              <OptimizePanel
                result={optimizeResult}
                error={asApiError(actions.optimizeState.error)}
                busy={actions.optimizeState.isLoading}
                onOptimize={(optimizer, thread) => void actions.optimize(optimizer, thread)}
                offerThread={targetPlatforms.includes('twitter')}
                onEdit={(platform) => setTab(targetPlatforms.indexOf(platform) + 1)}
                onRevert={(id) => {
                  const variant = post?.platform_posts.find((pp) => pp.id === id)
                  if (variant) revert(variant.platform)
                }}
                onDismiss={() => {
                  actions.setOptimizeResult(null)
                  setOptimizeShown(null)
                }}
              />
              <Button variant="ghost" onClick={() => setTemplateOpen(true)} disabled={!form.content.trim()}>
                Save as template
              </Button>
            </div>
          </Card>
          <PublishBar
            busy={actions.busy}
            blockedReason={blockedReason}
            error={actions.actionError}
            problemCount={checks.allProblems.length}
            onShowProblems={showFirstProblem}
            saveState={post ? autosave.state : 'local'}
            canSave={!post || dirty}
            scheduleAt={form.scheduleAt}
            onScheduleAt={(value) => dispatchForm({ type: 'scheduleAt', value })}
            scheduleError={form.fieldErrors.schedule}
            timeZone={timeZone}
            minSchedule={toLocalInput(new Date(), timeZone)}
            onPublish={() => void actions.publishNow()}
            onSchedule={() => void actions.schedule()}
            onSave={() => void actions.saveDraft()}
          />
        </>
      )}
      {post && <PostDiscussion postId={post.id} />}
      <ConfirmDialog
        open={templateOpen}
        title="Save as template"
        confirmLabel="Save template"
        busy={actions.busy === 'template'}
        onClose={() => setTemplateOpen(false)}
        onConfirm={() => void actions.saveTemplate(templateName).then(() => setTemplateOpen(false))}
      >
        <TextField label="Template name" value={templateName} onChange={(e) => setTemplateName(e.target.value)} className="mt-2" />
      </ConfirmDialog>
      <LeaveDialog
        reason={leave.asking}
        canSave={canSaveAndLeave}
        busy={leave.busy}
        error={leave.error}
        onStay={leave.stay}
        onSaveAndLeave={leave.saveAndLeave}
        onLeave={() => {
          autosave.discard()
          leave.leave()
        }}
      />
      <ConfirmDialog
        open={confirmDelete}
        title="Delete this post?"
        confirmLabel="Delete"
        busy={actions.busy === 'delete'}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() => void actions.remove()}
      >
        It goes from Socialflow only, never from the platforms. You can undo it for a while.
      </ConfirmDialog>
    </div>
  )
}

/** An editor limited to some accounts is offered only those (and any the post already targets:
 * the server refuses a change that touches the others). */
export function offered(accounts: SocialAccount[], allowed: string[] | null | undefined, post: { platform_posts: { social_account_id?: string | null }[] } | null): SocialAccount[] {
  if (!allowed) return accounts
  const targeted = new Set((post?.platform_posts ?? []).map((p) => p.social_account_id))
  return accounts.filter((a) => allowed.includes(a.id) || targeted.has(a.id))
}

export default function ComposePage() {
  const { id } = useParams()
  const location = useLocation()
  const user = useAppSelector(selectCurrentUser)
  const accounts = useGetAccountsQuery()
  const platforms = useGetPlatformsQuery()
  const { workspace } = useCurrentWorkspace()
  // Thread parts and first comments go out after the post itself, and the live stream carries
  // only the post's own status: while any is on its way, the post is read again every few seconds.
  const [following, setFollowing] = useState(false)
  const post = useGetPostQuery(id ?? skipToken, { pollingInterval: following ? FOLLOW_UP_POLL_MS : 0 })
  const followingNow = !!post.data && followUpsUnderway(post.data)
  if (followingNow !== following) setFollowing(followingNow)
  const state = (location.state ?? {}) as { prefill?: ComposePrefill; notice?: string; optimizeResult?: OptimizeResult }
  const timeZone = safeZone(user?.timezone)

  const error = asApiError(accounts.error ?? platforms.error ?? post.error)
  if (error) {
    return (
      <Alert tone="error" title={error.status === 404 ? 'Post not found' : "Couldn't load the editor"}>
        {error.message}
      </Alert>
    )
  }
  // The page stays mounted from one post to the next (/posts/a -> /compose -> /posts/b), and
  // the query's `data` is the last answer for any id: the editor waits for this id's own post,
  // or it would start from the previous post's text (and save it over this one).
  const current = id && post.data?.id === id ? post.data : null
  if (!accounts.data || !platforms.data || (id && !current)) return <LoadingBlock label="Loading the editor" />
  return (
    <Editor
      key={id ?? `new-${location.key}`}
      post={current}
      prefill={state.prefill ?? null}
      accounts={offered(accounts.data, workspace?.account_ids, current)}
      platforms={platforms.data}
      timeZone={timeZone}
      initialNotice={state.notice ?? null}
      initialOptimize={state.optimizeResult ?? null}
    />
  )
}
