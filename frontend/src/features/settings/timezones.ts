export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

function offsetLabel(zone: string, now: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(now).find((p) => p.type === 'timeZoneName')
    return part ? part.value : ''
  } catch {
    return ''
  }
}

export interface TimeZoneOption {
  value: string
  label: string
}

/** Every IANA zone the browser knows, plus any zone the account already holds. */
export function timeZoneOptions(...ensure: Array<string | null | undefined>): TimeZoneOption[] {
  const zones = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [])
  zones.add('UTC')
  for (const zone of ensure) if (zone) zones.add(zone)
  const now = new Date()
  return [...zones]
    .sort((a, b) => a.localeCompare(b))
    .map((zone) => {
      const offset = offsetLabel(zone, now)
      return { value: zone, label: offset ? `${zone.replace(/_/g, ' ')} (${offset})` : zone.replace(/_/g, ' ') }
    })
}
