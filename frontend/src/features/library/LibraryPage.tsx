import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router-dom'
import { Dialog, DialogPanel, DialogTitle } from '@headlessui/react'
import { asApiError } from '../../app/apiError'
import { splitServerError } from '../../app/forms'
import { useDebouncedValue } from '../../app/useDebouncedValue'
import { Alert } from '../../components/Alert'
import { Badge } from '../../components/Badge'
import { Button } from '../../components/Button'
import { Card } from '../../components/Card'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { EmptyState, LoadingBlock, PageHeader } from '../../components/PageHeader'
import { SelectField } from '../../components/SelectField'
import { TextArea } from '../../components/TextArea'
import { TextField } from '../../components/TextField'
import { usePermissions } from '../workspaces/permissions'
import {
  useCreateLibraryItemMutation,
  useDeleteLibraryItemMutation,
  useGetLibraryTagsQuery,
  useListLibraryQuery,
  useUpdateLibraryItemMutation,
  useUseLibraryItemMutation,
  type LibraryItem,
} from './libraryApi'

const PAGE = 20

function ItemDialog({ item, onClose }: { item: LibraryItem | 'new'; onClose: () => void }) {
  const existing = item === 'new' ? null : item
  const [create, createState] = useCreateLibraryItemMutation()
  const [update, updateState] = useUpdateLibraryItemMutation()
  const [title, setTitle] = useState(existing?.title ?? '')
  const [content, setContent] = useState(existing?.content ?? '')
  const [tags, setTags] = useState(existing?.tags.join(', ') ?? '')
  const [isTemplate, setIsTemplate] = useState(existing?.is_template ?? false)
  const [templateName, setTemplateName] = useState(existing?.template_name ?? '')
  const [errors, setErrors] = useState<{ content?: string; title?: string; tags?: string; template_name?: string }>({})
  const [formError, setFormError] = useState<string | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!content.trim()) return setErrors({ content: 'Write the text to keep.' })
    const body = {
      title: title.trim() || null,
      content,
      tags: tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      media_ids: existing?.media_ids ?? [],
      is_template: isTemplate,
      template_name: isTemplate ? templateName.trim() || null : null,
    }
    try {
      if (existing) await update({ id: existing.id, ...body }).unwrap()
      else await create(body).unwrap()
      onClose()
    } catch (raw) {
      const split = splitServerError(raw, ['content', 'title', 'tags', 'template_name'] as const)
      setErrors(split.fieldErrors)
      setFormError(split.formError)
    }
  }

  return (
    <Dialog open onClose={onClose} className="relative z-50">
      <div className="fixed inset-0 bg-slate-900/40" aria-hidden="true" />
      <div className="fixed inset-0 flex items-center justify-center overflow-y-auto p-4">
        <DialogPanel className="w-full max-w-lg rounded-xl bg-white dark:bg-slate-900 p-6 shadow-xl">
          <DialogTitle className="text-base font-semibold text-slate-900 dark:text-slate-100">{existing ? 'Edit library item' : 'New library item'}</DialogTitle>
          <form onSubmit={submit} noValidate className="mt-4 space-y-4" aria-label="Library item">
            {formError && <Alert tone="error">{formError}</Alert>}
            <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
            <TextArea label="Text" rows={5} value={content} onChange={(e) => setContent(e.target.value)} error={errors.content} />
            <TextField label="Tags" hint="Separate with commas." value={tags} onChange={(e) => setTags(e.target.value)} error={errors.tags} />
            <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
              <input type="checkbox" checked={isTemplate} onChange={(e) => setIsTemplate(e.target.checked)} className="size-4 rounded border-slate-300 dark:border-slate-600" />
              Template
            </label>
            {isTemplate && <TextField label="Template name" value={templateName} onChange={(e) => setTemplateName(e.target.value)} error={errors.template_name} />}
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={createState.isLoading || updateState.isLoading}>
                Save
              </Button>
            </div>
          </form>
        </DialogPanel>
      </div>
    </Dialog>
  )
}

function Library() {
  const navigate = useNavigate()
  const [q, setQ] = useState('')
  const [tag, setTag] = useState('')
  const [kind, setKind] = useState<'' | 'templates' | 'drafts'>('')
  const [offset, setOffset] = useState(0)
  const [editing, setEditing] = useState<LibraryItem | 'new' | null>(null)
  const [deleting, setDeleting] = useState<LibraryItem | null>(null)
  const search = useDebouncedValue(q, 250)
  const list = useListLibraryQuery({ q: search || undefined, tag: tag || undefined, is_template: kind === '' ? undefined : kind === 'templates', limit: PAGE, offset })
  const tags = useGetLibraryTagsQuery()
  const [applyItem, applyItemState] = useUseLibraryItemMutation()
  const [remove, removeState] = useDeleteLibraryItemMutation()
  const error = asApiError(list.error ?? applyItemState.error ?? removeState.error)
  // Viewers read the library; writing (and starting a post from an item) needs an editor.
  const { canWrite } = usePermissions()

  async function start(item: LibraryItem) {
    const prefill = await applyItem(item.id)
      .unwrap()
      .catch(() => null)
    if (prefill) navigate('/compose', { state: { prefill } })
  }

  return (
    <div className="space-y-6">
      <PageHeader title="Library" description="Drafts and templates to start posts from." actions={canWrite && <Button onClick={() => setEditing('new')}>New item</Button>} />
      {error && <Alert tone="error">{error.message}</Alert>}
      <Card>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField
            label="Search"
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value)
              setOffset(0)
            }}
            placeholder="Words in the title or text"
          />
          <SelectField
            label="Tag"
            value={tag}
            onChange={(e) => {
              setTag(e.target.value)
              setOffset(0)
            }}
          >
            <option value="">All tags</option>
            {(tags.data ?? []).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as typeof kind)
              setOffset(0)
            }}
          >
            <option value="">Everything</option>
            <option value="templates">Templates</option>
            <option value="drafts">Drafts</option>
          </SelectField>
        </div>
        <div className="mt-5">
          {list.isLoading ? (
            <LoadingBlock />
          ) : !list.data?.items.length ? (
            <EmptyState
              title={q || tag || kind ? 'Nothing matches' : 'Your library is empty'}
              action={
                canWrite && (
                  <Button variant="secondary" onClick={() => setEditing('new')}>
                    Add an item
                  </Button>
                )
              }
            >
              {q || tag || kind ? 'Try other words or filters.' : 'Keep texts you reuse here, or save one from Compose as a template.'}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-busy={list.isFetching || undefined}>
              {list.data.items.map((item) => (
                <li key={item.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start" data-testid="library-item">
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
                      {item.template_name || item.title || 'Untitled'}
                      {item.is_template && <Badge tone="indigo">Template</Badge>}
                      {item.tags.map((t) => (
                        <Badge key={t}>{t}</Badge>
                      ))}
                    </p>
                    <p className="mt-1 line-clamp-2 text-sm text-slate-600 dark:text-slate-400">{item.content}</p>
                  </div>
                  {canWrite && (
                    <div className="flex gap-1">
                      <Button variant="secondary" onClick={() => void start(item)} aria-label={`Use ${item.template_name || item.title || 'item'}`}>
                        Use
                      </Button>
                      <Button variant="ghost" onClick={() => setEditing(item)}>
                        Edit
                      </Button>
                      <Button variant="ghost" onClick={() => setDeleting(item)}>
                        Delete
                      </Button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          {list.data && list.data.total > PAGE && (
            <div className="mt-4 flex justify-end gap-2">
              <Button variant="secondary" disabled={offset === 0} onClick={() => setOffset(offset - PAGE)}>
                Previous
              </Button>
              <Button variant="secondary" disabled={offset + PAGE >= list.data.total} onClick={() => setOffset(offset + PAGE)}>
                Next
              </Button>
            </div>
          )}
        </div>
      </Card>
      {editing && <ItemDialog item={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this item?"
        confirmLabel="Delete"
        tone="danger"
        busy={removeState.isLoading}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          void remove(deleting!.id)
            .unwrap()
            .finally(() => setDeleting(null))
        }
      >
        Posts started from it are not affected.
      </ConfirmDialog>
    </div>
  )
}

/** Drafts and templates. */
export default function LibraryPage() {
  return <Library />
}
