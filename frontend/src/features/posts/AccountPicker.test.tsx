import { describe, expect, it } from 'vitest'
import { render, screen } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { AccountPicker } from './AccountPicker'
import type { SocialAccount } from '../platforms/types'

const account = { id: 'a1', platform: 'twitter', username: 'ada', display_name: 'Ada', avatar_url: null, status: 'active' } as SocialAccount

describe('account chips (21.15)', () => {
  it('draw a focus ring around the chip while its hidden checkbox has keyboard focus', () => {
    render(
      <MemoryRouter>
        <AccountPicker accounts={[account]} selected={[]} onChange={() => undefined} />
      </MemoryRouter>,
    )
    const box = screen.getByRole('checkbox', { name: 'X: Ada (@ada)' })
    expect(box).toHaveClass('sr-only')
    // jsdom computes no :has()/:focus-visible styles; the browser journey measures the outline.
    expect(box.closest('label')).toHaveClass('has-focus-visible:outline-2', 'has-focus-visible:outline-indigo-600', 'dark:has-focus-visible:outline-indigo-400')
  })
})
