import { useId, type Ref, type TextareaHTMLAttributes } from 'react'
import { cx } from './cx'

export interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: string
  error?: string | null
  hint?: string
  hideLabel?: boolean
  ref?: Ref<HTMLTextAreaElement>
}

export function TextArea({ label, error, hint, hideLabel, className, ref, ...rest }: TextAreaProps) {
  const id = useId()
  const messageId = `${id}-message`
  return (
    <div className={className}>
      <label htmlFor={id} className={cx('block text-sm font-medium text-slate-800 dark:text-slate-200', hideLabel && 'sr-only')}>
        {label}
      </label>
      <textarea
        id={id}
        ref={ref}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? messageId : undefined}
        className={cx(
          'mt-1.5 block w-full rounded-md border-0 bg-white dark:bg-slate-900 px-3 py-2 text-sm text-slate-900 dark:text-slate-100 shadow-sm ring-1 ring-inset',
          'placeholder:text-slate-400 dark:placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:outline-none',
          error ? 'ring-red-400 focus:ring-red-500' : 'ring-slate-300 dark:ring-slate-600 focus:ring-indigo-600 dark:focus:ring-indigo-400',
        )}
        {...rest}
      />
      {(error || hint) && (
        <p id={messageId} className={cx('mt-1.5 text-sm', error ? 'text-red-600 dark:text-red-400' : 'text-slate-500 dark:text-slate-400')}>
          {error || hint}
        </p>
      )}
    </div>
  )
}
