import { useRef, useState } from 'react'
import { useStore } from 'react-redux'
import { requestWithSession } from '../../app/api'
import { useAppDispatch } from '../../app/hooks'
import { Button } from '../../components/Button'
import type { MediaAsset } from './types'

interface Upload {
  key: string
  name: string
  progress: number
  error: string | null
}

export interface MediaUploaderProps {
  mediaIds: string[]
  assets: Record<string, MediaAsset>
  onUploaded: (asset: MediaAsset) => void
  onRemove: (id: string) => void
  disabled?: boolean
}

/** Uploads with a progress bar per file (axios onUploadProgress); thumbnails once stored. */
export function MediaUploader({ mediaIds, assets, onUploaded, onRemove, disabled }: MediaUploaderProps) {
  const dispatch = useAppDispatch()
  const store = useStore()
  const input = useRef<HTMLInputElement>(null)
  const [uploads, setUploads] = useState<Upload[]>([])

  const patch = (key: string, change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)))

  async function upload(file: File) {
    const key = `${file.name}-${file.size}-${Date.now()}`
    setUploads((all) => [...all, { key, name: file.name, progress: 0, error: null }])
    const form = new FormData()
    form.append('file', file)
    const result = await requestWithSession(
      {
        url: '/posts/upload-media',
        method: 'POST',
        data: form,
        onUploadProgress: (event) => patch(key, { progress: event.total ? Math.round((event.loaded / event.total) * 100) : 0 }),
      },
      dispatch,
      store.getState,
    )
    if (result.error) return patch(key, { error: result.error.message })
    onUploaded(result.data as MediaAsset)
    setUploads((all) => all.filter((u) => u.key !== key))
  }

  return (
    <div>
      <div className="flex items-center justify-between">
        <p className="text-sm font-medium text-slate-800">Media</p>
        <Button variant="secondary" onClick={() => input.current?.click()} disabled={disabled}>
          Add photo or video
        </Button>
        <input
          ref={input}
          type="file"
          accept="image/*,video/*"
          multiple
          className="sr-only"
          aria-label="Upload media"
          onChange={(e) => {
            for (const file of Array.from(e.target.files ?? [])) void upload(file)
            e.target.value = ''
          }}
        />
      </div>
      {(mediaIds.length > 0 || uploads.length > 0) && (
        <ul className="mt-3 flex flex-wrap gap-3" aria-label="Attached media">
          {mediaIds.map((id) => {
            const asset = assets[id]
            return (
              <li key={id} className="relative size-24 overflow-hidden rounded-lg bg-slate-100 ring-1 ring-slate-200">
                {asset?.kind === 'video' ? (
                  <video src={asset.url} className="size-full object-cover" muted aria-label="Video" />
                ) : asset ? (
                  <img src={asset.thumbnail_url ?? asset.url} alt="" className="size-full object-cover" />
                ) : (
                  <span className="flex size-full items-center justify-center text-xs text-slate-500">Attached</span>
                )}
                <button type="button" onClick={() => onRemove(id)} disabled={disabled} className="absolute top-1 right-1 rounded-full bg-black/60 px-1.5 text-xs text-white" aria-label="Remove media">
                  ✕
                </button>
              </li>
            )
          })}
          {uploads.map((u) => (
            <li key={u.key} className="w-40 rounded-lg p-2 text-xs ring-1 ring-slate-200">
              <p className="truncate text-slate-700">{u.name}</p>
              {u.error ? (
                <p className="mt-1 text-red-600" role="alert">
                  {u.error}
                </p>
              ) : (
                <progress className="mt-2 w-full" max={100} value={u.progress} aria-label={`Uploading ${u.name}`}>
                  {u.progress}%
                </progress>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
