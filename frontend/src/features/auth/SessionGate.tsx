import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { refreshSession } from '../../app/api'
import { useAppDispatch, useAppSelector } from '../../app/hooks'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { FullPageSpinner } from '../../components/Spinner'
import { selectSessionStatus, sessionNotFound } from './authSlice'

/**
 * On page load the access token is gone (it only ever lived in memory): ask POST /auth/refresh,
 * which reads the HttpOnly cookie, for a new one before rendering any route.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const dispatch = useAppDispatch()
  const status = useAppSelector(selectSessionStatus)
  const [unreachable, setUnreachable] = useState(false)

  const restore = useCallback(() => {
    void refreshSession(dispatch).then((outcome) => {
      if (outcome === 'rejected') dispatch(sessionNotFound())
      setUnreachable(outcome === 'unreachable')
    })
  }, [dispatch])
  const retry = () => {
    setUnreachable(false)
    restore()
  }

  useEffect(() => {
    if (status === 'restoring') restore()
    // Only on first load; later sessions start from the login form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  if (status !== 'restoring') return <>{children}</>
  if (unreachable) {
    return (
      <div className="flex min-h-full items-center justify-center p-6">
        <Alert
          tone="error"
          title="Can't reach Socialflow"
          className="w-full max-w-md"
          action={
            <Button variant="secondary" onClick={retry}>
              Try again
            </Button>
          }
        >
          Check your connection, then try again.
        </Alert>
      </div>
    )
  }
  return <FullPageSpinner label="Restoring your session" />
}
