import fs from 'node:fs'

import type { SanitizedConfig } from 'payload'

import { runCli } from '../cli/run-cli'
import { kapContentSettings } from '../model/settings'
import { type ImportCommand, importUsage, parseImportArguments } from './cli-arguments'
import { importArticleFile } from './import-file'
import { importArticleFolder } from './import-folder'
import { defaultCallToActionUrl, PLACEHOLDER_IMAGE } from './seed-content'

const OUTCOME = { created: 'created', filled: 'filled in (it was a draft stub linked from another article)', updated: 'updated', unchanged: 'is unchanged' } as const

/**
 * The import command: one plain-text article into the CMS. `invokedAs` is how the person typed it,
 * for the usage text (`npm run import --` in this project, `npx payload kap:import` in a host).
 */
export async function runImportCommand(argv: string[], loadConfig: () => Promise<SanitizedConfig>, invokedAs: string): Promise<never> {
  if (argv.includes('--help')) {
    console.log(importUsage(invokedAs))
    process.exit(0)
  }
  // The command line is checked before the database is opened.
  let command: ImportCommand
  try {
    command = parseImportArguments(argv)
  } catch (error) {
    console.error(`Import failed: ${(error as Error).message}\n\n${importUsage(invokedAs)}`)
    process.exit(2)
  }
  return runCli('Import', loadConfig, async (payload) => {
    const { siteUrl } = kapContentSettings(payload)
    const options = {
      publish: command.publish,
      review: command.review,
      callToActionUrl: command.callToActionUrl ?? defaultCallToActionUrl(process.env, siteUrl),
      placeholderImage: PLACEHOLDER_IMAGE,
    }
    if (fs.statSync(command.file).isDirectory()) {
      const summary = await importArticleFolder(payload, command.file, options, (line) => console.log(line))
      const state = command.publish ? 'published' : 'saved as drafts'
      const lines = [
        `Imported ${summary.files - summary.failed.length} of ${summary.files} articles from ${command.file} in ${summary.seconds.toFixed(1)} s (${state}): ` +
          `${summary.outcomes.created} created, ${summary.outcomes.filled} filled in from draft stubs, ${summary.outcomes.updated} updated, ${summary.outcomes.unchanged} unchanged.`,
        ...summary.stubsLeft.map((title) => `  Linked but not in the folder: "${title}" (a draft stub waits for its text).`),
        summary.ignored.length ? `  Not article files, ignored: ${summary.ignored.join(', ')}.` : '',
      ]
      // Some articles could not be imported: the run fails, after saying which and why.
      if (summary.failed.length)
        throw new Error([...lines, `${summary.failed.length} not imported:`, ...summary.failed.map(({ file, reason }) => `  ${file}: ${reason}`)].filter(Boolean).join('\n'))
      return lines.filter(Boolean).join('\n')
    }
    const result = await importArticleFile(payload, command.file, options)
    const state = command.publish ? 'published' : 'saved as a draft'
    return [
      `Article "${result.slug}" ${OUTCOME[result.outcome]}${result.outcome === 'unchanged' ? '' : ` and ${state}`} (id ${result.articleId}).`,
      result.outcome === 'unchanged' ? '' : `  ${result.benefitLists} benefit lists, ${result.images} images, ${result.callToAction ? 'a' : 'no'} call to action.`,
      ...result.stubsCreated.map((title) => `  Created a draft stub for the linked article "${title}".`),
    ]
      .filter(Boolean)
      .join('\n')
  })
}
