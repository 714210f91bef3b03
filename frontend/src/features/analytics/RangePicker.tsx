import { Radio, RadioGroup } from '@headlessui/react'
import { RANGES } from './shaping'
import type { RangeName } from './types'

export function RangePicker({ value, onChange }: { value: RangeName; onChange: (range: RangeName) => void }) {
  return (
    <RadioGroup value={value} onChange={onChange} aria-label="Date range" className="inline-flex rounded-md bg-white dark:bg-slate-900 p-0.5 shadow-sm ring-1 ring-slate-300 dark:ring-slate-600">
      {RANGES.map((r) => (
        <Radio
          key={r.value}
          value={r.value}
          className="cursor-pointer rounded px-3 py-1.5 text-sm font-medium text-slate-700 dark:text-slate-300 data-[checked]:bg-indigo-600 data-[checked]:text-white data-[focus]:outline-2 data-[focus]:outline-indigo-500"
        >
          {r.label}
        </Radio>
      ))}
    </RadioGroup>
  )
}
