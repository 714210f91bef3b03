import { useMemo, useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom'
import { skipToken } from '@reduxjs/toolkit/query'
import { Tab, TabGroup, TabList, TabPanel, TabPanels } from '@headlessui/react'
import { asApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { safeZone, toLocalInput } from '../../app/time'
import { useDebouncedValue } from '../../app/useDebouncedValue'
import { Alert } from '../../components/Alert'
import { Badge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { Card } from '../../components/Card'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { cx } from '../../components/cx'
import { LoadingBlock, PageHeader } from '../../components/PageHeader'
import { TextArea } from '../../components/TextArea'
import { TextField } from '../../components/TextField'
import { selectCurrentUser } from '../auth/authSlice'
import { useCreateLibraryItemMutation } from '../library/libraryApi'
import { PlatformChip } from '../platforms/PlatformChip'
import { platformName, sortByPlatform } from '../platforms/platformMeta'
import { useGetAccountsQuery, useGetPlatformsQuery } from '../platforms/platformsApi'
import type { PlatformInfo, SocialAccount } from '../platforms/types'
import { AccountPicker } from './AccountPicker'
import { CharacterCounter, CounterSummary, ProblemList } from './Counters'
import { MediaUploader } from './MediaUploader'
import { OptimizePanel } from './OptimizePanel'
import { toPostActionError, type PostActionError } from './postErrors'
import { PostStatusPanel } from './PostStatusPanel'
import { PostPreview } from './Previews'
import { SchedulePicker } from './SchedulePicker'
import {
  postsApi,
  useCheckTextsQuery,
  useCreatePostMutation,
  useGetPostQuery,
  useOptimizePostMutation,
  usePublishPostMutation,
  useSchedulePostMutation,
  useUpdatePostMutation,
  type CheckRequest,
} from './postsApi'
import type { MediaAsset, OptimizeResult, PlatformPost, Post, Problem } from './types'
import { useAppDispatch } from '../../app/hooks'

/** Editing is refused by the backend while a target is on its way out or once all went out. */
const LOCKED = new Set(['publishing', 'published', 'partially_published'])

export interface ComposePrefill {
  content?: string
  title?: string | null
  media_ids?: string[]
}

function nextHour(timeZone: string): string {
  const date = new Date(Date.now() + 60 * 60 * 1000)
  date.setUTCMinutes(0, 0, 0)
  return toLocalInput(date, timeZone)
}

/** A variant whose text no longer follows the post's own text. */
export function diverged(variant: PlatformPost, post: Post): boolean {
  return variant.user_edited || !!variant.optimized_by || variant.content !== post.content
}

interface EditorProps {
  post: Post | null
  prefill: ComposePrefill | null
  accounts: SocialAccount[]
  platforms: PlatformInfo[]
  timeZone: string
  initialNotice: string | null
}

function Editor({ post, prefill, accounts, platforms, timeZone, initialNotice }: EditorProps) {
  const navigate = useNavigate()
  const dispatch = useAppDispatch()

  const [content, setContent] = useState(post?.content ?? prefill?.content ?? '')
  const [title, setTitle] = useState(post?.title ?? prefill?.title ?? '')
  const [accountIds, setAccountIds] = useState<string[]>(() => post?.platform_posts.flatMap((pp) => (pp.social_account_id ? [pp.social_account_id] : [])) ?? [])
  const [mediaIds, setMediaIds] = useState<string[]>(post?.media_ids ?? prefill?.media_ids ?? [])
  const [assets, setAssets] = useState<Record<string, MediaAsset>>({})
  const [tab, setTab] = useState(0)
  const [variantDrafts, setVariantDrafts] = useState<Record<string, string>>({})
  const [scheduleAt, setScheduleAt] = useState(() => (post?.scheduled_for && post.status === 'scheduled' ? toLocalInput(new Date(post.scheduled_for), timeZone) : nextHour(timeZone)))
  const [fieldErrors, setFieldErrors] = useState<{ content?: string; accounts?: string; schedule?: string }>({})
  const [actionError, setActionError] = useState<PostActionError | null>(null)
  const [notice, setNotice] = useState<string | null>(initialNotice)
  const [busy, setBusy] = useState<null | 'draft' | 'publish' | 'schedule' | 'variant' | 'template'>(null)
  const [optimizeResult, setOptimizeResult] = useState<OptimizeResult | null>(null)
  const [templateOpen, setTemplateOpen] = useState(false)
  const [templateName, setTemplateName] = useState('')

  const [createPost] = useCreatePostMutation()
  const [updatePost] = useUpdatePostMutation()
  const [publishPost] = usePublishPostMutation()
  const [schedulePost] = useSchedulePostMutation()
  const [optimizePost, optimizeState] = useOptimizePostMutation()
  const [createTemplate] = useCreateLibraryItemMutation()

  const locked = !!post && LOCKED.has(post.status)
  const selectedAccounts = accounts.filter((a) => accountIds.includes(a.id))
  const targetPlatforms = sortByPlatform([...new Set(selectedAccounts.map((a) => a.platform))], (p) => p)
  const showTitle = targetPlatforms.some((p) => platforms.find((i) => i.platform === p)?.capabilities.supports_title)

  const variantsOf = (platform: string) => post?.platform_posts.filter((pp) => pp.platform === platform) ?? []
  const savedVariant = (platform: string) => {
    const v = variantsOf(platform).find((pp) => diverged(pp, post!))
    return v ?? null
  }
  const textFor = (platform: string) => variantDrafts[platform] ?? savedVariant(platform)?.content ?? content

  const targetKey = targetPlatforms.join(',')
  // One check for the shared text, one per platform whose text differs.
  const groups = useMemo<CheckRequest[]>(() => {
    if (!targetPlatforms.length) return []
    const shared = targetPlatforms.filter((p) => textFor(p) === content)
    const own = targetPlatforms.filter((p) => textFor(p) !== content)
    const base = { title: showTitle ? title || null : null, media_ids: mediaIds }
    return [...(shared.length ? [{ ...base, content, platforms: shared }] : []), ...own.map((p) => ({ ...base, content: textFor(p), platforms: [p] }))]
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [content, title, showTitle, mediaIds, targetKey, variantDrafts, post])
  const debouncedGroups = useDebouncedValue(groups, 250)
  const checks = useCheckTextsQuery(debouncedGroups.length ? debouncedGroups : skipToken)
  const checkData = groups.length ? (checks.data ?? []) : []
  const checkFor = (platform: string) => checkData.find((c) => c.platform === platform)
  const problemsFor = (platform: string): Problem[] => {
    const live = checkFor(platform)?.problems ?? []
    const fromAction = actionError?.problems.filter((p) => p.platform === platform && !live.some((l) => l.code === p.code)) ?? []
    return [...live, ...fromAction]
  }
  const allProblems = targetPlatforms.flatMap(problemsFor)

  const dirty =
    !post ||
    content !== post.content ||
    (title || null) !== (post.title || null) ||
    mediaIds.join() !== post.media_ids.join() ||
    [...accountIds].sort().join() !==
      post.platform_posts
        .flatMap((pp) => (pp.social_account_id ? [pp.social_account_id] : []))
        .sort()
        .join()

  function previewAccount(platform: string) {
    const account = selectedAccounts.find((a) => a.platform === platform)
    return { name: account?.display_name || account?.username || platformName(platform), username: account?.username ?? null, avatarUrl: account?.avatar_url ?? null }
  }
  const mediaUrls = mediaIds.flatMap((id) => (assets[id] ? [assets[id].url] : []))

  function validate(): boolean {
    const errors: typeof fieldErrors = {}
    if (!content.trim()) errors.content = 'Write something to post.'
    if (!accountIds.length) errors.accounts = 'Choose at least one account.'
    setFieldErrors(errors)
    return !errors.content && !errors.accounts
  }

  async function persist(): Promise<Post> {
    const body = { content, title: showTitle ? title.trim() || null : null, social_account_ids: accountIds, media_ids: mediaIds }
    if (!post) {
      const created = await createPost(body).unwrap()
      dispatch(postsApi.util.upsertQueryData('getPost', created.id, created))
      return created
    }
    return dirty ? await updatePost({ id: post.id, ...body }).unwrap() : post
  }

  async function act(kind: NonNullable<typeof busy>, action: (saved: Post) => Promise<Post | void>, done: (saved: Post) => string) {
    setActionError(null)
    setNotice(null)
    if (!validate()) return
    setBusy(kind)
    try {
      const saved = await persist()
      const result = (await action(saved)) ?? saved
      const message = done(result)
      if (!post || post.id !== result.id) navigate(`/posts/${result.id}`, { replace: true, state: { notice: message } })
      else setNotice(message)
    } catch (raw) {
      const failure = toPostActionError(raw)
      const scheduleError = failure.error.fieldErrors.scheduled_for ?? failure.error.fieldErrors.timezone
      if (scheduleError) setFieldErrors((e) => ({ ...e, schedule: scheduleError }))
      else setActionError(failure)
    } finally {
      setBusy(null)
    }
  }

  const saveDraft = () =>
    act(
      'draft',
      async () => undefined,
      () => 'Draft saved.',
    )
  const publishNow = () =>
    act(
      'publish',
      (saved) => publishPost(saved.id).unwrap(),
      () => 'Publishing now. Statuses update here as each platform answers.',
    )
  const schedule = () => {
    setFieldErrors((e) => ({ ...e, schedule: undefined }))
    return act(
      'schedule',
      (saved) => schedulePost({ id: saved.id, scheduled_for: scheduleAt, timezone: timeZone }).unwrap(),
      () => `Scheduled for ${scheduleAt.replace('T', ' ')} (${timeZone}).`,
    )
  }

  async function saveVariant(platform: string, reset: boolean) {
    if (!post) return
    setBusy('variant')
    setActionError(null)
    try {
      const variants = variantsOf(platform).map((v) => (reset ? { platform_post_id: v.id, reset: true } : { platform_post_id: v.id, content: textFor(platform) }))
      await updatePost({ id: post.id, variants }).unwrap()
      setVariantDrafts(({ [platform]: _dropped, ...rest }) => rest)
      setNotice(reset ? `${platformName(platform)} text follows the original again.` : `${platformName(platform)} text saved.`)
    } catch (raw) {
      setActionError(toPostActionError(raw))
    } finally {
      setBusy(null)
    }
  }

  async function revertById(platformPostId: string) {
    const variant = post?.platform_posts.find((pp) => pp.id === platformPostId)
    if (variant) await saveVariant(variant.platform, true)
  }

  async function optimize(optimizer?: 'offline') {
    if (!validate()) return
    const saved = await persist()
    if (!post) {
      navigate(`/posts/${saved.id}`, { replace: true })
      return
    }
    const result = await optimizePost(optimizer ? { id: saved.id, optimizer } : { id: saved.id })
      .unwrap()
      .catch(() => null)
    if (result) setOptimizeResult(result)
  }

  async function saveTemplate() {
    setBusy('template')
    try {
      await createTemplate({ content, title: title || null, tags: [], media_ids: mediaIds, is_template: true, template_name: templateName.trim() || null }).unwrap()
      setTemplateOpen(false)
      setNotice('Saved as a template in your library.')
    } catch (raw) {
      setActionError(toPostActionError(raw))
      setTemplateOpen(false)
    } finally {
      setBusy(null)
    }
  }

  const activePlatform = tab > 0 ? targetPlatforms[tab - 1] : null

  return (
    <div className="space-y-6">
      <PageHeader
        title={post ? (locked ? 'Post' : 'Edit post') : 'Compose'}
        description={post ? undefined : 'Write once; check and adjust it for each platform.'}
        actions={
          post && (
            <Link to="/compose" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
              New post
            </Link>
          )
        }
      />
      {notice && (
        <Alert
          tone="success"
          action={
            <Button variant="ghost" onClick={() => setNotice(null)}>
              Dismiss
            </Button>
          }
        >
          {notice}
        </Alert>
      )}
      {actionError && (
        <Alert tone={actionError.planLimit ? 'warning' : 'error'} title={actionError.planLimit ? 'Plan limit reached' : undefined}>
          {actionError.problems.length ? 'Fix the problems shown in the platform tabs first.' : actionError.error.message}
          {actionError.planLimit && (
            <>
              {' '}
              <Link to="/billing" className="font-medium underline">
                Upgrade your plan
              </Link>
            </>
          )}
        </Alert>
      )}
      {post && post.status !== 'draft' && <PostStatusPanel post={post} timeZone={timeZone} />}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card>
          <TabGroup selectedIndex={Math.min(tab, targetPlatforms.length)} onChange={setTab}>
            <TabList className="-mx-1 flex gap-1 overflow-x-auto border-b border-slate-200 pb-2" aria-label="Editor tabs">
              <Tab className="rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap text-slate-600 data-[hover]:bg-slate-100 data-[selected]:bg-indigo-50 data-[selected]:text-indigo-700">
                Original
              </Tab>
              {targetPlatforms.map((platform) => {
                const problemCount = problemsFor(platform).length
                return (
                  <Tab
                    key={platform}
                    className="flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap text-slate-600 data-[hover]:bg-slate-100 data-[selected]:bg-indigo-50 data-[selected]:text-indigo-700"
                  >
                    <PlatformChip platform={platform} size="sm" />
                    <span className="sr-only">{platformName(platform)}</span>
                    <CharacterCounter check={checkFor(platform)} />
                    {problemCount > 0 && (
                      <span className="rounded-full bg-red-100 px-1.5 text-xs text-red-700" aria-label={`${problemCount} problem${problemCount === 1 ? '' : 's'}`}>
                        {problemCount}
                      </span>
                    )}
                  </Tab>
                )
              })}
            </TabList>
            <TabPanels className="pt-4">
              <TabPanel className="space-y-5" unmount={false}>
                <TextArea
                  label="Post text"
                  rows={7}
                  value={content}
                  readOnly={locked}
                  onChange={(e) => {
                    setContent(e.target.value)
                    setFieldErrors((f) => ({ ...f, content: undefined }))
                    setActionError(null)
                  }}
                  placeholder="What do you want to share?"
                  error={fieldErrors.content}
                />
                <CounterSummary platforms={targetPlatforms} checks={checkData} />
                {checks.isError && <p className="text-sm text-amber-700">Couldn't check the text right now: {asApiError(checks.error)?.message}</p>}
                <ProblemList problems={allProblems} />
                {showTitle && <TextField label="Title (YouTube, TikTok)" value={title} readOnly={locked} maxLength={255} onChange={(e) => setTitle(e.target.value)} />}
                <AccountPicker
                  accounts={accounts}
                  selected={accountIds}
                  disabled={locked}
                  onChange={(ids) => {
                    setAccountIds(ids)
                    setFieldErrors((f) => ({ ...f, accounts: undefined }))
                  }}
                  error={fieldErrors.accounts}
                />
                <MediaUploader
                  mediaIds={mediaIds}
                  assets={assets}
                  disabled={locked}
                  onUploaded={(asset) => {
                    setAssets((all) => ({ ...all, [asset.id]: asset }))
                    setMediaIds((ids) => [...ids, asset.id])
                  }}
                  onRemove={(id) => setMediaIds((ids) => ids.filter((m) => m !== id))}
                />
              </TabPanel>
              {targetPlatforms.map((platform) => {
                const saved = savedVariant(platform)
                const hasVariants = variantsOf(platform).length > 0
                const draft = variantDrafts[platform]
                return (
                  <TabPanel key={platform} className="space-y-4">
                    <div className="flex flex-wrap items-center gap-2">
                      <h2 className="text-sm font-semibold text-slate-900">{platformName(platform)}</h2>
                      <CharacterCounter check={checkFor(platform)} />
                      {saved?.user_edited && <Badge tone="amber">Edited</Badge>}
                      {saved?.optimized_by && <Badge tone="indigo">Optimized ({saved.optimized_by})</Badge>}
                    </div>
                    {hasVariants ? (
                      <>
                        <TextArea
                          label={`Text for ${platformName(platform)}`}
                          rows={6}
                          readOnly={locked}
                          value={textFor(platform)}
                          onChange={(e) => setVariantDrafts((d) => ({ ...d, [platform]: e.target.value }))}
                        />
                        {!locked && (
                          <div className="flex flex-wrap gap-2">
                            <Button variant="secondary" disabled={draft === undefined} loading={busy === 'variant'} onClick={() => void saveVariant(platform, false)}>
                              Save {platformName(platform)} text
                            </Button>
                            {(saved || draft !== undefined) && (
                              <Button variant="ghost" onClick={() => (saved ? void saveVariant(platform, true) : setVariantDrafts(({ [platform]: _d, ...rest }) => rest))}>
                                Revert to original
                              </Button>
                            )}
                          </div>
                        )}
                      </>
                    ) : (
                      <p className="text-sm text-slate-600">Save the draft to give {platformName(platform)} its own text. Until then it uses the original.</p>
                    )}
                    <ProblemList problems={problemsFor(platform)} showPlatform={false} />
                  </TabPanel>
                )
              })}
            </TabPanels>
          </TabGroup>
        </Card>

        <aside className="space-y-4" aria-label="Previews">
          {targetPlatforms.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">Choose accounts to see how the post looks on each platform.</p>
          ) : (
            (activePlatform ? [activePlatform] : targetPlatforms).map((platform) => (
              <PostPreview key={platform} platform={platform} text={textFor(platform)} title={showTitle ? title : null} account={previewAccount(platform)} mediaUrls={mediaUrls} />
            ))
          )}
        </aside>
      </div>

      {!locked && (
        <Card title="Publish">
          <div className="grid gap-6 md:grid-cols-2">
            <div className="space-y-3">
              <div className="flex flex-wrap gap-2">
                <Button onClick={() => void publishNow()} loading={busy === 'publish'} disabled={busy !== null}>
                  Publish now
                </Button>
                <Button variant="secondary" onClick={() => void saveDraft()} loading={busy === 'draft'} disabled={busy !== null || (!!post && !dirty)}>
                  Save draft
                </Button>
                <Button variant="ghost" onClick={() => setTemplateOpen(true)} disabled={!content.trim()}>
                  Save as template
                </Button>
              </div>
              <OptimizePanel
                result={optimizeResult}
                error={asApiError(optimizeState.error)}
                busy={optimizeState.isLoading}
                onOptimize={(optimizer) => void optimize(optimizer)}
                onEdit={(platform) => setTab(targetPlatforms.indexOf(platform) + 1)}
                onRevert={(id) => void revertById(id)}
                onDismiss={() => setOptimizeResult(null)}
              />
            </div>
            <SchedulePicker
              value={scheduleAt}
              onChange={(v) => {
                setScheduleAt(v)
                setFieldErrors((e) => ({ ...e, schedule: undefined }))
              }}
              timeZone={timeZone}
              min={toLocalInput(new Date(), timeZone)}
              error={fieldErrors.schedule}
              busy={busy === 'schedule'}
              disabled={busy !== null && busy !== 'schedule'}
              onSchedule={() => void schedule()}
            />
          </div>
        </Card>
      )}
      <ConfirmDialog open={templateOpen} title="Save as template" confirmLabel="Save template" busy={busy === 'template'} onClose={() => setTemplateOpen(false)} onConfirm={() => void saveTemplate()}>
        <TextField label="Template name" value={templateName} onChange={(e) => setTemplateName(e.target.value)} className={cx('mt-2')} />
      </ConfirmDialog>
    </div>
  )
}

export default function ComposePage() {
  const { id } = useParams()
  const location = useLocation()
  const user = useAppSelector(selectCurrentUser)
  const accounts = useGetAccountsQuery()
  const platforms = useGetPlatformsQuery()
  const post = useGetPostQuery(id ?? skipToken)
  const state = (location.state ?? {}) as { prefill?: ComposePrefill; notice?: string }
  const timeZone = safeZone(user?.timezone)

  const error = asApiError(accounts.error ?? platforms.error ?? post.error)
  if (error) {
    return (
      <Alert tone="error" title={error.status === 404 ? 'Post not found' : "Couldn't load the editor"}>
        {error.message}
      </Alert>
    )
  }
  if (!accounts.data || !platforms.data || (id && !post.data)) return <LoadingBlock label="Loading the editor" />
  return (
    <Editor
      key={id ?? `new-${location.key}`}
      post={id ? post.data! : null}
      prefill={state.prefill ?? null}
      accounts={accounts.data}
      platforms={platforms.data}
      timeZone={timeZone}
      initialNotice={state.notice ?? null}
    />
  )
}
