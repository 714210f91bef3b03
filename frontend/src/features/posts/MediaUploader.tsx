import { useRef } from 'react'
import { Button } from '../../components/Button'
import type { Upload } from './compose/useUploads'
import type { MediaAsset } from './types'

export interface MediaUploaderProps {
  mediaIds: string[]
  assets: Record<string, MediaAsset>
  uploads: Upload[]
  onAdd: (files: File[]) => void
  onCancel: (id: string) => void
  onRemove: (id: string) => void
  reserveError?: string | null
  disabled?: boolean
}

/** The post's media: thumbnails of what is stored, a percentage and Cancel for what is on its way. */
export function MediaUploader({ mediaIds, assets, uploads, onAdd, onCancel, onRemove, reserveError, disabled }: MediaUploaderProps) {
  const input = useRef<HTMLInputElement>(null)
  const uploading = new Map(uploads.map((u) => [u.id, u]))
  const nameOf = (id: string, index: number) => uploading.get(id)?.name ?? assets[id]?.filename ?? `media ${index + 1}`
  const names = mediaIds.map(nameOf)
  /** What the buttons call this item: its file name, with its place when two share a name. */
  const labelOf = (index: number) => (names.filter((n) => n === names[index]).length > 1 ? `${names[index]} (${index + 1} of ${names.length})` : names[index])
  return (
    <div>
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Media</p>
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
            onAdd(Array.from(e.target.files ?? []))
            e.target.value = ''
          }}
        />
      </div>
      {reserveError && (
        <p className="mt-2 text-sm text-red-600 dark:text-red-400" role="alert">
          {reserveError}
        </p>
      )}
      {mediaIds.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-3" aria-label="Attached media">
          {mediaIds.map((id, index) => {
            const asset = assets[id]
            const upload = uploading.get(id)
            const name = names[index]
            const label = labelOf(index)
            if (upload) {
              return (
                <li key={id} className="w-40 rounded-lg p-2 text-xs ring-1 ring-slate-200 dark:ring-slate-700" data-testid="upload">
                  <p className="truncate text-slate-700 dark:text-slate-300">{upload.name}</p>
                  {upload.error ? (
                    <p className="mt-1 text-red-600 dark:text-red-400" role="alert">
                      {upload.error}
                    </p>
                  ) : (
                    <div className="mt-2 flex items-center gap-2">
                      <progress className="w-full" max={100} value={upload.progress} aria-label={`Uploading ${label}`} />
                      <span className="tabular-nums">{upload.progress}%</span>
                    </div>
                  )}
                  <button type="button" className="mt-1 font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200" onClick={() => onCancel(id)}>
                    {upload.error ? `Remove ${label}` : `Cancel upload of ${label}`}
                  </button>
                </li>
              )
            }
            return (
              <li key={id} className="relative size-24 overflow-hidden rounded-lg bg-slate-100 dark:bg-slate-800 ring-1 ring-slate-200 dark:ring-slate-700">
                {asset?.status === 'uploading' ? (
                  <span className="flex size-full items-center justify-center p-1 text-center text-xs text-amber-700 dark:text-amber-300">Upload interrupted: remove it and add the file again</span>
                ) : asset?.kind === 'video' ? (
                  <video src={asset.url} className="size-full object-cover" muted aria-label={name} />
                ) : asset ? (
                  <img src={asset.thumbnail_url ?? asset.url} alt={name} className="size-full object-cover" />
                ) : (
                  <span className="flex size-full items-center justify-center text-xs text-slate-500 dark:text-slate-400">Loading…</span>
                )}
                <button
                  type="button"
                  onClick={() => onRemove(id)}
                  disabled={disabled}
                  className="absolute top-1 right-1 rounded-full bg-black/60 px-1.5 text-xs text-white focus-visible:ring-2 focus-visible:ring-white dark:focus-visible:ring-white focus-visible:outline-none"
                  aria-label={`Remove ${label}`}
                >
                  ✕
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
