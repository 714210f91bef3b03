import { useState } from 'react'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'
import { useUpdateMeMutation } from '../auth/authApi'
import type { User } from '../auth/types'
import { browserTimeZone } from './timezones'

const KEY = 'sf_zone_kept'

/** The browser is in another zone than the account (travel, or an account made elsewhere): offer to switch. */
export function TimeZoneMismatch({ user }: { user: User }) {
  const [browser] = useState(browserTimeZone)
  const [kept, setKept] = useState(() => localStorage.getItem(KEY))
  const [updateMe, { isLoading }] = useUpdateMeMutation()
  const pair = `${user.timezone}|${browser}`
  if (!user.timezone || user.timezone === browser || kept === pair) return null
  return (
    <Alert
      tone="info"
      title="Different time zone"
      action={
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" loading={isLoading} onClick={() => void updateMe({ timezone: browser })}>
            Use {browser}
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              localStorage.setItem(KEY, pair)
              setKept(pair)
            }}
          >
            Keep {user.timezone}
          </Button>
        </div>
      }
    >
      Your browser is in {browser}, your account shows and schedules times in {user.timezone}.
    </Alert>
  )
}
