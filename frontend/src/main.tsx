import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Provider } from 'react-redux'
import { BrowserRouter } from 'react-router-dom'
import { AppRoutes, prefetchRoute } from './app/AppRoutes'
import { makeStore } from './app/store'
import { SessionGate } from './features/auth/SessionGate'
import './index.css'

const store = makeStore()
prefetchRoute(window.location.pathname)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider store={store}>
      <BrowserRouter>
        <SessionGate>
          <AppRoutes />
        </SessionGate>
      </BrowserRouter>
    </Provider>
  </StrictMode>,
)
