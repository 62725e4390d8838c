import { flattenAllFields, type FlattenedBlock, type FlattenedField, type SanitizedConfig } from 'payload'

type Id = number | string
type Json = Record<string, unknown>

/**
 * Gives the id a reference should point at now: the restored document's new id, or undefined when
 * that document does not exist (yet, or at all).
 */
export type ResolveId = (collection: string, id: Id, path: string) => Id | undefined

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
 * Every reference a document holds, walked one way for all who need them: a restore rewrites
 * them to new ids (src/backup), a save checks they exist (reject-missing-references.ts), a publish
 * finds the images it makes public (src/publishing/public-images.ts).
 *
 * Rewrites every reference to another document in `data` (relationship and upload fields at any
 * depth, Lexical upload, relationship and internal-link nodes, relationships inside Lexical blocks,
 * text fields marked as document ids) through `resolve`. A reference that cannot be resolved is
 * emptied. Join and virtual fields are dropped: they
 * are computed, not stored. Returns a copy; `data` is not changed.
 */
export function mapReferences(config: SanitizedConfig, fields: FlattenedField[], data: Json, resolve: ResolveId): MappedDocument {
  const counter = { unresolved: 0 }
  return { data: mapFields(config, fields, data, resolve, counter, ''), unresolved: counter.unresolved }
}

type Counter = { unresolved: number }

/** `prefix` is the dotted path of `data` in the document (e.g. "link."), for naming a reference. */
function mapFields(config: SanitizedConfig, fields: FlattenedField[], data: Json, resolve: ResolveId, counter: Counter, prefix: string): Json {
  const out: Json = { ...data }
  for (const field of fields) {
    if (field.type === 'join' || ('virtual' in field && field.virtual)) {
      delete out[field.name]
      continue
    }
    const value = data[field.name]
    if (value === undefined || value === null) continue
    const path = `${prefix}${field.name}`
    switch (field.type) {
      case 'relationship':
      case 'upload':
        out[field.name] = mapRelationValue(field.relationTo, field.hasMany === true, value, resolve, counter, path)
        break
      case 'group':
      case 'tab':
        if (isJson(value)) out[field.name] = mapFields(config, field.flattenedFields, value, resolve, counter, `${path}.`)
        break
      case 'array':
        if (Array.isArray(value))
          out[field.name] = value.map((row, index) => (isJson(row) ? mapFields(config, field.flattenedFields, row, resolve, counter, `${path}.${index}.`) : row))
        break
      case 'blocks':
        if (Array.isArray(value))
          out[field.name] = value.map((row, index) => {
            const block = isJson(row) ? findBlock(config, [...(field.blockReferences ?? field.blocks)], row.blockType) : undefined
            return block ? mapFields(config, block.flattenedFields, row, resolve, counter, `${path}.${index}.`) : row
          })
        break
      case 'richText':
        out[field.name] = mapLexical(config, field, value, resolve, counter, path)
        break
      case 'text': {
        const collectionField = (field.custom as Json | undefined)?.[REFERENCE_COLLECTION_FIELD]
        if (typeof collectionField === 'string' && typeof data[collectionField] === 'string') {
          // A record of a document deleted since: its old id would name some other document in the
          // new database, so it is emptied (the record's summary still says what it was).
          out[field.name] = String(resolve(data[collectionField] as string, value as Id, path) ?? '')
        }
        break
      }
    }
  }
  return out
}

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A reference as stored (an id), or as sent by a client (a populated document with its id). */
const idOf = (value: unknown): Id | undefined =>
  typeof value === 'string' || typeof value === 'number' ? value : isJson(value) && (typeof value.id === 'string' || typeof value.id === 'number') ? value.id : undefined

function mapRelationValue(relationTo: string | string[], hasMany: boolean, value: unknown, resolve: ResolveId, counter: Counter, path: string): unknown {
  const one = (item: unknown, itemPath: string): unknown => {
    if (Array.isArray(relationTo)) {
      if (!isJson(item)) return item
      const { relationTo: collection, value: id } = item as { relationTo: string; value: unknown }
      const itemId = idOf(id)
      if (itemId === undefined) return item
      const mapped = resolve(collection, itemId, itemPath)
      if (mapped === undefined) counter.unresolved += 1
      return mapped === undefined ? undefined : { relationTo: collection, value: mapped }
    }
    const itemId = idOf(item)
    if (itemId === undefined) return item
    const mapped = resolve(relationTo, itemId, itemPath)
    if (mapped === undefined) counter.unresolved += 1
    return mapped
  }
  if (!hasMany || !Array.isArray(value)) return one(value, path) ?? null
  return value.map((item, index) => one(item, `${path}.${index}`)).filter((item) => item !== undefined)
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
function mapLexical(config: SanitizedConfig, field: FlattenedField & { type: 'richText' }, value: unknown, resolve: ResolveId, counter: Counter, path: string): unknown {
  const root = isJson(value) ? (value.root as LexicalNode | undefined) : undefined
  if (!isJson(root)) return value
  const blocks = lexicalBlocks(field)
  const mapNode = (node: LexicalNode): LexicalNode => {
    if (!isJson(node)) return node
    const out: LexicalNode = { ...node }
    if ((node.type === 'upload' || node.type === 'relationship') && typeof node.relationTo === 'string' && idOf(node.value) !== undefined) {
      const mapped = resolve(node.relationTo, idOf(node.value)!, `${path} (${node.type === 'upload' ? 'an image' : 'a linked document'})`)
      if (mapped === undefined) counter.unresolved += 1
      out.value = mapped ?? null
    }
    if ((node.type === 'link' || node.type === 'autolink') && isJson(node.fields) && node.fields.linkType === 'internal') {
      const doc = node.fields.doc as { relationTo: string; value: unknown } | null | undefined
      const docId = isJson(doc) ? idOf(doc.value) : undefined
      if (doc && docId !== undefined) {
        const mapped = resolve(doc.relationTo, docId, `${path} (a link)`)
        if (mapped === undefined) counter.unresolved += 1
        out.fields = { ...node.fields, doc: mapped === undefined ? null : { relationTo: doc.relationTo, value: mapped } }
      }
    }
    if ((node.type === 'block' || node.type === 'inlineBlock') && isJson(node.fields)) {
      const block = findBlock(config, blocks, node.fields.blockType)
      if (block)
        out.fields = mapFields(config, block.flattenedFields ?? flattenAllFields({ fields: block.fields }), node.fields, resolve, counter, `${path} (${block.slug} block).`)
    }
    if (Array.isArray(node.children)) out.children = node.children.map(mapNode)
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
