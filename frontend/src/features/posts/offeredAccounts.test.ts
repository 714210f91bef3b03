import { describe, expect, it } from 'vitest'
import type { SocialAccount } from '../platforms/types'
import { offered } from './ComposePage'

const account = (id: string) => ({ id, platform: 'twitter' }) as unknown as SocialAccount

describe('accounts offered in the composer', () => {
  const all = [account('a'), account('b'), account('c')]

  it('offers every account when the member is not limited', () => {
    expect(offered(all, null, null).map((a) => a.id)).toEqual(['a', 'b', 'c'])
  })

  it('offers a limited editor only their accounts, plus those the post already targets', () => {
    expect(offered(all, ['b'], null).map((a) => a.id)).toEqual(['b'])
    const post = { platform_posts: [{ social_account_id: 'c' }] }
    expect(offered(all, ['b'], post).map((a) => a.id)).toEqual(['b', 'c'])
  })
})
