import { createElement, lazy, type ComponentType } from 'react'

type PageModule = { default: ComponentType }

export interface LazyPage {
  (): ReturnType<typeof createElement>
  /** Starts (or joins) the chunk's download; once loaded, the page renders without suspending. */
  preload: () => Promise<unknown>
}

/**
 * React.lazy, except that a page whose chunk is already loaded renders directly. React.lazy
 * suspends once even for a loaded module, and React 19 holds each Suspense reveal back for up
 * to 300 ms: two nested lazy levels (layout, page) cost the first paint of a page ~0.6 s.
 */
export function lazyPage(loader: () => Promise<PageModule>): LazyPage {
  let loaded: ComponentType | null = null
  let pending: Promise<PageModule> | null = null
  const load = () =>
    (pending ??= loader().then(
      (module) => {
        loaded = module.default
        return module
      },
      (error: unknown) => {
        pending = null // a failed download may be retried on the next render
        throw error
      },
    ))
  const Lazy = lazy(load)
  const Page = (() => createElement(loaded ?? Lazy)) as LazyPage
  Page.preload = load
  return Page
}
