import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Payload, PayloadRequest, SanitizedCollectionConfig, Where } from 'payload'

import type { ObjectStorageSettings } from '../config/object-storage'
import { nextEventLoopTurn } from '../db/event-loop-turn'

import {
  collectionFile,
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type ExportedCollection,
  type ExportManifest,
  type ExportRecord,
  filesDirectory,
  MANIFEST_FILE,
  openRecordFile,
  type RecordSource,
  type StoredDocument,
} from './export-format'
import { isPlainFileName, type UploadFileStore, uploadFileStore } from './upload-files'

/** Payload's own bookkeeping: preferences, locks, migrations and queued jobs are not content. */
export const isPayloadInternal = (slug: string): boolean => slug.startsWith('payload-')

export const exportedCollections = (payload: Payload): SanitizedCollectionConfig[] => payload.config.collections.filter((collection) => !isPayloadInternal(collection.slug))

/** How many documents an export, a restore or its check holds in memory at once. */
export const RECORD_PAGE_SIZE = 250

/**
 * Every document of one collection as stored, a page at a time, read through the database adapter
 * (no hooks, so nothing computed and nothing hidden is added or lost: password hashes, webhook
 * secrets and review dates come out exactly as kept), oldest first so a restore creates them in the
 * same order. Pages follow on from the last document read (creation time, then id), not from an
 * offset: each page is an index read, and a document added or deleted meanwhile shifts nothing.
 */
export async function* collectionRecordPages(
  payload: Payload,
  collection: SanitizedCollectionConfig,
  { req, pageSize = RECORD_PAGE_SIZE }: { req?: Partial<PayloadRequest>; pageSize?: number } = {},
): AsyncGenerator<ExportRecord[]> {
  const byCreation = collection.timestamps !== false
  let last: Record<string, unknown> | undefined
  for (;;) {
    const { docs } = await payload.db.find({
      collection: collection.slug,
      where: last ? after(last, byCreation) : {},
      sort: byCreation ? ['createdAt', 'id'] : ['id'],
      limit: pageSize,
      pagination: false,
      req,
    })
    if (!docs.length) return
    yield await withLatestDrafts(payload, collection, docs, req)
    if (docs.length < pageSize) return
    await nextEventLoopTurn()
    last = docs[docs.length - 1]
  }
}

/**
 * The documents after the last one read. The first condition is what makes it a range of the
 * creation index; the second only sorts out documents created in the same instant. Written as one
 * OR alone (later instant, or same instant and later id), SQLite walked the index from its start
 * for every page, and a 50,000-article export or restore took quadratic time.
 */
function after(last: Record<string, unknown>, byCreation: boolean): Where {
  const laterId: Where = { id: { greater_than: last.id } }
  if (!byCreation) return laterId
  return { and: [{ createdAt: { greater_than_equal: last.createdAt } }, { or: [{ createdAt: { greater_than: last.createdAt } }, laterId] }] }
}

/** The records of a page of documents, each with its newest unpublished draft when it has one. */
async function withLatestDrafts(payload: Payload, collection: SanitizedCollectionConfig, docs: Record<string, unknown>[], req?: Partial<PayloadRequest>): Promise<ExportRecord[]> {
  const latestDrafts = new Map<string, StoredDocument>()
  if (collection.versions?.drafts) {
    const versions = await payload.db.findVersions({
      collection: collection.slug,
      where: { and: [{ latest: { equals: true } }, { parent: { in: docs.map((doc) => doc.id) } }] },
      // In parent order, which the parent index gives without sorting: with Payload's default (newest
      // first) SQLite walked every version of the collection by date to find a page's drafts.
      sort: 'parent',
      limit: 0,
      pagination: false,
      req,
    })
    for (const version of versions.docs) {
      const content = version.version as StoredDocument
      if (content?._status === 'draft') latestDrafts.set(String(version.parent), content)
    }
  }
  return docs.map((doc) => {
    const record: ExportRecord = { id: doc.id as ExportRecord['id'], document: storedFields(doc) }
    const draft = latestDrafts.get(String(doc.id))
    if (draft) record.draft = storedFields(draft)
    return record
  })
}

/** A database's collections as a record source, read a page at a time. */
export function databaseSource(payload: Payload, collections: SanitizedCollectionConfig[], req?: Partial<PayloadRequest>): RecordSource {
  const bySlug = new Map<string, SanitizedCollectionConfig>(collections.map((collection) => [collection.slug, collection]))
  return {
    slugs: [...bySlug.keys()],
    records: async function* (slug) {
      for await (const page of collectionRecordPages(payload, bySlug.get(slug)!, { req })) yield* page
    },
  }
}

/** The stored fields only, as plain JSON (dates as ISO strings); the id travels beside them. */
function storedFields(doc: Record<string, unknown>): StoredDocument {
  const { id: _id, _id: _mongoId, __v: _version, ...fields } = doc
  return JSON.parse(JSON.stringify(fields)) as StoredDocument
}

export type ExportSummary = { directory: string; manifest: ExportManifest }

export type BackupOptions = {
  /** The bucket the server keeps images in (its S3_* settings), when it keeps them in one. */
  objectStorage?: ObjectStorageSettings
}

/**
 * Writes every collection (published and current draft state), and the files of upload collections,
 * to `directory`, which must be new or empty. manifest.json is written last: an interrupted export
 * is never mistaken for a complete one.
 */
export async function exportContent(payload: Payload, directory: string, options: BackupOptions = {}): Promise<ExportSummary> {
  const target = assertExportDirectory(directory)
  fs.mkdirSync(target, { recursive: true, mode: 0o700 })

  const collections: ExportedCollection[] = []
  const missingFiles: string[] = []
  for (const collection of exportedCollections(payload)) {
    const exported: ExportedCollection = { slug: collection.slug, file: collectionFile(collection.slug), documents: 0, drafts: 0 }
    const file = openRecordFile(target, exported)
    const files = collection.upload
      ? await uploadFileCopier(await uploadFileStore(payload, collection, options.objectStorage), path.join(target, filesDirectory(collection.slug)))
      : undefined
    try {
      for await (const records of collectionRecordPages(payload, collection)) {
        file.write(records)
        exported.documents += records.length
        exported.drafts += records.filter((record) => record.draft).length
        await files?.copy(records)
      }
    } finally {
      file.close()
      files?.close()
    }
    if (files) {
      exported.files = files.copied.sort()
      missingFiles.push(...files.missing.map((name) => `${collection.slug}/${name}`))
    }
    collections.push(exported)
  }

  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    source: { database: payload.db.name, payloadVersion: payloadVersion() },
    collections,
    missingFiles,
    notExported: await notExported(payload),
  }
  fs.writeFileSync(path.join(target, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 })
  return { directory: target, manifest }
}

/** An export goes into a new or empty directory, so two exports never mix. Returns its absolute path. */
export function assertExportDirectory(directory: string): string {
  const target = path.resolve(directory)
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0)) {
    throw new Error(`${target} is not an empty directory. Export into a new or empty directory, so two exports never mix.`)
  }
  return target
}

/** The names of an upload document's files: the original and each resized copy. */
export function uploadFileNames(document: StoredDocument): string[] {
  const sizes = Object.values((document.sizes as Record<string, { filename?: string | null }> | undefined) ?? {})
  return [document.filename, ...sizes.map((size) => size?.filename)].filter((name): name is string => typeof name === 'string' && name !== '')
}

/** Each file the records name, once, with the document that names it (a bucket keys files by their document). */
export function namedUploadFiles(records: ExportRecord[]): Map<string, StoredDocument> {
  const named = new Map<string, StoredDocument>()
  for (const record of records) {
    for (const document of [record.document, record.draft].filter((doc): doc is StoredDocument => Boolean(doc))) {
      for (const name of uploadFileNames(document)) if (!named.has(name)) named.set(name, document)
    }
  }
  return new Map([...named].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** Copies the files each page of records names into the export, each file once. */
async function uploadFileCopier(store: UploadFileStore, destination: string) {
  fs.mkdirSync(destination, { recursive: true, mode: 0o700 })
  const seen = new Set<string>()
  const copied: string[] = []
  const missing: string[] = []
  return {
    copied,
    missing,
    copy: async (records: ExportRecord[]) => {
      for (const [name, document] of namedUploadFiles(records)) {
        if (seen.has(name)) continue
        seen.add(name)
        if (isPlainFileName(name) && (await store.copyOut(document, name, path.join(destination, name)))) copied.push(name)
        else missing.push(name)
      }
    },
    close: () => store.close(),
  }
}

async function notExported(payload: Payload): Promise<ExportManifest['notExported']> {
  const left: ExportManifest['notExported'] = []
  for (const collection of payload.config.collections.filter((candidate) => isPayloadInternal(candidate.slug))) {
    const { totalDocs } = await payload.db.count({ collection: collection.slug, where: {} })
    if (totalDocs === 0) continue
    left.push({
      collection: collection.slug,
      documents: totalDocs,
      why:
        collection.slug === 'payload-jobs'
          ? 'queued jobs, such as scheduled publications: schedule them again after restoring'
          : "Payload's own bookkeeping (preferences, document locks, migrations), rebuilt by the target",
    })
  }
  return left
}

function payloadVersion(): string {
  try {
    // payload's entry point is dist/index.js; its package.json is one level up.
    const manifest = path.join(path.dirname(fileURLToPath(import.meta.resolve('payload'))), '..', 'package.json')
    return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}
