import { describe, expect, it } from 'vitest'
import { screen, within } from '@testing-library/react'
import { PostStatusPanel } from './PostStatusPanel'
import { renderWithStore, signedIn } from '../../test/render'
import type { PlatformPost, Post } from './types'

function target(platform: string, status: string): PlatformPost {
  return {
    id: `t-${platform}`,
    platform,
    social_account_id: `a-${platform}`,
    content: 'Now',
    title: null,
    media_ids: [],
    status,
    user_edited: false,
    optimized_by: null,
    platform_url: status === 'published' ? `https://example.com/${platform}/1` : null,
    error_message: null,
    published_at: status === 'published' ? '2099-03-12T10:00:00Z' : null,
    due_at: null,
  } as unknown as PlatformPost
}

function post(status: string, targets: PlatformPost[], scheduledFor: string | null = null): Post {
  return {
    id: 'p-1',
    title: null,
    content: 'Now',
    media_ids: [],
    platforms: targets.map((t) => t.platform),
    status,
    scheduled_for: scheduledFor,
    schedule_timezone: null,
    published_at: null,
    created_at: '',
    updated_at: '',
    problems: [],
    platform_posts: targets,
  } as unknown as Post
}

const rowStatus = (platform: string) => within(screen.getByTestId(`target-${platform}`)).getByText(/./, { selector: '[data-status]' }).textContent

describe('publishing now says so, and stops saying so (issue 21.12)', () => {
  it('while a post published now goes out, its waiting rows read "Publishing", never "Scheduled"', () => {
    renderWithStore(<PostStatusPanel post={post('publishing', [target('twitter', 'pending'), target('linkedin', 'published')])} timeZone="UTC" />, { auth: signedIn() })
    expect(screen.getByText(/Publishing now/)).toBeInTheDocument()
    expect(rowStatus('twitter')).toBe('Publishing')
    expect(rowStatus('linkedin')).toBe('Published')
    expect(screen.queryByText('Scheduled')).not.toBeInTheDocument()
  })

  it('once everything is published, "Publishing now…" is gone', () => {
    renderWithStore(<PostStatusPanel post={post('published', [target('twitter', 'published'), target('linkedin', 'published')])} timeZone="UTC" />, { auth: signedIn() })
    expect(screen.queryByText(/Publishing now/)).not.toBeInTheDocument()
    expect(rowStatus('twitter')).toBe('Published')
  })

  it('a post with its own time says when it goes out, and its rows read "Scheduled"', () => {
    renderWithStore(<PostStatusPanel post={post('scheduled', [target('twitter', 'pending')], '2099-03-12T10:00:00Z')} timeZone="UTC" />, { auth: signedIn() })
    expect(screen.getByText(/Goes out/)).toBeInTheDocument()
    expect(screen.queryByText(/Publishing now/)).not.toBeInTheDocument()
    expect(rowStatus('twitter')).toBe('Scheduled')
  })
})
