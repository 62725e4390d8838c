import { AsyncLocalStorage } from 'node:async_hooks'

import type { CollectionAfterReadHook, CollectionBeforeOperationHook, Where } from 'payload'

/**
 * Which documents an answer was built from, collected while it is built: every document read at
 * any depth (populated ones included), every document asked for by id even if it came back empty
 * (an unpublished reference becomes visible once published), and `collection:*` for listings,
 * whose membership changes when any document of the collection does.
 */
const reads = new AsyncLocalStorage<Set<string>>()

/** Context flag for a query that names one document (a unique slug): its answer depends on that document only. */
export const READS_ONE_DOCUMENT = 'kapReadsOneDocument'

export function documentKey(collection: string, id: string | number): string {
  return `${collection}:${id}`
}

export function listingKey(collection: string): string {
  return `${collection}:*`
}

/** Runs `build` and returns its result with the dependency keys of everything it read. */
export async function collectReadDependencies<T>(build: () => Promise<T>): Promise<{ result: T; dependencies: Set<string> }> {
  const dependencies = new Set<string>()
  const result = await reads.run(dependencies, build)
  return { result, dependencies }
}

/** The dependency set of the answer being built in this async context, if any. */
export function currentReadDependencies(): Set<string> | undefined {
  return reads.getStore()
}

export const recordDocumentRead: CollectionAfterReadHook = ({ collection, doc }) => {
  const dependencies = reads.getStore()
  if (dependencies && doc?.id !== undefined) dependencies.add(documentKey(collection.slug, doc.id))
  return doc
}

export const recordQuery: CollectionBeforeOperationHook = ({ args, collection, context, operation }) => {
  const dependencies = reads.getStore()
  // A count is a listing too: /api/<collection>/count and the sitemap index must go stale with it.
  if (!dependencies || (operation !== 'read' && operation !== 'count')) return args
  const { where, id } = args as { where?: Where; id?: string | number }
  const ids = requestedIds(where) ?? (id !== undefined ? [id] : undefined)
  if (ids) {
    for (const each of ids) dependencies.add(documentKey(collection.slug, each))
  } else if (!context?.[READS_ONE_DOCUMENT]) {
    dependencies.add(listingKey(collection.slug))
  }
  return args
}

/** The ids of a `{ id: { in: [...] } }` or `{ id: { equals: x } }` query, as relationship population makes. */
function requestedIds(where: Where | undefined): (string | number)[] | undefined {
  const condition = where?.id as { in?: unknown; equals?: unknown } | undefined
  if (!condition || Object.keys(where ?? {}).length !== 1) return undefined
  if (Array.isArray(condition.in)) return condition.in as (string | number)[]
  if (typeof condition.equals === 'string' || typeof condition.equals === 'number') return [condition.equals]
  return undefined
}
