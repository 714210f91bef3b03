import { describe, expect, it } from 'vitest'
import { composeReducer, initialForm, isDirty, validateForm } from './formState'

describe('the composer form (issue 13 §5)', () => {
  it('keeps text typed in each platform tab until it is saved, and only those saved are dropped', () => {
    let form = initialForm(null, null, '2027-03-10T13:00')
    form = composeReducer(form, { type: 'content', value: 'Hello' })
    form = composeReducer(form, { type: 'variantText', platform: 'twitter', value: 'Hi X' })
    form = composeReducer(form, { type: 'variantText', platform: 'linkedin', value: 'Hi LinkedIn' })
    expect(form.variantTexts).toEqual({ twitter: 'Hi X', linkedin: 'Hi LinkedIn' })
    form = composeReducer(form, { type: 'variantsSaved', platforms: ['twitter'] })
    expect(form.variantTexts).toEqual({ linkedin: 'Hi LinkedIn' })
    expect(form.edits).toBe(3)
  })

  it('names each missing field and clears the error as the user fixes it', () => {
    let form = initialForm(null, null, '')
    form = composeReducer(form, { type: 'fieldErrors', errors: validateForm(form) })
    expect(form.fieldErrors).toEqual({ content: 'Write something to post.', accounts: 'Choose at least one account.' })
    form = composeReducer(form, { type: 'content', value: 'x' })
    expect(form.fieldErrors.content).toBeUndefined()
    expect(form.fieldErrors.accounts).toBeDefined()
  })

  it('a new empty form is not dirty; typing makes it dirty', () => {
    const form = initialForm(null, null, '')
    expect(isDirty(form, null)).toBe(false)
    expect(isDirty(composeReducer(form, { type: 'content', value: 'a' }), null)).toBe(true)
  })
})
