import type { ReactNode } from 'react'
import { Link, useParams } from 'react-router-dom'
import { lazyPage } from '../../app/lazyPage'
import { Alert } from '../../components/Alert'
import { LoadingBlock, PageHeader } from '../../components/PageHeader'
import { ROLE_LABEL, useCurrentWorkspace } from './permissions'

// Its own chunk: only viewers open it.
const ReadOnlyPostPage = lazyPage(() => import('./ReadOnlyPostPage'))

const link = 'font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200'

/** Why this member cannot write here: a viewer, or over the plan's seats. */
export function NoWriteNotice({ what }: { what: string }) {
  const { workspace, permissions } = useCurrentWorkspace()
  const name = workspace?.name ?? 'this workspace'
  if (permissions.readOnly) return <Alert tone="warning">You are read-only in {name}: over the plan's seats until someone is removed or the plan upgraded.</Alert>
  return (
    <Alert tone="info">
      You are {permissions.role ? `a ${ROLE_LABEL[permissions.role].toLowerCase()}` : 'a member'} in {name}: you can {what}, but not change anything.
    </Alert>
  )
}

/**
 * The composer's routes: editors and up write; a viewer (or a read-only member) reads the post
 * instead, and /compose tells them why there is nothing to write with.
 */
export function WritersOnly({ children }: { children: ReactNode }) {
  const { id } = useParams()
  const { permissions } = useCurrentWorkspace()
  if (permissions.role === null) return <LoadingBlock />
  if (permissions.canWrite) return <>{children}</>
  if (id) return <ReadOnlyPostPage />
  return (
    <div className="space-y-6">
      <PageHeader title="Compose" />
      <NoWriteNotice what="read posts, the calendar and analytics" />
      <p className="text-sm">
        <Link to="/schedule" className={link}>
          See the schedule
        </Link>
      </p>
    </div>
  )
}
