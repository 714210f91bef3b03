import { useHasEndpoints } from '../../app/capabilities'
import { Alert } from '../../components/Alert'
import { LoadingBlock, PageHeader } from '../../components/PageHeader'

/** Plans and usage. Shown once the backend serves /api/billing (read from its OpenAPI). */
export default function BillingPage() {
  const { has, loaded } = useHasEndpoints()
  if (!loaded) return <LoadingBlock />
  return (
    <div className="space-y-6">
      <PageHeader title="Billing" description="Your plan and usage." />
      {!has('GET /api/billing/subscription') && <Alert tone="info">Billing isn't available on this server yet.</Alert>}
    </div>
  )
}
