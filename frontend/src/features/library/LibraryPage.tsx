import { useHasEndpoints } from '../../app/capabilities'
import { Alert } from '../../components/Alert'
import { LoadingBlock, PageHeader } from '../../components/PageHeader'

/** Drafts and templates. Shown once the backend serves /api/library (read from its OpenAPI). */
export default function LibraryPage() {
  const { has, loaded } = useHasEndpoints()
  if (!loaded) return <LoadingBlock />
  return (
    <div className="space-y-6">
      <PageHeader title="Library" description="Reusable drafts and templates." />
      {!has('GET /api/library') && <Alert tone="info">The library isn't available on this server yet.</Alert>}
    </div>
  )
}
