import { useEffect, useRef, useState, type RefObject } from 'react'
import { useBlocker } from 'react-router-dom'
import { toPostActionError } from '../postErrors'
import type { LeaveReason } from './LeaveDialog'

/**
 * In-app navigation (a link, Back) away from unsaved work asks first; the tab closing asks
 * through the browser (`useLeaveWarning`). `reason` says what would be lost (null: nothing).
 * Navigations the editor makes itself (`leavingRef` set before it navigates, or a new post already
 * handed over to the server) are never held back.
 */
export function useLeaveGuard({
  reason,
  leavingRef,
  handedOverRef,
  save,
}: {
  reason: LeaveReason | null
  leavingRef: RefObject<boolean>
  handedOverRef: RefObject<boolean>
  save: () => Promise<unknown>
}) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => reason !== null && !leavingRef.current && !handedOverRef.current && currentLocation.pathname !== nextLocation.pathname)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(blocker)
  useEffect(() => {
    latest.current = blocker
  })

  function proceed() {
    // Once only: the router's blocker state reaches React in a transition, so a render may
    // still show "blocked" after the navigation was let through.
    if (leavingRef.current || latest.current.state !== 'blocked') return
    leavingRef.current = true
    setError(null)
    latest.current.proceed()
  }
  // Asked while the autosave was on its way: once it has landed there is nothing left to lose.
  useEffect(() => {
    if (blocker.state === 'blocked' && reason === null && !busy) proceed()
  })

  async function saveAndLeave() {
    setBusy(true)
    setError(null)
    try {
      await save()
      proceed()
    } catch (raw) {
      setError(toPostActionError(raw).error.message)
    } finally {
      setBusy(false)
    }
  }

  return {
    /** what the open question is about, or null while nobody is leaving */
    asking: blocker.state === 'blocked' ? (reason ?? ({ kind: 'changes' } as const)) : null,
    busy,
    error,
    stay: () => {
      setError(null)
      blocker.reset?.()
    },
    saveAndLeave: () => void saveAndLeave(),
    leave: proceed,
  }
}
