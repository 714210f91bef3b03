import { describe, expect, it } from 'vitest'
import { Suspense } from 'react'
import { render, screen } from '@testing-library/react'
import { lazyPage } from './lazyPage'

const Hello = () => <p>Hello page</p>

describe('lazyPage', () => {
  it('renders a preloaded page at once, without showing the Suspense fallback', async () => {
    let calls = 0
    const Page = lazyPage(async () => {
      calls += 1
      return { default: Hello }
    })
    await Page.preload()
    render(
      <Suspense fallback={<p>Loading</p>}>
        <Page />
      </Suspense>,
    )
    expect(screen.getByText('Hello page')).toBeInTheDocument()
    expect(screen.queryByText('Loading')).not.toBeInTheDocument()
    expect(calls).toBe(1)
  })

  it('suspends like React.lazy when the chunk is not loaded yet, and retries a failed download', async () => {
    let fail = true
    const Page = lazyPage(async () => {
      if (fail) throw new Error('offline')
      return { default: Hello }
    })
    await expect(Page.preload()).rejects.toThrow('offline')
    fail = false
    render(
      <Suspense fallback={<p>Loading</p>}>
        <Page />
      </Suspense>,
    )
    expect(screen.getByText('Loading')).toBeInTheDocument()
    expect(await screen.findByText('Hello page')).toBeInTheDocument()
  })
})
