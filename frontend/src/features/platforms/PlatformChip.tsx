import { cx } from '../../components/cx'
import { platformMeta } from './platformMeta'

/** A small colored square with the platform's initials; the name is given to assistive tech. */
export function PlatformChip({ platform, size = 'md', className }: { platform: string; size?: 'sm' | 'md'; className?: string }) {
  const meta = platformMeta(platform)
  return (
    <span className={cx('inline-flex shrink-0 items-center justify-center rounded-md font-bold', size === 'sm' ? 'size-5 text-[10px]' : 'size-7 text-xs', meta.chip, className)} title={meta.name}>
      <span aria-hidden="true">{meta.initials}</span>
      <span className="sr-only">{meta.name}</span>
    </span>
  )
}
