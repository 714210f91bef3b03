import type { ReactNode } from 'react'
import { Tab, TabGroup, TabList, TabPanel, TabPanels } from '@headlessui/react'
import { Badge } from '../../../components/Badge'
import { Button } from '../../../components/Button'
import { TextArea } from '../../../components/TextArea'
import { PlatformChip } from '../../platforms/PlatformChip'
import { platformName } from '../../platforms/platformMeta'
import { CharacterCounter, ProblemList } from '../Counters'
import type { PlatformCheck, PlatformPost, Problem } from '../types'

const TAB =
  'flex shrink-0 items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap text-slate-600 dark:text-slate-400 data-[focus]:outline-2 data-[focus]:outline-indigo-600 dark:data-[focus]:outline-indigo-400 data-[hover]:bg-slate-100 dark:data-[hover]:bg-slate-800 data-[selected]:bg-indigo-50 dark:data-[selected]:bg-indigo-950 data-[selected]:text-indigo-700 dark:data-[selected]:text-indigo-300'

export interface PlatformTabsProps {
  platforms: string[]
  selected: number
  onSelect: (index: number) => void
  original: ReactNode
  locked: boolean
  textFor: (platform: string) => string
  /** the saved variant that no longer follows the original, if any */
  savedVariant: (platform: string) => PlatformPost | null
  edited: (platform: string) => boolean
  checkFor: (platform: string) => PlatformCheck | undefined
  problemsFor: (platform: string) => Problem[]
  onText: (platform: string, text: string) => void
  onRevert: (platform: string) => void
}

/** "Original" plus one tab per platform, where that platform's text is edited in place. */
export function PlatformTabs({ platforms, selected, onSelect, original, locked, textFor, savedVariant, edited, checkFor, problemsFor, onText, onRevert }: PlatformTabsProps) {
  return (
    <TabGroup selectedIndex={Math.min(selected, platforms.length)} onChange={onSelect}>
      <TabList className="-mx-1 flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-700 px-1 pb-2" aria-label="Editor tabs">
        <Tab className={TAB}>Original</Tab>
        {platforms.map((platform) => {
          const problems = problemsFor(platform).length
          return (
            <Tab key={platform} className={TAB}>
              <PlatformChip platform={platform} size="sm" />
              <span className="sr-only">{platformName(platform)}</span>
              <CharacterCounter check={checkFor(platform)} />
              {problems > 0 && (
                <span className="rounded-full bg-red-100 dark:bg-red-900 px-1.5 text-xs text-red-700 dark:text-red-300" aria-label={`${problems} problem${problems === 1 ? '' : 's'}`}>
                  {problems}
                </span>
              )}
            </Tab>
          )
        })}
      </TabList>
      <TabPanels className="pt-4">
        <TabPanel className="space-y-5" unmount={false}>
          {original}
        </TabPanel>
        {platforms.map((platform) => {
          const saved = savedVariant(platform)
          const own = !!saved || edited(platform)
          return (
            <TabPanel key={platform} className="space-y-4">
              <div className="flex flex-wrap items-center gap-2">
                <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{platformName(platform)}</h2>
                <CharacterCounter check={checkFor(platform)} />
                {(edited(platform) || saved?.user_edited) && <Badge tone="amber">Edited</Badge>}
                {saved?.optimized_by && !edited(platform) && <Badge tone="indigo">AI version ({saved.optimized_by === 'offline' ? 'built-in rules' : 'Claude'})</Badge>}
              </div>
              <TextArea
                label={`Text for ${platformName(platform)}`}
                rows={6}
                readOnly={locked}
                value={textFor(platform)}
                onChange={(e) => onText(platform, e.target.value)}
                hint={own ? 'Saved with the post. Changing the original no longer changes this text.' : 'Follows the original until you change it here.'}
              />
              {!locked && own && (
                <Button variant="ghost" onClick={() => onRevert(platform)}>
                  Use the original text again
                </Button>
              )}
              <ProblemList problems={problemsFor(platform)} showPlatform={false} />
            </TabPanel>
          )
        })}
      </TabPanels>
    </TabGroup>
  )
}
