import { useCallback, useEffect, useRef, useState } from 'react'
import { useStore } from 'react-redux'
import { requestWithSession } from '../../../app/api'
import { useAppDispatch } from '../../../app/hooks'
import type { MediaAsset } from '../types'

export interface Upload {
  /** the media id reserved for it: already in the post's media while the bytes travel */
  id: string
  name: string
  progress: number
  error: string | null
}

/**
 * Uploads that the post knows about from the first moment: each file first reserves a media id
 * (POST /media/uploads), which goes into the post at once, so the server refuses to publish it
 * until the bytes are in. Progress in percent; Cancel aborts and deletes the reservation.
 */
export function useUploads({ onReserved, onUploaded, onCancelled }: { onReserved: (id: string) => void; onUploaded: (asset: MediaAsset) => void; onCancelled: (id: string) => void }) {
  const dispatch = useAppDispatch()
  const store = useStore()
  const [uploads, setUploads] = useState<Upload[]>([])
  const controllers = useRef(new Map<string, AbortController>())
  const [reserveError, setReserveError] = useState<string | null>(null)

  const patch = (id: string, change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.id === id ? { ...u, ...change } : u)))
  const call = useCallback((request: Parameters<typeof requestWithSession>[0]) => requestWithSession(request, dispatch, store.getState), [dispatch, store])

  async function add(file: File) {
    setReserveError(null)
    const reserved = await call({ url: '/media/uploads', method: 'POST', data: { filename: file.name, mime_type: file.type || 'application/octet-stream', size_bytes: Math.max(file.size, 1) } })
    if (reserved.error) {
      setReserveError(`${file.name}: ${reserved.error.message}`)
      return
    }
    const id = (reserved.data as MediaAsset).id
    const controller = new AbortController()
    controllers.current.set(id, controller)
    setUploads((all) => [...all, { id, name: file.name, progress: 0, error: null }])
    onReserved(id)
    const form = new FormData()
    form.append('file', file)
    const result = await call({
      url: '/posts/upload-media',
      method: 'POST',
      params: { media_id: id },
      data: form,
      signal: controller.signal,
      onUploadProgress: (event) => patch(id, { progress: event.total ? Math.min(99, Math.round((event.loaded / event.total) * 100)) : 0 }),
    })
    controllers.current.delete(id)
    if (controller.signal.aborted) return
    if (result.error) return patch(id, { error: result.error.message })
    setUploads((all) => all.filter((u) => u.id !== id))
    onUploaded(result.data as MediaAsset)
  }

  /** Stop an upload (or drop a failed one): the reservation is deleted and leaves the post. */
  async function cancel(id: string) {
    controllers.current.get(id)?.abort()
    controllers.current.delete(id)
    setUploads((all) => all.filter((u) => u.id !== id))
    onCancelled(id)
    await call({ url: `/media/${id}`, method: 'DELETE' })
  }

  // Leaving the page aborts what is still travelling (the reservation stays: the post lists it).
  useEffect(() => {
    const running = controllers.current
    return () => running.forEach((c) => c.abort())
  }, [])

  const active = uploads.filter((u) => !u.error)
  return { uploads, active, add, cancel, reserveError, dismissReserveError: () => setReserveError(null) }
}
