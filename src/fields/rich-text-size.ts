import type { RichTextField, Validate } from 'payload'
import { richText } from 'payload/shared'

/** A generous cap on a rich-text body (about 100 printed pages) so a paste accident cannot store megabytes. */
export const MAX_RICH_TEXT_JSON_CHARS = 400_000

/** The editor's own validation, plus the size cap. */
export const validateRichText: Validate<unknown, unknown, unknown, RichTextField> = (value, options) => {
  if (value && JSON.stringify(value).length > MAX_RICH_TEXT_JSON_CHARS) {
    return 'This text is too long to save. Split it into several articles.'
  }
  return richText(value as never, options as never)
}
