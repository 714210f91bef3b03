import { useId, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react'
import { cx } from './cx'

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string
  error?: string | null
  hint?: string
  children: ReactNode
  ref?: Ref<HTMLSelectElement>
}

/** A native select: long lists (time zones) stay searchable by typing and work with screen readers. */
export function SelectField({ label, error, hint, className, children, ref, ...selectProps }: SelectFieldProps) {
  const id = useId()
  const messageId = `${id}-message`
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <select
        id={id}
        ref={ref}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? messageId : undefined}
        className={cx(
          'mt-1.5 block w-full rounded-md border-0 bg-white dark:bg-slate-900 py-2 pr-8 pl-3 text-sm text-slate-900 dark:text-slate-100 shadow-sm ring-1 ring-inset',
          'focus:ring-2 focus:ring-inset focus:outline-none',
          error ? 'ring-red-400 focus:ring-red-500' : 'ring-slate-300 dark:ring-slate-600 focus:ring-indigo-600 dark:focus:ring-indigo-400',
        )}
        {...selectProps}
      >
        {children}
      </select>
      {(error || hint) && (
        <p id={messageId} className={cx('mt-1.5 text-sm', error ? 'text-red-600 dark:text-red-400' : 'text-slate-500 dark:text-slate-400')}>
          {error || hint}
        </p>
      )}
    </div>
  )
}
