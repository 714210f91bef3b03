import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Provider } from 'react-redux'
import { createBrowserRouter, RouterProvider } from 'react-router-dom'
import { AppRoutes, prefetchRoute } from './app/AppRoutes'
import { makeStore } from './app/store'
import { SessionGate } from './features/auth/SessionGate'
import './index.css'

const store = makeStore()
prefetchRoute(window.location.pathname)

// A data router (one catch-all route around the app's own <Routes>): it is what lets a page
// hold a navigation back with useBlocker, e.g. the composer with unsaved changes.
const router = createBrowserRouter([
  {
    path: '*',
    element: (
      <SessionGate>
        <AppRoutes />
      </SessionGate>
    ),
  },
])

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>
  </StrictMode>,
)
