import { Link } from 'react-router-dom'
import { Alert } from '../../components/Alert'
import type { PlanGate } from './shaping'

/** What a 402 said, with the way to the plan that unlocks it. */
export function PlanNotice({ gate, title = 'Not included in your plan' }: { gate: PlanGate; title?: string }) {
  const plan = gate.requiredPlan ? gate.requiredPlan.charAt(0).toUpperCase() + gate.requiredPlan.slice(1) : null
  return (
    <Alert tone="warning" title={title}>
      {gate.message}{' '}
      <Link to="/billing" className="font-medium underline">
        {plan ? `See the ${plan} plan` : 'See plans'}
      </Link>
    </Alert>
  )
}
