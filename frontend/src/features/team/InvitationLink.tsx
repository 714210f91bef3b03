import { useId, useRef, useState } from 'react'
import { Alert } from '../../components/Alert'
import { Button } from '../../components/Button'

/**
 * A just-made invitation link, shown this once (the server never shows it again; "Resend" makes
 * a new one): e-mailed already, and here to share another way.
 */
export function InvitationLink({ email, url, emailed, onDismiss }: { email: string; url: string; emailed: boolean; onDismiss: () => void }) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null)

  async function copy() {
    try {
      await navigator.clipboard.writeText(url)
      setCopied('yes')
    } catch {
      // No clipboard access (permissions, insecure origin): select it for Ctrl+C instead.
      input.current?.select()
      setCopied('select')
    }
  }

  return (
    <Alert tone="success" title={emailed ? `Invitation sent to ${email}` : `Invitation ready for ${email}`}>
      {emailed ? (
        <p>We e-mailed them the link. You can also share it another way: it is shown only now, works once and expires in 7 days.</p>
      ) : (
        <p>
          We did not e-mail it: invitations are e-mailed once your own address is confirmed (see the link we sent you). Share this link with them another way: it is shown only now, works once and
          expires in 7 days.
        </p>
      )}
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor={id} className="sr-only">
          Invitation link for {email}
        </label>
        <input
          id={id}
          ref={input}
          readOnly
          value={url}
          onFocus={(e) => e.target.select()}
          data-testid="invitation-url"
          className="min-w-0 flex-1 rounded-md border-0 bg-white dark:bg-slate-900 px-3 py-2 font-mono text-xs text-slate-900 dark:text-slate-100 ring-1 ring-slate-300 dark:ring-slate-600 ring-inset"
        />
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => void copy()}>
            Copy link
          </Button>
          <Button variant="ghost" onClick={onDismiss}>
            Done
          </Button>
        </div>
      </div>
      <p aria-live="polite" className="mt-1 text-xs empty:hidden">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'select' ? 'Selected: press Ctrl+C (⌘C) to copy.' : ''}
      </p>
    </Alert>
  )
}
