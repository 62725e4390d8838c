// npm run import -- <file> [--publish] ...: one plain-text article into the CMS.
import { IMPORT_USAGE, type ImportCommand, parseImportArguments } from './cli-arguments'
import { importArticleFile } from './import-file'
import { loadProjectConfig, runCli } from '../cli/run-cli'
import { kapContentSettings } from '../model/settings'
import { defaultCallToActionUrl, PLACEHOLDER_IMAGE } from './seed-content'

if (process.argv.includes('--help')) {
  console.log(IMPORT_USAGE)
  process.exit(0)
}

// The command line is checked before the database is opened.
let command: ImportCommand
try {
  command = parseImportArguments(process.argv.slice(2))
} catch (error) {
  console.error(`Import failed: ${(error as Error).message}\n\n${IMPORT_USAGE}`)
  process.exit(2)
}

const OUTCOME = { created: 'created', filled: 'filled in (it was a draft stub linked from another article)', updated: 'updated', unchanged: 'is unchanged' } as const

void runCli('Import', loadProjectConfig, async (payload) => {
  const { siteUrl } = kapContentSettings(payload)
  const result = await importArticleFile(payload, command.file, {
    publish: command.publish,
    review: command.review,
    callToActionUrl: command.callToActionUrl ?? defaultCallToActionUrl(process.env, siteUrl),
    placeholderImage: PLACEHOLDER_IMAGE,
  })
  const state = command.publish ? 'published' : 'saved as a draft'
  return [
    `Article "${result.slug}" ${OUTCOME[result.outcome]}${result.outcome === 'unchanged' ? '' : ` and ${state}`} (id ${result.articleId}).`,
    result.outcome === 'unchanged' ? '' : `  ${result.benefitLists} benefit lists, ${result.images} images, ${result.callToAction ? 'a' : 'no'} call to action.`,
    ...result.stubsCreated.map((title) => `  Created a draft stub for the linked article "${title}".`),
  ]
    .filter(Boolean)
    .join('\n')
})
