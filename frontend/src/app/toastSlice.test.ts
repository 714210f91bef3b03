import { describe, expect, it } from 'vitest'
import { toastAdded, toastDismissed, toastsReducer } from './toastSlice'

describe('toasts slice', () => {
  it('adds toasts with ids and dismisses them by id', () => {
    let state = toastsReducer(undefined, toastAdded({ tone: 'success', message: 'Published to X' }))
    state = toastsReducer(state, toastAdded({ tone: 'error', message: 'Failed on Instagram' }))
    expect(state.map((t) => t.message)).toEqual(['Published to X', 'Failed on Instagram'])
    state = toastsReducer(state, toastDismissed(state[0].id))
    expect(state.map((t) => t.message)).toEqual(['Failed on Instagram'])
  })

  it('keeps only the newest five', () => {
    let state = toastsReducer(undefined, { type: 'init' })
    for (let i = 0; i < 7; i++) state = toastsReducer(state, toastAdded({ tone: 'info', message: `n${i}` }))
    expect(state.map((t) => t.message)).toEqual(['n2', 'n3', 'n4', 'n5', 'n6'])
  })
})
