import { describe, expect, it } from 'vitest'
import { render, screen } from '@testing-library/react'
import { CharacterCounter, CounterSummary, ProblemList } from './Counters'
import { toPostActionError } from './postErrors'
import { toApiError } from '../../app/apiError'
import { AxiosError } from 'axios'

describe('counters', () => {
  it('shows count / limit as the platform counts', () => {
    render(<CharacterCounter check={{ platform: 'twitter', count: 75, limit: 280, problems: [] }} />)
    const counter = screen.getByLabelText('75 of 280 characters')
    expect(counter).toHaveTextContent('75 / 280')
    expect(counter).not.toHaveAttribute('data-over')
  })

  it('turns red and says so when over the limit', () => {
    render(<CharacterCounter check={{ platform: 'twitter', count: 281, limit: 280, problems: [] }} />)
    const counter = screen.getByLabelText('281 of 280 characters, over the limit')
    expect(counter).toHaveClass('text-red-600')
  })

  it('lists every target platform with its counter, dashes while unknown', () => {
    render(<CounterSummary platforms={['twitter', 'tiktok']} checks={[{ platform: 'twitter', count: 10, limit: 280, problems: [] }]} />)
    const list = screen.getByRole('list', { name: 'Character counts' })
    expect(list).toHaveTextContent(/X\s*10 \/ 280/)
    expect(list).toHaveTextContent(/TikTok\s*– \/ –/)
  })
})

describe('validation display', () => {
  it('names the platform and the problem', () => {
    render(<ProblemList problems={[{ platform: 'instagram', platform_post_id: null, code: 'media_required', message: 'Instagram needs a photo or video.', field: 'media' }]} />)
    expect(screen.getByRole('list', { name: 'Problems to fix' })).toHaveTextContent('Instagram: Instagram needs a photo or video.')
  })

  it('reads post_invalid details as per-platform problems and 402 as a plan limit', () => {
    const response = (status: number, body: unknown) => new AxiosError('x', 'ERR', undefined, {}, { status, data: body, statusText: '', headers: {}, config: {} as never })
    const invalid = toPostActionError(
      toApiError(
        response(422, {
          error: { code: 'post_invalid', message: 'Fix these first', details: [{ platform_post_id: 't1', platform: 'twitter', code: 'too_long', message: 'Too long by 3', field: 'content' }] },
        }),
      ),
    )
    expect(invalid.problems).toEqual([{ platform_post_id: 't1', platform: 'twitter', code: 'too_long', message: 'Too long by 3', field: 'content' }])
    const plan = toPostActionError(toApiError(response(402, { error: { code: 'plan_limit', message: 'Your Free plan allows 10 posts a month.' } })))
    expect(plan).toMatchObject({ planLimit: true, problems: [] })
    expect(plan.error.message).toBe('Your Free plan allows 10 posts a month.')
  })
})
