import fs from 'node:fs'
import path from 'node:path'

import { type CollectionSlug, createLocalReq, type FlattenedField, type Payload, type PayloadRequest, type SanitizedCollectionConfig } from 'payload'

import { exportDifferences } from './compare-exports'
import { type BackupOptions, databaseSource, exportedCollections, namedUploadFiles, RECORD_PAGE_SIZE } from './export-content'
import {
  type DocumentId,
  exportDirectorySource,
  type ExportManifest,
  ExportFormatError,
  type ExportRecord,
  filesDirectory,
  readManifest,
  readRecords,
  type StoredDocument,
} from './export-format'
import { isPlainFileName, type UploadFileStore, uploadFileStore } from './upload-files'
import { inBulkTransaction } from '../db/bulk-transaction'
import { plannerStatisticsDuringBulkWrite } from '../db/database-adapter'
import { nextEventLoopTurn } from '../db/event-loop-turn'
import { mapReferences } from '../fields/document-references'

export type RestoreSummary = {
  manifest: ExportManifest
  documents: Record<string, number>
  versions: number
  files: number
  /** References to documents that are not in the export (e.g. deleted before it was taken): emptied. */
  danglingReferences: number
}

/** A collection to restore: its config here, and its file in the export, read again on each pass. */
type Planned = { collection: SanitizedCollectionConfig; records: () => AsyncGenerator<ExportRecord> }

/**
 * Loads an export into an empty database of either adapter. Documents are written through the
 * database adapter exactly as exported (timestamps, statuses, password hashes), so no hook runs:
 * no webhook fires, no audit entry or version is invented. New ids are assigned and every reference
 * (fields, Lexical nodes, blocks, recorded document ids) is rewritten to them: first each document
 * is created with the references that can already be resolved, then the rest are filled in and the
 * versions (published, then current draft) are written. Before committing, the database is read
 * back and compared with the export; any difference, or any failure, leaves the database and the
 * upload directory empty again. The export is read a record at a time on each pass (only ids are
 * held), so memory stays bounded however large it is.
 */
export async function restoreContent(payload: Payload, directory: string, options: BackupOptions = {}): Promise<RestoreSummary> {
  const source = path.resolve(directory)
  const manifest = readManifest(source)
  const plan = planRestore(payload, source, manifest)
  await assertComplete(source, manifest)
  await assertEmpty(payload, plan)

  const files = await placeFilesIn(payload, source, plan, options)
  try {
    return { manifest, files: files.placed.length, ...(await writeAndVerify(payload, source, manifest, plan)) }
  } catch (error) {
    await files.removeAgain()
    throw error
  } finally {
    files.close()
  }
}

async function writeAndVerify(payload: Payload, source: string, manifest: ExportManifest, plan: Planned[]): Promise<Omit<RestoreSummary, 'manifest' | 'files'>> {
  const req = await createLocalReq({}, payload)
  try {
    return await inBulkTransaction(payload, req, async () => {
      const summary = await writeDocuments(payload, plan, req)
      await verifyRestore(payload, source, manifest, plan, req)
      return summary
    })
  } catch (error) {
    // Rolled back where the database has transactions; emptied again in any case.
    await emptyAgain(payload, plan)
    throw error
  }
}

/**
 * MongoDB has no transactions outside a replica set. The target was empty when the restore began
 * and the restore is its only writer, so emptying the restored collections again undoes a failed
 * restore there, and makes sure of it elsewhere.
 */
async function emptyAgain(payload: Payload, plan: Planned[]): Promise<void> {
  for (const { collection } of [...plan].reverse()) {
    const slug = collection.slug as CollectionSlug
    if (collection.versions) await payload.db.deleteVersions({ collection: slug, where: {} })
    await payload.db.deleteMany({ collection: slug, where: {} })
  }
}

function planRestore(payload: Payload, source: string, manifest: ExportManifest): Planned[] {
  const known = new Map<string, SanitizedCollectionConfig>(exportedCollections(payload).map((collection) => [collection.slug, collection]))
  const unknown = manifest.collections.filter((collection) => !known.has(collection.slug)).map((collection) => collection.slug)
  if (unknown.length) {
    throw new ExportFormatError(`The export has collections this CMS does not: ${unknown.join(', ')}. Restore into the same version of the CMS it came from.`)
  }
  const plan = manifest.collections.map((exported) => ({ collection: known.get(exported.slug)!, records: () => readRecords(source, exported) }))
  return orderByRequiredReferences(plan)
}

/** Every line of every file is a record, and as many as the manifest says: checked before anything is written. */
async function assertComplete(source: string, manifest: ExportManifest): Promise<void> {
  for (const exported of manifest.collections) {
    let found = 0
    for await (const _record of readRecords(source, exported)) found += 1
    if (found !== exported.documents) {
      throw new ExportFormatError(
        `${path.join(source, exported.file)} has ${found} documents where the manifest says ${exported.documents}: the export is incomplete or was changed.`,
      )
    }
  }
}

/**
 * A required relationship must point at an existing row when its document is created (SQL enforces
 * it), so collections others require come first (webhooks before their deliveries). Optional
 * references, cycles included (an article's next/previous article), are filled in afterwards.
 */
function orderByRequiredReferences(plan: Planned[]): Planned[] {
  const remaining = new Map<string, Planned>(plan.map((entry) => [entry.collection.slug, entry]))
  const ordered: Planned[] = []
  while (remaining.size) {
    const ready = [...remaining.values()].find((entry) =>
      requiredTargets(entry.collection.flattenedFields).every((slug: string) => slug === entry.collection.slug || !remaining.has(slug)),
    )
    // A cycle of required references cannot be ordered; take the next one and let the database say which row is missing.
    const next = ready ?? remaining.values().next().value!
    ordered.push(next)
    remaining.delete(next.collection.slug)
  }
  return ordered
}

function requiredTargets(fields: FlattenedField[]): string[] {
  return fields.flatMap((field) => {
    if ((field.type === 'relationship' || field.type === 'upload') && field.required) return [field.relationTo].flat()
    if (field.type === 'group' || field.type === 'tab') return requiredTargets(field.flattenedFields)
    return []
  })
}

async function assertEmpty(payload: Payload, plan: Planned[]): Promise<void> {
  const occupied: string[] = []
  for (const { collection } of plan) {
    const { totalDocs } = await payload.db.count({ collection: collection.slug as CollectionSlug, where: {} })
    if (totalDocs > 0) occupied.push(`${collection.slug} (${totalDocs})`)
  }
  if (occupied.length) {
    throw new Error(`Restore needs an empty database; this one already has documents in ${occupied.join(', ')}. Point DATABASE_URI at a new database.`)
  }
}

type PlacedFile = { store: UploadFileStore; document: StoredDocument; name: string; from: string }

/**
 * Upload files go in first (into the directory or bucket the server keeps them in) and are removed
 * again if the restore fails; a file already there is never overwritten: the restore stops first.
 */
async function placeFilesIn(payload: Payload, source: string, plan: Planned[], options: BackupOptions) {
  const stores: UploadFileStore[] = []
  const placed: PlacedFile[] = []
  const close = () => stores.forEach((store) => store.close())
  const removeAgain = async () => {
    for (const file of placed) await file.store.remove(file.document, file.name)
  }
  try {
    const planned: PlacedFile[] = []
    for (const { collection, records } of plan) {
      if (!collection.upload) continue
      const directory = path.join(source, filesDirectory(collection.slug))
      const store = await uploadFileStore(payload, collection, options.objectStorage)
      stores.push(store)
      const seen = new Set<string>()
      for await (const [name, document] of uploadFilesOf(records())) {
        const from = path.join(directory, name)
        if (seen.has(name) || !isPlainFileName(name) || !fs.existsSync(from)) continue
        seen.add(name)
        if (await store.exists(document, name)) {
          throw new Error(
            `${name} already exists in ${store.description}. Restore into an empty upload directory or bucket (DATA_DIR/media or S3_BUCKET here; the plugin's mediaDir option in a host) so no file is overwritten.`,
          )
        }
        planned.push({ store, document, name, from })
      }
    }
    for (const file of planned) {
      await file.store.copyIn(file.document, file.name, file.from)
      placed.push(file)
    }
  } catch (error) {
    await removeAgain()
    close()
    throw error
  }
  return { placed, removeAgain, close }
}

async function* uploadFilesOf(records: AsyncIterable<ExportRecord>): AsyncGenerator<[string, StoredDocument]> {
  for await (const record of records) yield* namedUploadFiles([record])
}

async function writeDocuments(payload: Payload, plan: Planned[], req: PayloadRequest): Promise<Omit<RestoreSummary, 'manifest' | 'files'>> {
  const newIds = new Map<string, DocumentId>()
  const resolve = (collection: string, id: DocumentId) => newIds.get(`${collection}:${id}`)
  const withReferences = (collection: SanitizedCollectionConfig, doc: StoredDocument) => mapReferences(payload.config, collection.flattenedFields, doc, resolve)

  const statistics = plannerStatisticsDuringBulkWrite(payload)
  let writes = 0
  const documents: Record<string, number> = {}
  // Documents created with references still to fill in, as "<collection>:<exported id>".
  const incomplete = new Set<string>()
  for (const { collection, records } of plan) {
    documents[collection.slug] = 0
    for await (const record of records()) {
      const { data, unresolved } = withReferences(collection, record.document)
      const created = await payload.db.create({ collection: collection.slug as CollectionSlug, data, req })
      newIds.set(`${collection.slug}:${record.id}`, created.id as DocumentId)
      if (unresolved > 0) incomplete.add(`${collection.slug}:${record.id}`)
      await statistics.wrote(++writes)
      if (++documents[collection.slug] % RECORD_PAGE_SIZE === 0) await nextEventLoopTurn()
    }
  }

  let versions = 0
  let danglingReferences = 0
  for (const { collection, records } of plan) {
    let written = 0
    for await (const record of records()) {
      if (++written % RECORD_PAGE_SIZE === 0) await nextEventLoopTurn()
      const id = resolve(collection.slug, record.id)!
      const document = withReferences(collection, record.document)
      danglingReferences += document.unresolved
      if (incomplete.has(`${collection.slug}:${record.id}`)) await payload.db.updateOne({ collection: collection.slug as CollectionSlug, id, data: document.data, req })
      await statistics.wrote(++writes)
      if (!collection.versions) continue
      // The document's stored state, then the newer draft when there is one: the draft is the latest version.
      const states = [document.data, record.draft && withReferences(collection, record.draft).data].filter(Boolean) as StoredDocument[]
      for (const state of states) {
        const at = (state.updatedAt as string | undefined) ?? new Date().toISOString()
        await payload.db.createVersion({
          collectionSlug: collection.slug as CollectionSlug,
          parent: id,
          versionData: state as never,
          autosave: false,
          createdAt: at,
          updatedAt: at,
          req,
        })
        versions += 1
      }
    }
  }
  // The read-back that follows is planned with statistics of everything written.
  await statistics.refresh()
  return { documents, versions, danglingReferences }
}

/** Reads the restored database back, as an export would, and refuses to commit if it differs. */
async function verifyRestore(payload: Payload, source: string, manifest: ExportManifest, plan: Planned[], req: PayloadRequest): Promise<void> {
  const differences = await exportDifferences(
    payload.config,
    exportDirectorySource(source, manifest),
    databaseSource(
      payload,
      plan.map(({ collection }) => collection),
      req,
    ),
  )
  if (differences.length) {
    throw new Error(`The restored database does not read back as the export did, so nothing was kept:\n  ${differences.join('\n  ')}`)
  }
}
