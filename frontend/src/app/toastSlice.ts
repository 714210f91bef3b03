import { createSlice, nanoid, type PayloadAction } from '@reduxjs/toolkit'

export type ToastTone = 'success' | 'error' | 'info'

export interface Toast {
  id: string
  tone: ToastTone
  message: string
  /** An external link (the post on the platform) or an in-app path. */
  link?: { href: string; label: string }
  /** Posts just deleted: the toast offers "Undo" (POST /posts/restore). */
  undoDelete?: string[]
  /** A post just moved on the calendar: "Undo" puts it back at `at` (ISO). */
  undoReschedule?: { id: string; at: string }
}

const toastSlice = createSlice({
  name: 'toasts',
  initialState: [] as Toast[],
  reducers: {
    toastAdded: {
      reducer(state, action: PayloadAction<Toast>) {
        state.push(action.payload)
        // A burst of events must not bury the screen: keep the newest few.
        if (state.length > 5) state.splice(0, state.length - 5)
      },
      prepare: (toast: Omit<Toast, 'id'>) => ({ payload: { ...toast, id: nanoid() } }),
    },
    toastDismissed(state, action: PayloadAction<string>) {
      return state.filter((toast) => toast.id !== action.payload)
    },
  },
})

export const { toastAdded, toastDismissed } = toastSlice.actions
export const toastsReducer = toastSlice.reducer
export const selectToasts = (state: { toasts: Toast[] }) => state.toasts
