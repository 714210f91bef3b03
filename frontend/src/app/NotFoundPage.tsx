import { Link } from 'react-router-dom'
import { AuthLayout } from '../components/AuthLayout'

export default function NotFoundPage() {
  return (
    <AuthLayout title="Page not found" subtitle="The page you asked for doesn't exist.">
      <Link to="/" className="flex w-full justify-center rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500">
        Go to Socialflow
      </Link>
    </AuthLayout>
  )
}
