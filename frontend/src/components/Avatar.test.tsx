import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import { PostPreview } from '../features/posts/Previews'
import { Avatar, initialsOf } from './Avatar'

describe('avatars fall back to initials (21.15)', () => {
  it('shows initials when there is no picture', () => {
    render(<Avatar url={null} name="@sandbox_channel" />)
    expect(screen.getByTestId('avatar')).toHaveTextContent('SA')
    expect(initialsOf('Jo Journey')).toBe('JJ')
    expect(initialsOf('  ')).toBe('?')
  })

  it('shows initials when the picture fails to load', () => {
    render(<Avatar url="https://cdn.example.com/expired.jpg" name="Ada Lovelace" />)
    const img = screen.getByTestId('avatar')
    expect(img.tagName).toBe('IMG')
    fireEvent.error(img)
    expect(screen.getByTestId('avatar').tagName).toBe('SPAN')
    expect(screen.getByTestId('avatar')).toHaveTextContent('AL')
  })

  it('in the previews too', () => {
    render(<PostPreview platform="linkedin" text="Hello" account={{ name: 'Ada Lovelace', username: null, avatarUrl: 'https://cdn.example.com/gone.jpg' }} mediaUrls={[]} />)
    fireEvent.error(screen.getByTestId('avatar'))
    expect(screen.getByRole('figure', { name: 'LinkedIn preview' })).toHaveTextContent('AL')
  })
})
