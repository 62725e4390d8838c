type Node = { type?: string; text?: string; children?: Node[] }

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'listitem', 'list'])

/** The words of a Lexical document, for places that take plain text (structured data, feeds). */
export function lexicalToPlainText(content: { root?: Node } | null | undefined): string {
  const parts: string[] = []
  const walk = (node: Node) => {
    if (node.type === 'text' && node.text) parts.push(node.text)
    if (node.type === 'linebreak') parts.push('\n')
    node.children?.forEach(walk)
    if (node.type && BLOCK_TYPES.has(node.type)) parts.push('\n')
  }
  if (content?.root) walk(content.root)
  return parts
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim()
}
