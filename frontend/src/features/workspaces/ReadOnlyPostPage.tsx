import { useParams } from 'react-router-dom'
import { skipToken } from '@reduxjs/toolkit/query'
import { asApiError } from '../../app/apiError'
import { useAppSelector } from '../../app/hooks'
import { safeZone } from '../../app/time'
import { Alert } from '../../components/Alert'
import { Card } from '../../components/Card'
import { LoadingBlock, PageHeader } from '../../components/PageHeader'
import { selectCurrentUser } from '../auth/authSlice'
import { PostStatusPanel } from '../posts/PostStatusPanel'
import { useGetPostQuery } from '../posts/postsApi'
import { NoWriteNotice } from './WritersOnly'

/** A post as a viewer sees it: its text and where it went; no editor. */
export default function ReadOnlyPostPage() {
  const { id } = useParams()
  const user = useAppSelector(selectCurrentUser)
  const post = useGetPostQuery(id ?? skipToken)
  const error = asApiError(post.error)
  return (
    <div className="space-y-6">
      <PageHeader title="Post" />
      <NoWriteNotice what="read this post" />
      {error ? (
        <Alert tone="error" title={error.status === 404 ? 'Post not found' : "Couldn't load the post"}>
          {error.message}
        </Alert>
      ) : !post.data ? (
        <LoadingBlock label="Loading the post" />
      ) : (
        <>
          <Card title={post.data.title || 'Text'}>
            <p className="text-sm whitespace-pre-wrap text-slate-800 dark:text-slate-200" data-testid="read-only-post">
              {post.data.content || '(no text)'}
            </p>
          </Card>
          <PostStatusPanel post={post.data} timeZone={safeZone(user?.timezone)} />
        </>
      )}
    </div>
  )
}
