import { isDeepStrictEqual } from 'node:util'

import type { SanitizedConfig } from 'payload'

import type { DocumentId, ExportRecord, StoredDocument } from './export-format'
import { mapReferences } from '../fields/document-references'

export type CollectionRecords = Map<string, ExportRecord[]>

/**
 * Two exports hold the same content when, collection by collection and in order, their documents
 * are equal once ids are set aside: each id becomes its position ("articles#3") and every
 * reference is rewritten the same way. Empty values are dropped because the adapters store an
 * empty optional field differently (SQLite as null, MongoDB not at all).
 */
export function exportDifferences(config: SanitizedConfig, expected: CollectionRecords, actual: CollectionRecords, limit = 20): string[] {
  const a = canonical(config, expected)
  const b = canonical(config, actual)
  const differences: string[] = []
  for (const slug of new Set([...a.keys(), ...b.keys()])) {
    const left = a.get(slug) ?? []
    const right = b.get(slug) ?? []
    if (left.length !== right.length) differences.push(`${slug}: ${left.length} documents expected, ${right.length} found`)
    for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
      for (const part of ['document', 'draft'] as const) {
        const path = firstDifference(left[index][part], right[index][part])
        if (path !== undefined) differences.push(`${slug}#${index} ${part}${path ? `.${path}` : ''} differs`)
      }
    }
  }
  return differences.slice(0, limit)
}

function canonical(config: SanitizedConfig, collections: CollectionRecords): Map<string, ExportRecord[]> {
  const positions = new Map<string, string>()
  for (const [slug, records] of collections) records.forEach((record, index) => positions.set(`${slug}:${record.id}`, `${slug}#${index}`))
  const resolve = (collection: string, id: DocumentId) => positions.get(`${collection}:${id}`)
  const result = new Map<string, ExportRecord[]>()
  for (const [slug, records] of collections) {
    const fields = config.collections.find((collection) => collection.slug === slug)?.flattenedFields ?? []
    const rewrite = (doc: StoredDocument | undefined) => (doc ? (withoutEmpty(mapReferences(config, fields, doc, resolve).data) as StoredDocument) : undefined)
    result.set(
      slug,
      records.map((record, index) => ({ id: `${slug}#${index}`, document: rewrite(record.document)!, draft: rewrite(record.draft) })),
    )
  }
  return result
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
