/** A plain-text article, understood: what the parser produces and the loader stores. No Payload here. */

export type ListItem = { label: string; description?: string }

export type ArticleSection =
  | { kind: 'heading'; text: string; line: number }
  | { kind: 'paragraph'; text: string; line: number }
  | { kind: 'image'; alt: string; line: number }
  | { kind: 'list'; leadIn?: string; items: ListItem[]; style: 'bullets' | 'labelAndDescription'; line: number }

export type CallToActionDraft = { heading: string; body: string; buttonLabel: string; line: number }

export type ParsedArticle = {
  title: string
  slug: string
  excerpt?: string
  sections: ArticleSection[]
  callToAction?: CallToActionDraft
  previousTitle?: string
  nextTitle?: string
}

/** A problem with the file, tied to the line an editor should look at. */
export class ImportFormatError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(line > 0 ? `line ${line}: ${reason}` : reason)
    this.name = 'ImportFormatError'
  }
}

export const IMPORT_LIMITS = {
  fileBytes: 1_000_000,
  title: 200,
  heading: 200,
  paragraph: 10_000,
  leadIn: 300,
  label: 200,
  description: 1000,
  itemsPerList: 50,
  alt: 300,
} as const
