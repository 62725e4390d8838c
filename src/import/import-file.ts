import fs from 'node:fs'

import type { Payload } from 'payload'

import { type ImportOptions, type ImportResult, loadArticle } from './load-article'
import { parseArticleText } from './parse-article'

/** Reads, parses and stores one article file. Parsing happens first, so a bad file writes nothing. */
export async function importArticleFile(payload: Payload, file: string, options: ImportOptions): Promise<ImportResult> {
  const text = fs.readFileSync(file, 'utf8')
  const parsed = parseArticleText(text)
  return loadArticle(payload, parsed, options)
}
