import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'

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

/** Where records come from, collection by collection, one at a time: an export's files or a database. */
export type RecordSource = { slugs: string[]; records: (slug: string) => AsyncIterable<ExportRecord> }

/**
 * The records of one collection's file, read a line at a time, so memory stays bounded however
 * large the export; a line that is not a record stops the read naming the file and line.
 */
export async function* readRecords(directory: string, collection: ExportedCollection): AsyncGenerator<ExportRecord> {
  const file = path.join(directory, collection.file)
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })
  let number = 0
  for await (const line of lines) {
    number += 1
    if (line.trim() !== '') yield parseRecord(line, file, number)
  }
}

function parseRecord(line: string, file: string, number: number): ExportRecord {
  let record: ExportRecord
  try {
    record = JSON.parse(line) as ExportRecord
  } catch (error) {
    throw new ExportFormatError(`${file} line ${number}: not JSON (${(error as Error).message})`)
  }
  if ((typeof record.id !== 'number' && typeof record.id !== 'string') || typeof record.document !== 'object' || record.document === null) {
    throw new ExportFormatError(`${file} line ${number}: a record needs an "id" and a "document" object.`)
  }
  return record
}

/** An export directory's collections as a record source. */
export function exportDirectorySource(directory: string, manifest: ExportManifest = readManifest(directory)): RecordSource {
  const bySlug = new Map(manifest.collections.map((collection) => [collection.slug, collection]))
  return { slugs: [...bySlug.keys()], records: (slug) => readRecords(directory, bySlug.get(slug)!) }
}

/** Appends records to a collection's file a page at a time; `close` when the collection is done. */
export function openRecordFile(directory: string, collection: ExportedCollection): { write: (records: ExportRecord[]) => void; close: () => void } {
  const file = path.join(directory, collection.file)
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const descriptor = fs.openSync(file, 'w', 0o600)
  return {
    write: (records) => {
      if (records.length) fs.writeSync(descriptor, records.map((record) => JSON.stringify(record) + '\n').join(''))
    },
    close: () => fs.closeSync(descriptor),
  }
}
