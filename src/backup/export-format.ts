import fs from 'node:fs'
import path from 'node:path'

/**
 * The export directory, documented in README ("Backup, restore and moving databases"):
 *
 *   manifest.json               what is in the export; written last, so its presence means complete
 *   collections/<slug>.jsonl    one document per line: {"id", "document", "draft"?}
 *   files/<slug>/<filename>     an upload collection's files (originals and resized copies)
 *
 * `document` is the document as stored (for collections with drafts: the published state, or the
 * draft if it was never published); `draft` is the newest unpublished draft when there is one.
 * Ids are the source database's; relationships hold those ids and are remapped on restore.
 */
export const EXPORT_FORMAT = 'kap-cms-export'
export const EXPORT_FORMAT_VERSION = 1

export type DocumentId = number | string
export type StoredDocument = Record<string, unknown>

export type ExportRecord = { id: DocumentId; document: StoredDocument; draft?: StoredDocument }

export type ExportedCollection = {
  slug: string
  file: string
  documents: number
  drafts: number
  /** Files under files/<slug>/, for upload collections. */
  files?: string[]
}

export type ExportManifest = {
  format: typeof EXPORT_FORMAT
  formatVersion: typeof EXPORT_FORMAT_VERSION
  exportedAt: string
  source: { database: string; payloadVersion: string }
  collections: ExportedCollection[]
  /** Files a document names that were not in the upload directory or bucket when exported. */
  missingFiles: string[]
  /** Payload's own bookkeeping collections, left out, with how many documents and why. */
  notExported: { collection: string; documents: number; why: string }[]
}

export class ExportFormatError extends Error {}

export const MANIFEST_FILE = 'manifest.json'

export const collectionFile = (slug: string): string => path.join('collections', `${slug}.jsonl`)
export const filesDirectory = (slug: string): string => path.join('files', slug)

export function readManifest(directory: string): ExportManifest {
  const file = path.join(directory, MANIFEST_FILE)
  if (!fs.existsSync(file)) {
    throw new ExportFormatError(`${directory} is not a complete export: it has no ${MANIFEST_FILE} (an export writes it last).`)
  }
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as ExportManifest
  if (manifest.format !== EXPORT_FORMAT || manifest.formatVersion !== EXPORT_FORMAT_VERSION) {
    throw new ExportFormatError(
      `${file} is not a ${EXPORT_FORMAT} version ${EXPORT_FORMAT_VERSION} export (format ${JSON.stringify(manifest.format)}, version ${JSON.stringify(manifest.formatVersion)}).`,
    )
  }
  return manifest
}

export function readRecords(directory: string, collection: ExportedCollection): ExportRecord[] {
  const file = path.join(directory, collection.file)
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
  return lines.map((line, index) => {
    let record: ExportRecord
    try {
      record = JSON.parse(line) as ExportRecord
    } catch (error) {
      throw new ExportFormatError(`${file} line ${index + 1}: not JSON (${(error as Error).message})`)
    }
    if ((typeof record.id !== 'number' && typeof record.id !== 'string') || typeof record.document !== 'object' || record.document === null) {
      throw new ExportFormatError(`${file} line ${index + 1}: a record needs an "id" and a "document" object.`)
    }
    return record
  })
}

export function writeRecords(directory: string, collection: ExportedCollection, records: ExportRecord[]): void {
  const file = path.join(directory, collection.file)
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  fs.writeFileSync(file, records.map((record) => JSON.stringify(record) + '\n').join(''), { mode: 0o600 })
}
