/** The Recharts drawings of the analytics pages (this module and Recharts load with them only). */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatCount, shortDate, type LineSpec, type PlatformEngagementRow } from './shaping'

const PLATFORM_COLORS: Record<string, string> = {
  twitter: '#64748b', // X's black would vanish on the dark scheme's background
  instagram: '#db2777',
  tiktok: '#0891b2',
  linkedin: '#0369a1',
  facebook: '#2563eb',
  youtube: '#dc2626',
}
const FALLBACK = ['#4f46e5', '#059669', '#d97706', '#7c3aed', '#e11d48', '#0d9488']

/** Accounts of one platform share its hue; a second account gets a dashed line. */
function lineStyle(lines: LineSpec[], index: number) {
  const line = lines[index]
  const samePlatformBefore = lines.slice(0, index).filter((l) => l.platform === line.platform).length
  return { stroke: PLATFORM_COLORS[line.platform] ?? FALLBACK[index % FALLBACK.length], strokeDasharray: samePlatformBefore ? '5 3' : undefined }
}

// Axis labels and grid lines take the text color of the chart's box (text-slate-500, lighter in
// the dark scheme); series colors are mid-tones that read on both backgrounds.
const axis = { fontSize: 12, fill: 'currentColor' }
const grid = { stroke: 'currentColor', strokeOpacity: 0.2, vertical: false }
// Recharts draws its tooltip white: its text stays dark in both schemes.
const tooltip = { contentStyle: { color: '#0f172a' } }

function ChartBox({ label, height = 260, children }: { label: string; height?: number; children: React.ReactElement }) {
  return (
    <div role="img" aria-label={label} className="text-slate-500 dark:text-slate-400" style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%" minWidth={0}>
        {children}
      </ResponsiveContainer>
    </div>
  )
}

export function FollowersChart({ rows, lines }: { rows: Record<string, string | number>[]; lines: LineSpec[] }) {
  return (
    <ChartBox label="Followers over time, one line per account">
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid {...grid} />
        <XAxis dataKey="date" tickFormatter={shortDate} tick={axis} minTickGap={16} />
        <YAxis tickFormatter={(v: number) => formatCount(v)} tick={axis} width={52} allowDecimals={false} domain={['auto', 'auto']} />
        <Tooltip {...tooltip} labelFormatter={(d) => shortDate(String(d))} formatter={(v) => formatCount(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {lines.map((line, i) => (
          <Line key={line.key} type="monotone" dataKey={line.key} name={line.label} strokeWidth={2} dot={rows.length < 2} connectNulls isAnimationActive={false} {...lineStyle(lines, i)} />
        ))}
      </LineChart>
    </ChartBox>
  )
}

export function EngagementChart({ rows }: { rows: PlatformEngagementRow[] }) {
  return (
    <ChartBox label="Engagement per platform: likes, comments, shares and clicks">
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid {...grid} />
        <XAxis dataKey="name" tick={axis} />
        <YAxis tickFormatter={(v: number) => formatCount(v)} tick={axis} width={52} allowDecimals={false} />
        <Tooltip {...tooltip} formatter={(v) => formatCount(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="likes" name="Likes" stackId="e" fill="#6366f1" isAnimationActive={false} />
        <Bar dataKey="comments" name="Comments" stackId="e" fill="#10b981" isAnimationActive={false} />
        <Bar dataKey="shares" name="Shares" stackId="e" fill="#f59e0b" isAnimationActive={false} />
        <Bar dataKey="clicks" name="Clicks" stackId="e" fill="#0ea5e9" isAnimationActive={false} />
      </BarChart>
    </ChartBox>
  )
}

export function PublishedPerDayChart({ rows }: { rows: { date: string; label: string; count: number }[] }) {
  return (
    <ChartBox label="Posts published per day" height={200}>
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid {...grid} />
        <XAxis dataKey="label" tick={axis} minTickGap={12} />
        <YAxis tick={axis} width={32} allowDecimals={false} />
        <Tooltip {...tooltip} />
        <Bar dataKey="count" name="Published" fill="#4f46e5" radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartBox>
  )
}

export function SnapshotChart({ rows, platform }: { rows: { hours: number; label: string; impressions: number; engagements: number }[]; platform: string }) {
  return (
    <ChartBox label={`Growth since publishing on ${platform}: impressions and engagements per snapshot`} height={220}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid {...grid} />
        <XAxis dataKey="label" tick={axis} />
        <YAxis yAxisId="impressions" tickFormatter={(v: number) => formatCount(v)} tick={axis} width={52} allowDecimals={false} />
        <YAxis yAxisId="engagements" orientation="right" tickFormatter={(v: number) => formatCount(v)} tick={axis} width={44} allowDecimals={false} />
        <Tooltip {...tooltip} formatter={(v) => formatCount(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line yAxisId="impressions" type="monotone" dataKey="impressions" name="Impressions" stroke="#4f46e5" strokeWidth={2} isAnimationActive={false} />
        <Line yAxisId="engagements" type="monotone" dataKey="engagements" name="Engagements" stroke="#10b981" strokeWidth={2} isAnimationActive={false} />
      </LineChart>
    </ChartBox>
  )
}
