import { useState } from 'react'
import { TextField, type TextFieldProps } from './TextField'

/** A password input with a Show/Hide button (the button is named by its own text only). */
export function PasswordField(props: Omit<TextFieldProps, 'type'>) {
  const [shown, setShown] = useState(false)
  return (
    <div className="relative">
      <TextField {...props} type={shown ? 'text' : 'password'} />
      <button
        type="button"
        onClick={() => setShown((s) => !s)}
        aria-pressed={shown}
        className="absolute top-8 right-2 rounded px-2 py-0.5 text-xs font-medium text-indigo-600 dark:text-indigo-300 hover:text-indigo-500 dark:hover:text-indigo-200 focus-visible:ring-2 focus-visible:ring-indigo-600 dark:focus-visible:ring-indigo-400 focus-visible:outline-none"
      >
        {shown ? 'Hide' : 'Show'}
      </button>
    </div>
  )
}
