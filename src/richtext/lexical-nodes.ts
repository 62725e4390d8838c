import crypto from 'node:crypto'

/**
 * Builders for the Lexical JSON that Payload's rich-text fields store, so code (the importer, tests)
 * can write content the admin editor opens exactly as if a person had typed it.
 */
type Node = Record<string, unknown>

export type LexicalDocument = { root: Node & { children: Node[] } }

const base = { format: '', indent: 0, version: 1, direction: 'ltr' as const }

export function text(value: string): Node {
  return { type: 'text', text: value, format: 0, style: '', mode: 'normal', detail: 0, version: 1 }
}

export function paragraph(value: string): Node {
  return { ...base, type: 'paragraph', textFormat: 0, textStyle: '', children: [text(value)] }
}

/** A paragraph of several inline nodes (text, links). */
export function paragraphOf(children: Node[]): Node {
  return { ...base, type: 'paragraph', textFormat: 0, textStyle: '', children }
}

/** A link to another document (an article), as the editor's link button makes it. */
export function internalLink(relationTo: string, id: string | number, label: string): Node {
  return { ...base, type: 'link', id: objectId(), fields: { linkType: 'internal', newTab: false, doc: { relationTo, value: id } }, children: [text(label)] }
}

export function heading(tag: 'h2' | 'h3' | 'h4', value: string): Node {
  return { ...base, type: 'heading', tag, children: [text(value)] }
}

export function quote(value: string): Node {
  return { ...base, type: 'quote', children: [text(value)] }
}

/** An image from the media collection, placed in the text. */
export function upload(relationTo: string, id: string | number): Node {
  return { type: 'upload', version: 3, format: '', id: objectId(), fields: null, relationTo, value: id }
}

/** One of the article embed blocks (benefitList, faqGroup, callToAction). */
export function block(blockType: string, fields: Record<string, unknown>): Node {
  return { type: 'block', version: 2, format: '', fields: { id: objectId(), blockName: '', blockType, ...fields } }
}

export function lexicalDocument(children: Node[]): LexicalDocument {
  return { root: { ...base, type: 'root', children } }
}

/** Block and node ids are 24-hex strings, as the admin editor generates them. */
function objectId(): string {
  return crypto.randomBytes(12).toString('hex')
}
