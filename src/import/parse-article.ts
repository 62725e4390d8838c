import { slugify } from '../fields/slugify'
import { type ArticleSection, type CallToActionDraft, IMPORT_LIMITS, ImportFormatError, type ListItem, type ParsedArticle } from './article-model'

/**
 * Reads an article in the plain-text form clinics' blogs export (see README, "Importing articles"):
 * a title line; headings, paragraphs and image names as lines of their own; "•" bullet lists, often
 * after a lead-in line ending in ":"; a closing invitation; then "Previous"/"Next" and the titles
 * of the neighbouring articles.
 */
export function parseArticleText(text: string): ParsedArticle {
  if (Buffer.byteLength(text, 'utf8') > IMPORT_LIMITS.fileBytes) {
    throw new ImportFormatError(0, `the file is larger than ${IMPORT_LIMITS.fileBytes / 1_000_000} MB; an article is expected`)
  }
  if (text.includes('\u0000')) throw new ImportFormatError(0, 'the file is not plain text (it contains NUL bytes)')

  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, index) => ({ text: clean(raw), number: index + 1 }))
  const content = lines.filter((line) => line.text !== '')
  if (content.length === 0) throw new ImportFormatError(0, 'the file is empty')

  const [titleLine, ...rest] = content
  if (isBullet(titleLine.text) || isNavigationMarker(titleLine.text)) {
    throw new ImportFormatError(titleLine.number, 'the first line must be the article title')
  }
  requireLength(titleLine.text, IMPORT_LIMITS.title, 'the title', titleLine.number)

  const { body, previousTitle, nextTitle } = splitNavigation(rest)
  if (body.length === 0) throw new ImportFormatError(titleLine.number, 'the article has a title but no text')

  const sections = readSections(body)
  const callToAction = takeClosingInvitation(sections)
  if (!sections.some((section) => section.kind === 'paragraph' || section.kind === 'list')) {
    throw new ImportFormatError(titleLine.number, 'the article has no paragraphs or lists')
  }
  const firstParagraph = sections.find((section) => section.kind === 'paragraph')

  return {
    title: titleLine.text,
    slug: slugify(titleLine.text),
    excerpt: firstParagraph?.kind === 'paragraph' ? excerptOf(firstParagraph.text) : undefined,
    sections,
    callToAction,
    previousTitle,
    nextTitle,
  }
}

type Line = { text: string; number: number }

const BULLET = /^[•◦▪‣∙●*-](?:\s+(.*))?$/
const NAVIGATION = /^(previous|next)$/i
const TERMINAL_PUNCTUATION = /[.!?:;,"”’)…]$/

function clean(raw: string): string {
  return raw
    .replace(/[\u00A0\u2000-\u200B\t]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function isBullet(text: string): boolean {
  return BULLET.test(text)
}

function isNavigationMarker(text: string): boolean {
  return NAVIGATION.test(text)
}

/** Everything from the first "Previous"/"Next" marker on is navigation: marker lines, then a title. */
function splitNavigation(lines: Line[]): { body: Line[]; previousTitle?: string; nextTitle?: string } {
  const start = lines.findIndex((line) => isNavigationMarker(line.text))
  if (start === -1) return { body: lines }
  const links: { previousTitle?: string; nextTitle?: string } = {}
  let pending: Line | undefined
  for (const line of lines.slice(start)) {
    if (isNavigationMarker(line.text)) {
      pending = line
      continue
    }
    if (!pending) throw new ImportFormatError(line.number, 'unexpected text after the Previous/Next links')
    requireLength(line.text, IMPORT_LIMITS.title, 'a linked article title', line.number)
    if (pending.text.toLowerCase() === 'previous') links.previousTitle = line.text
    else links.nextTitle = line.text
    pending = undefined
  }
  if (pending) throw new ImportFormatError(pending.number, `"${pending.text}" is not followed by the title of an article`)
  return { body: lines.slice(0, start), ...links }
}

function readSections(lines: Line[]): ArticleSection[] {
  const sections: ArticleSection[] = []
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    if (isBullet(line.text)) {
      const items: ListItem[] = []
      const start = line.number
      while (index < lines.length && isBullet(lines[index].text)) {
        items.push(readItem(lines[index]))
        index++
      }
      index--
      if (items.length > IMPORT_LIMITS.itemsPerList) {
        throw new ImportFormatError(start, `a list has ${items.length} items; at most ${IMPORT_LIMITS.itemsPerList} are allowed`)
      }
      const leadIn = takeLeadIn(sections)
      const style = items.some((item) => item.description) ? 'labelAndDescription' : 'bullets'
      sections.push({ kind: 'list', leadIn: leadIn?.text, items, style, line: leadIn?.line ?? start })
      continue
    }
    sections.push(classify(line))
  }
  return sections
}

/**
 * The sentence ending in ":" just before a list introduces it ("Integration therapy helps clients:").
 * When it closes a longer paragraph, the sentences before it stay a paragraph of their own.
 */
function takeLeadIn(sections: ArticleSection[]): { text: string; line: number } | undefined {
  const previous = sections[sections.length - 1]
  if (previous?.kind !== 'paragraph' || !previous.text.endsWith(':')) return undefined
  const sentences = previous.text.match(/[^.!?]+(?:[.!?]+["”’)]*\s+|:$)/g) ?? [previous.text]
  const leadIn = sentences[sentences.length - 1].trim()
  const before = previous.text.slice(0, previous.text.length - sentences[sentences.length - 1].length).trim()
  if (before) previous.text = before
  else sections.pop()
  requireLength(leadIn, IMPORT_LIMITS.leadIn, 'the line before a list', previous.line)
  return { text: leadIn, line: previous.line }
}

/** "Emotional release: Long-held grief may rise…" -> a label and its description. */
function readItem(line: Line): ListItem {
  const text = ((line.text.match(BULLET) as RegExpMatchArray)[1] ?? '').trim()
  if (!text) throw new ImportFormatError(line.number, 'a list item is empty')
  const colon = text.indexOf(': ')
  const candidate = colon > 0 ? text.slice(0, colon).trim() : ''
  if (candidate && candidate.split(' ').length <= 8 && !TERMINAL_PUNCTUATION.test(candidate)) {
    const description = text.slice(colon + 2).trim()
    requireLength(candidate, IMPORT_LIMITS.label, 'a list item label', line.number)
    requireLength(description, IMPORT_LIMITS.description, 'a list item description', line.number)
    return description ? { label: candidate, description } : { label: candidate }
  }
  if (text.length > IMPORT_LIMITS.label) {
    throw new ImportFormatError(
      line.number,
      `a list item is ${text.length} characters long; write long items as "Label: description" (label up to ${IMPORT_LIMITS.label} characters)`,
    )
  }
  return { label: text }
}

function classify(line: Line): ArticleSection {
  const { text, number } = line
  const words = text.split(' ').length
  const shortLine = text.length <= 120 && words <= 14 && !TERMINAL_PUNCTUATION.test(text)
  // A short lower-case line with no punctuation names the image that stood there.
  if (shortLine && /^[a-z]/.test(text)) {
    requireLength(text, IMPORT_LIMITS.alt, 'an image description', number)
    return { kind: 'image', alt: text, line: number }
  }
  if (shortLine && /^[\p{Lu}\d]/u.test(text)) return { kind: 'heading', text, line: number }
  requireLength(text, IMPORT_LIMITS.paragraph, 'a paragraph', number)
  return { kind: 'paragraph', text, line: number }
}

const INVITATION = /\b(reach out|contact us|get in touch|schedule|book|call us|consultation)\b/i

/** The article's last paragraph, when it invites the reader to act, becomes its call to action. */
function takeClosingInvitation(sections: ArticleSection[]): CallToActionDraft | undefined {
  const last = sections[sections.length - 1]
  if (last?.kind !== 'paragraph' || !INVITATION.test(last.text)) return undefined
  sections.pop()
  return { heading: 'Take the next step', body: last.text, buttonLabel: buttonLabelFor(last.text), line: last.line }
}

function buttonLabelFor(text: string): string {
  const phrase = text.match(/\b(schedule|book) (a|an|your) ((?:free )?[a-z]+)/i)
  if (phrase) return capitalise(`${phrase[1]} ${phrase[2]} ${phrase[3]}`.toLowerCase())
  if (/\bcall\b/i.test(text)) return 'Call us'
  return 'Contact us'
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function excerptOf(paragraph: string): string {
  if (paragraph.length <= 300) return paragraph
  const sentences = paragraph.match(/[^.!?]+[.!?]+(\s|$)/g) ?? []
  let excerpt = ''
  for (const sentence of sentences) {
    if ((excerpt + sentence).length > 300) break
    excerpt += sentence
  }
  return excerpt.trim() || `${paragraph.slice(0, 297).replace(/\s+\S*$/, '')}…`
}

function requireLength(text: string, max: number, what: string, line: number): void {
  if (text.length > max) throw new ImportFormatError(line, `${what} is ${text.length} characters long; at most ${max} are allowed`)
}
