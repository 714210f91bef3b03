import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import { TikTokSettingsForm, type TikTokOptions } from './TikTokSettings'
import type { TikTokCreatorInfo } from './tiktokApi'

const INFO: TikTokCreatorInfo = {
  creator_username: 'dance_creator',
  creator_nickname: 'Dance Creator',
  privacy_level_options: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
  comment_disabled: false,
  duet_disabled: true,
  stitch_disabled: false,
  max_video_post_duration_sec: 600,
}

function renderForm(value: TikTokOptions = {}, info: TikTokCreatorInfo = INFO) {
  const onChange = vi.fn()
  render(<TikTokSettingsForm info={info} value={value} onChange={onChange} />)
  return onChange
}

describe('TikTok settings', () => {
  it('offers the creator_info privacy options with none chosen, and asks for a choice', () => {
    const onChange = renderForm()
    const radios = screen.getAllByRole('radio')
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual(INFO.privacy_level_options)
    expect(radios.some((r) => (r as HTMLInputElement).checked)).toBe(false)
    expect(screen.getByText(/TikTok requires your choice/)).toBeInTheDocument()
    fireEvent.click(screen.getByLabelText('Only me'))
    expect(onChange).toHaveBeenCalledWith({ privacy_level: 'SELF_ONLY' })
  })

  it('shows a private account its own options', () => {
    renderForm({}, { ...INFO, privacy_level_options: ['FOLLOWER_OF_CREATOR', 'SELF_ONLY'] })
    expect(screen.queryByLabelText('Everyone')).toBeNull()
    expect(screen.getByLabelText('Followers')).toBeInTheDocument()
  })

  it('disables interactions the creator turned off in TikTok', () => {
    const onChange = renderForm({ privacy_level: 'PUBLIC_TO_EVERYONE' })
    const duet = screen.getByLabelText(/Allow Duet/) as HTMLInputElement
    expect(duet.disabled).toBe(true)
    expect(duet.checked).toBe(false)
    const comments = screen.getByLabelText(/Allow comments/) as HTMLInputElement
    expect(comments.disabled).toBe(false)
    fireEvent.click(comments)
    expect(onChange).toHaveBeenCalledWith({ privacy_level: 'PUBLIC_TO_EVERYONE', disable_comment: true })
  })

  it('discloses commercial content with the required consent text; branded content cannot be private', () => {
    renderForm({ privacy_level: 'PUBLIC_TO_EVERYONE', commercial_content: true, brand_content_toggle: true })
    expect(screen.getByTestId('tiktok-consent')).toHaveTextContent("TikTok's Branded Content Policy and Music Usage Confirmation")
    expect((screen.getByLabelText(/Only me/) as HTMLInputElement).disabled).toBe(true)
  })

  it('asks which kind of commercial content, and names only the music confirmation otherwise', () => {
    renderForm({ privacy_level: 'SELF_ONLY', commercial_content: true })
    expect(screen.getByText(/Choose “Your brand”, “Branded content” or both/)).toBeInTheDocument()
    expect(screen.getByTestId('tiktok-consent')).toHaveTextContent("By posting, you agree to TikTok's Music Usage Confirmation.")
  })
})
