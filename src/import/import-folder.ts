import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'

import { describeFailure } from '../cli/run-cli'
import { nextEventLoopTurn } from '../db/event-loop-turn'
import { slugify } from '../fields/slugify'
import type { ParsedArticle } from './article-model'
import { type ImportOptions, type ImportResult, loadArticle } from './load-article'
import { parseArticleText } from './parse-article'

/** Article files in a folder are the plain-text files (README, "Importing articles"). */
export const ARTICLE_FILE = /\.txt$/i

export type FolderImportSummary = {
  files: number
  /** Other files in the folder, not imported. */
  ignored: string[]
  outcomes: Record<ImportResult['outcome'], number>
  /** Draft stubs made for links to articles that are not in the folder (nor already in the CMS). */
  stubsLeft: string[]
  failed: { file: string; reason: string }[]
  seconds: number
}

/** A folder that cannot be imported as it is; nothing was written. */
export class FolderImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`Nothing was imported: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`)
    this.name = 'FolderImportError'
  }
}

/**
 * Imports every article file of `folder` (not its subfolders) in one run. All files are read and
 * parsed first: a file that does not parse, or two files that would make the same article, stop the
 * run before anything is written. Then each article is stored in its own transaction, in name order;
 * links between them resolve whatever the order, because a link to an article not imported yet makes
 * a draft stub that its own file fills in later. A file the CMS refuses (a slug already taken by an
 * article not imported from it) is reported and the others go on.
 */
export async function importArticleFolder(payload: Payload, folder: string, options: ImportOptions, progress: (line: string) => void = () => {}): Promise<FolderImportSummary> {
  const started = Date.now()
  const entries = fs.readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isFile())
  const files = entries
    .filter((entry) => ARTICLE_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort()
  const ignored = entries
    .filter((entry) => !ARTICLE_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort()
  if (files.length === 0) throw new FolderImportError([`${folder} has no article files (*.txt).`])

  const parsed = parseAll(folder, files)
  const summary: FolderImportSummary = { files: files.length, ignored, outcomes: { created: 0, filled: 0, updated: 0, unchanged: 0 }, stubsLeft: [], failed: [], seconds: 0 }
  const stubs = new Set<string>()
  for (const [n, { file, article }] of parsed.entries()) {
    try {
      const result = await loadArticle(payload, article, options)
      summary.outcomes[result.outcome]++
      for (const title of result.stubsCreated) stubs.add(title)
      progress(`[${n + 1}/${files.length}] ${file}: "${result.slug}" ${result.outcome}`)
    } catch (error) {
      const reason = describeFailure(error)
      summary.failed.push({ file, reason })
      progress(`[${n + 1}/${files.length}] ${file}: not imported: ${reason}`)
    }
    await nextEventLoopTurn()
  }
  // A stub whose article came later in the folder was filled; the rest wait for their text.
  const imported = new Set(parsed.map(({ article }) => article.slug))
  summary.stubsLeft = [...stubs].filter((title) => !imported.has(slugify(title))).sort()
  summary.seconds = (Date.now() - started) / 1000
  return summary
}

function parseAll(folder: string, files: string[]): { file: string; article: ParsedArticle }[] {
  const problems: string[] = []
  const parsed: { file: string; article: ParsedArticle }[] = []
  const bySlug = new Map<string, string>()
  for (const file of files) {
    try {
      const article = parseArticleText(fs.readFileSync(path.join(folder, file), 'utf8'))
      const other = bySlug.get(article.slug)
      if (other) problems.push(`${file} and ${other} are the same article ("${article.slug}"): keep one.`)
      bySlug.set(article.slug, file)
      parsed.push({ file, article })
    } catch (error) {
      problems.push(`${file}: ${describeFailure(error)}`)
    }
  }
  if (problems.length) throw new FolderImportError(problems)
  return parsed
}
