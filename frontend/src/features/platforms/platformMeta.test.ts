import { describe, expect, it } from 'vitest'
import { handle } from './platformMeta'

describe('identity as the platform shows it (issue 21.15)', () => {
  it('puts one "@" in front of a username, never two', () => {
    expect(handle('sandbox_channel')).toBe('@sandbox_channel')
    expect(handle('@sandbox_channel')).toBe('@sandbox_channel')
    expect(handle(null)).toBeNull()
  })
})
