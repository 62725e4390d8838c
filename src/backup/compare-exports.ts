import { isDeepStrictEqual } from 'node:util'

import type { SanitizedConfig } from 'payload'

import type { DocumentId, ExportRecord, RecordSource, StoredDocument } from './export-format'
import { mapReferences } from '../fields/document-references'

/**
 * Two exports (or an export and a database) hold the same content when, collection by collection
 * and in order, their documents are equal once ids are set aside: each id becomes its position
 * ("articles#3") and every reference is rewritten the same way. Empty values are dropped because
 * the adapters store an empty optional field differently (SQLite as null, MongoDB not at all).
 * Both sources are read twice, a record at a time (the ids first, then the documents), so only
 * the ids are held in memory, whatever the size.
 */
export async function exportDifferences(config: SanitizedConfig, expected: RecordSource, actual: RecordSource, limit = 20): Promise<string[]> {
  const [left, right] = [await positionsOf(expected), await positionsOf(actual)]
  const differences: string[] = []
  for (const slug of new Set([...expected.slugs, ...actual.slugs])) {
    const [leftCount, rightCount] = [left.counts.get(slug) ?? 0, right.counts.get(slug) ?? 0]
    if (leftCount !== rightCount) differences.push(`${slug}: ${leftCount} documents expected, ${rightCount} found`)
    const fields = config.collections.find((collection) => collection.slug === slug)?.flattenedFields ?? []
    const canonical = (positions: Positions) => (doc: StoredDocument | undefined) =>
      doc ? (withoutEmpty(mapReferences(config, fields, doc, (collection, id) => positionOf(positions, collection, id)).data) as StoredDocument) : undefined
    const [rewriteLeft, rewriteRight] = [canonical(left), canonical(right)]
    const [leftRecords, rightRecords] = [recordsOf(expected, slug), recordsOf(actual, slug)]
    for (let index = 0; index < Math.min(leftCount, rightCount) && differences.length < limit; index += 1) {
      const [a, b] = [(await leftRecords.next()).value as ExportRecord, (await rightRecords.next()).value as ExportRecord]
      for (const part of ['document', 'draft'] as const) {
        const path = firstDifference(rewriteLeft(a[part]), rewriteRight(b[part]))
        if (path !== undefined) differences.push(`${slug}#${index} ${part}${path ? `.${path}` : ''} differs`)
      }
    }
    await Promise.all([leftRecords.return?.(undefined), rightRecords.return?.(undefined)])
    if (differences.length >= limit) break
  }
  return differences.slice(0, limit)
}

/** Per collection, each document's position by its id; small integers, so 300,000 documents cost a few megabytes. */
type Positions = { ids: Map<string, Map<string, number>>; counts: Map<string, number> }

async function positionsOf(source: RecordSource): Promise<Positions> {
  const positions: Positions = { ids: new Map(), counts: new Map() }
  for (const slug of source.slugs) {
    const ids = new Map<string, number>()
    let index = 0
    for await (const record of source.records(slug)) ids.set(String(record.id), index++)
    positions.ids.set(slug, ids)
    positions.counts.set(slug, index)
  }
  return positions
}

/** A reference's stand-in: the position it points at ("articles#3"), or none for a document not there. */
function positionOf(positions: Positions, collection: string, id: DocumentId): string | undefined {
  const position = positions.ids.get(collection)?.get(String(id))
  return position === undefined ? undefined : `${collection}#${position}`
}

function recordsOf(source: RecordSource, slug: string): AsyncIterator<ExportRecord> {
  return source.slugs.includes(slug) ? source.records(slug)[Symbol.asyncIterator]() : (async function* () {})()
}

function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== null && item !== undefined)
        .map(([key, item]) => [key, withoutEmpty(item)]),
    )
  }
  return value
}

/** The dotted path of the first difference, '' for the values themselves, undefined when equal. */
function firstDifference(left: unknown, right: unknown, path = ''): string | undefined {
  if (isDeepStrictEqual(left, right)) return undefined
  if (left && right && typeof left === 'object' && typeof right === 'object') {
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      const found = firstDifference((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key], path ? `${path}.${key}` : key)
      if (found !== undefined) return found
    }
  }
  return path
}
