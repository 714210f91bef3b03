import { useEffect, useRef, useState } from 'react'

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error'

/**
 * Saves a while after the last edit (debounced), says where it stands, and saves what is still
 * pending when the editor goes away (navigation inside the app), unless the user chose to
 * leave without saving (`discard`).
 */
export function useAutosave({ enabled, edits, save, delayMs = 1500 }: { enabled: boolean; edits: number; save: () => Promise<unknown>; delayMs?: number }) {
  const [state, setState] = useState<SaveState>('idle')
  const latest = useRef(save)
  const pending = useRef(false)
  const discarded = useRef(false)
  useEffect(() => {
    latest.current = save
  })

  useEffect(() => {
    if (!enabled || edits === 0) return
    pending.current = true
    const timer = setTimeout(() => {
      pending.current = false
      setState('saving')
      latest.current().then(
        () => setState('saved'),
        () => setState('error'),
      )
    }, delayMs)
    return () => clearTimeout(timer)
  }, [enabled, edits, delayMs])

  useEffect(
    () => () => {
      if (pending.current && !discarded.current) void latest.current().catch(() => undefined)
    },
    [],
  )

  const discard = () => {
    discarded.current = true
  }
  return { state: enabled && edits > 0 && state === 'idle' ? 'pending' : state, discard }
}

/** The browser's own "Leave site? Changes you made may not be saved." while `when` holds. */
export function useLeaveWarning(when: boolean) {
  useEffect(() => {
    if (!when) return
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [when])
}

const LOCAL_KEY = 'sf_compose_unsaved'

/** A new post not saved yet lives in this browser's storage, so a reload or a return restores it. */
export function readLocalDraft<T>(): T | null {
  try {
    const raw = localStorage.getItem(LOCAL_KEY)
    return raw ? (JSON.parse(raw) as T) : null
  } catch {
    return null
  }
}

export function writeLocalDraft(value: unknown | null) {
  try {
    if (value === null) localStorage.removeItem(LOCAL_KEY)
    else localStorage.setItem(LOCAL_KEY, JSON.stringify(value))
  } catch {
    // Storage full or blocked: the warning before leaving still protects the text.
  }
}
