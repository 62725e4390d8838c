import { flattenAllFields, type FlattenedBlock, type FlattenedField, type SanitizedConfig } from 'payload'

type Id = number | string
type Json = Record<string, unknown>

/**
 * Gives the id a reference should point at now: the restored document's new id, or undefined when
 * that document does not exist (yet, or at all).
 */
export type ResolveId = (collection: string, id: Id) => Id | undefined

export type MappedDocument = {
  data: Json
  /** References that could not be resolved and were emptied. */
  unresolved: number
}

/**
 * A text field holding another document's id (the audit log's and the webhook deliveries'
 * documentId) names, in `custom`, the sibling field that holds that document's collection, so a
 * restore can map it like a relationship.
 */
export const REFERENCE_COLLECTION_FIELD = 'referenceCollectionField'

/**
 * Rewrites every reference to another document in `data` (relationship and upload fields at any
 * depth, Lexical upload, relationship and internal-link nodes, relationships inside Lexical blocks,
 * text fields marked as document ids) through `resolve`. A reference that cannot be resolved is
 * emptied. Join and virtual fields are dropped: they
 * are computed, not stored. Returns a copy; `data` is not changed.
 */
export function mapReferences(config: SanitizedConfig, fields: FlattenedField[], data: Json, resolve: ResolveId): MappedDocument {
  const counter = { unresolved: 0 }
  return { data: mapFields(config, fields, data, resolve, counter), unresolved: counter.unresolved }
}

type Counter = { unresolved: number }

function mapFields(config: SanitizedConfig, fields: FlattenedField[], data: Json, resolve: ResolveId, counter: Counter): Json {
  const out: Json = { ...data }
  for (const field of fields) {
    if (field.type === 'join' || ('virtual' in field && field.virtual)) {
      delete out[field.name]
      continue
    }
    const value = data[field.name]
    if (value === undefined || value === null) continue
    switch (field.type) {
      case 'relationship':
      case 'upload':
        out[field.name] = mapRelationValue(field.relationTo, field.hasMany === true, value, resolve, counter)
        break
      case 'group':
      case 'tab':
        out[field.name] = mapFields(config, field.flattenedFields, value as Json, resolve, counter)
        break
      case 'array':
        out[field.name] = (value as Json[]).map((row) => mapFields(config, field.flattenedFields, row, resolve, counter))
        break
      case 'blocks':
        out[field.name] = (value as Json[]).map((row) => {
          const block = findBlock(config, [...(field.blockReferences ?? field.blocks)], row.blockType)
          return block ? mapFields(config, block.flattenedFields, row, resolve, counter) : row
        })
        break
      case 'richText':
        out[field.name] = mapLexical(config, field, value, resolve, counter)
        break
      case 'text': {
        const collectionField = (field.custom as Json | undefined)?.[REFERENCE_COLLECTION_FIELD]
        if (typeof collectionField === 'string' && typeof data[collectionField] === 'string') {
          // A record of a document deleted since: its old id would name some other document in the
          // new database, so it is emptied (the record's summary still says what it was).
          out[field.name] = String(resolve(data[collectionField] as string, value as Id) ?? '')
        }
        break
      }
    }
  }
  return out
}

function mapRelationValue(relationTo: string | string[], hasMany: boolean, value: unknown, resolve: ResolveId, counter: Counter): unknown {
  const one = (item: unknown): unknown => {
    if (Array.isArray(relationTo)) {
      const { relationTo: collection, value: id } = item as { relationTo: string; value: Id }
      const mapped = resolve(collection, id)
      if (mapped === undefined) counter.unresolved += 1
      return mapped === undefined ? undefined : { relationTo: collection, value: mapped }
    }
    const mapped = resolve(relationTo, item as Id)
    if (mapped === undefined) counter.unresolved += 1
    return mapped
  }
  if (!hasMany) return one(value) ?? null
  return (value as unknown[]).map(one).filter((item) => item !== undefined)
}

function findBlock(config: SanitizedConfig, blocks: (FlattenedBlock | string)[], slug: unknown): FlattenedBlock | undefined {
  for (const block of blocks) {
    const resolved = typeof block === 'string' ? config.blocks?.find((candidate) => candidate.slug === block) : block
    if (resolved?.slug === slug) return resolved as FlattenedBlock
  }
  return undefined
}

type LexicalNode = Json & { type?: string; children?: LexicalNode[]; fields?: Json }

/** Lexical stores references inside its JSON: upload/relationship nodes, internal links, block fields. */
function mapLexical(config: SanitizedConfig, field: FlattenedField & { type: 'richText' }, value: unknown, resolve: ResolveId, counter: Counter): unknown {
  const root = (value as { root?: LexicalNode }).root
  if (!root) return value
  const blocks = lexicalBlocks(field)
  const mapNode = (node: LexicalNode): LexicalNode => {
    const out: LexicalNode = { ...node }
    if ((node.type === 'upload' || node.type === 'relationship') && typeof node.relationTo === 'string' && node.value != null) {
      const mapped = resolve(node.relationTo, node.value as Id)
      if (mapped === undefined) counter.unresolved += 1
      out.value = mapped ?? null
    }
    if ((node.type === 'link' || node.type === 'autolink') && node.fields?.linkType === 'internal') {
      const doc = node.fields.doc as { relationTo: string; value: Id } | null | undefined
      if (doc?.value != null) {
        const mapped = resolve(doc.relationTo, doc.value)
        if (mapped === undefined) counter.unresolved += 1
        out.fields = { ...node.fields, doc: mapped === undefined ? null : { relationTo: doc.relationTo, value: mapped } }
      }
    }
    if ((node.type === 'block' || node.type === 'inlineBlock') && node.fields) {
      const block = findBlock(config, blocks, node.fields.blockType)
      if (block) out.fields = mapFields(config, block.flattenedFields ?? flattenAllFields({ fields: block.fields }), node.fields, resolve, counter)
    }
    if (node.children) out.children = node.children.map(mapNode)
    return out
  }
  return { ...(value as Json), root: mapNode(root) }
}

type BlocksFeature = { sanitizedServerFeatureProps?: { blocks?: (FlattenedBlock | string)[]; inlineBlocks?: (FlattenedBlock | string)[] } }

function lexicalBlocks(field: FlattenedField & { type: 'richText' }): (FlattenedBlock | string)[] {
  const editor = field.editor as { editorConfig?: { resolvedFeatureMap?: Map<string, BlocksFeature> } } | undefined
  const props = editor?.editorConfig?.resolvedFeatureMap?.get('blocks')?.sanitizedServerFeatureProps
  return [...(props?.blocks ?? []), ...(props?.inlineBlocks ?? [])]
}
