import type { ReactNode } from 'react'

import { EMBED_BLOCK_SLUGS } from '../model/slugs'
import { BenefitListView, CallToActionView, FaqGroupView } from './embeds'
import { safeHref } from './safe-href'

/** Lexical JSON (as the API returns it, embeds populated) rendered as semantic HTML. */
type LexicalNode = {
  type: string
  tag?: string
  text?: string
  format?: number | string
  listType?: string
  children?: LexicalNode[]
  fields?: Record<string, any>
  value?: any
  url?: string
}

const FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16, subscript: 32, superscript: 64 }

export function RichText({ content }: { content: { root?: LexicalNode } | null | undefined }) {
  if (!content?.root?.children) return null
  return <>{renderChildren(content.root.children)}</>
}

function renderChildren(nodes: LexicalNode[] = []): ReactNode[] {
  return nodes.map((node, index) => renderNode(node, index))
}

function renderNode(node: LexicalNode, key: number): ReactNode {
  switch (node.type) {
    case 'text':
      return <TextRun key={key} node={node} />
    case 'linebreak':
      return <br key={key} />
    case 'tab':
      return ' '
    case 'paragraph':
      return <p key={key}>{renderChildren(node.children)}</p>
    case 'heading': {
      // The page title is the only h1; body headings start at h2.
      const level = Math.min(Math.max(Number(String(node.tag ?? 'h2').slice(1)), 2), 6)
      const Tag = `h${level}` as 'h2'
      return <Tag key={key}>{renderChildren(node.children)}</Tag>
    }
    case 'quote':
      return <blockquote key={key}>{renderChildren(node.children)}</blockquote>
    case 'list': {
      const Tag = node.listType === 'number' ? 'ol' : 'ul'
      return <Tag key={key}>{renderChildren(node.children)}</Tag>
    }
    case 'listitem':
      return <li key={key}>{renderChildren(node.children)}</li>
    case 'link':
    case 'autolink': {
      const href = linkHref(node)
      return href ? (
        <a key={key} href={href} {...(node.fields?.newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
          {renderChildren(node.children)}
        </a>
      ) : (
        <span key={key}>{renderChildren(node.children)}</span>
      )
    }
    case 'horizontalrule':
      return <hr key={key} />
    case 'upload':
      return <Figure key={key} media={node.value} />
    case 'block':
      return <Embed key={key} fields={node.fields ?? {}} />
    default:
      return node.children ? <span key={key}>{renderChildren(node.children)}</span> : null
  }
}

function TextRun({ node }: { node: LexicalNode }) {
  const format = typeof node.format === 'number' ? node.format : 0
  let content: ReactNode = node.text ?? ''
  if (format & FORMAT.code) content = <code>{content}</code>
  if (format & FORMAT.bold) content = <strong>{content}</strong>
  if (format & FORMAT.italic) content = <em>{content}</em>
  if (format & FORMAT.underline) content = <u>{content}</u>
  if (format & FORMAT.strikethrough) content = <s>{content}</s>
  if (format & FORMAT.subscript) content = <sub>{content}</sub>
  if (format & FORMAT.superscript) content = <sup>{content}</sup>
  return <>{content}</>
}

function linkHref(node: LexicalNode): string | undefined {
  const fields = node.fields ?? {}
  if (fields.linkType === 'internal') {
    const doc = fields.doc?.value
    return typeof doc === 'object' && doc?.slug ? `/articles/${encodeURIComponent(doc.slug)}` : undefined
  }
  return safeHref(fields.url ?? node.url)
}

/** An image, when it was populated (published and readable); an unresolved id renders nothing. */
export function Figure({ media, size = 'hero' }: { media: any; size?: string }) {
  if (!media || typeof media !== 'object' || !media.url) return null
  const src = media.sizes?.[size]?.url ?? media.url
  return (
    <figure>
      <img src={src} alt={media.alt ?? ''} width={media.sizes?.[size]?.width ?? media.width} height={media.sizes?.[size]?.height ?? media.height} />
      {media.caption ? <figcaption>{media.caption}</figcaption> : null}
    </figure>
  )
}

function Embed({ fields }: { fields: Record<string, any> }) {
  switch (fields.blockType) {
    case EMBED_BLOCK_SLUGS.benefitList:
      return <BenefitListView list={fields.benefitList} />
    case EMBED_BLOCK_SLUGS.faqGroup:
      return <FaqGroupView heading={fields.heading} faqs={fields.faqs} renderAnswer={(answer) => <RichText content={answer as never} />} />
    case EMBED_BLOCK_SLUGS.callToAction:
      return <CallToActionView cta={fields.callToAction} />
    default:
      return null
  }
}
