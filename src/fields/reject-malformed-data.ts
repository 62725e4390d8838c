import { type CollectionBeforeOperationHook, type Field, ValidationError } from 'payload'

/** Keys Payload itself reads or writes on every document. */
const SYSTEM_KEYS = new Set(['id', '_id', 'createdAt', 'updatedAt', 'deletedAt'])
const STATUSES = new Set(['draft', 'published'])

type Problem = { path: string; message: string }

/**
 * Refuses REST and GraphQL writes whose data does not have the collection's shape, with a 400
 * naming each offending path: keys the collection does not have (instead of silently dropping
 * them), and values of the wrong type (an object where text belongs, text for a number, an
 * unknown option), which Payload would otherwise coerce or store as sent. Server code using the
 * Local API is trusted and not checked. Runs before the operation, so it sees the data as sent,
 * before field hooks shape it.
 */
export const rejectMalformedData: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  const data = (args as { data?: Record<string, unknown> }).data
  if ((operation !== 'create' && operation !== 'update') || !isObject(data) || (req.payloadAPI !== 'REST' && req.payloadAPI !== 'GraphQL')) return args
  const problems: Problem[] = []
  if ('_status' in data && !STATUSES.has(data._status as string)) problems.push({ path: '_status', message: '"_status" must be "draft" or "published".' })
  checkFields(collection.fields, data, '', problems, true)
  if (problems.length > 0) throw new ValidationError({ collection: collection.slug, errors: problems.slice(0, 20) })
  return args
}

/**
 * A create or update over REST or GraphQL must carry the document: Payload reads JSON bodies, and
 * multipart bodies whose `_payload` field holds the JSON (how the admin UI and uploads send it).
 * Anything else reached Payload as no data at all and failed with a 500; now it is a 400 saying
 * what to send. (Other content types are refused with a 415 before Payload, request-limits.ts.)
 */
export const rejectMissingData: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  if ((operation !== 'create' && operation !== 'update') || (req.payloadAPI !== 'REST' && req.payloadAPI !== 'GraphQL')) return args
  // An upload may send the file alone (its fields unchanged).
  if (isObject((args as { data?: unknown }).data) || req.file) return args
  throw new ValidationError({
    collection: collection.slug,
    errors: [
      {
        path: 'body',
        message:
          'The request carried no document: send it as a JSON object (Content-Type: application/json), or as multipart/form-data with the document as JSON in a "_payload" field (uploads).',
      },
    ],
  })
}

function checkFields(fields: Field[], data: Record<string, unknown>, prefix: string, problems: Problem[], topLevel: boolean) {
  const byName = new Map<string, Field>()
  const collect = (list: Field[]) => {
    for (const field of list) {
      if ('name' in field && field.name) byName.set(field.name, field)
      else if (field.type === 'tabs')
        for (const tab of field.tabs) {
          if ('name' in tab && tab.name) byName.set(tab.name, { type: 'group', name: tab.name, fields: tab.fields } as Field)
          else collect(tab.fields)
        }
      else if ('fields' in field) collect(field.fields)
    }
  }
  collect(fields)
  for (const [key, value] of Object.entries(data)) {
    const path = `${prefix}${key}`.slice(0, 120)
    if (SYSTEM_KEYS.has(key) || (topLevel && key === '_status')) continue
    const field = byName.get(key)
    if (!field) {
      problems.push({ path, message: `"${path}" is not a field here.` })
      continue
    }
    // Empty: the admin UI sends '' for a cleared option, date or reference.
    if (value === null || value === undefined || (value === '' && field.type !== 'text' && field.type !== 'textarea')) continue
    const problem = typeProblem(field, value, path, problems)
    if (problem) problems.push({ path, message: `"${path}" ${problem}.` })
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isId(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || (isObject(value) && ('id' in value || 'value' in value))
}

/** What is wrong with `value` for `field`, or undefined; nested rows and groups report their own paths. */
function typeProblem(field: Field, value: unknown, path: string, problems: Problem[]): string | undefined {
  const many = 'hasMany' in field && field.hasMany === true
  const each = (check: (item: unknown) => boolean, what: string) => {
    if (many) return Array.isArray(value) && value.every(check) ? undefined : `must be a list of ${what}`
    return check(value) ? undefined : `must be ${what}`
  }
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
      return each((item) => typeof item === 'string', 'text')
    case 'number':
      return each((item) => typeof item === 'number' && Number.isFinite(item), 'a number')
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : 'must be true or false'
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? undefined : 'must be a date such as 2026-10-01'
    case 'select':
    case 'radio': {
      const options = new Set(field.options.map((option) => (typeof option === 'string' ? option : option.value)))
      return each((item) => typeof item === 'string' && options.has(item), `one of: ${[...options].join(', ')}`)
    }
    case 'relationship':
    case 'upload':
      return each(isId, 'a document id')
    case 'richText':
      return isObject(value) && isObject(value.root) ? undefined : 'must be rich text (an object with a root)'
    case 'group':
      if (!isObject(value)) return 'must be an object'
      checkFields(field.fields, value, `${path}.`, problems, false)
      return undefined
    case 'array':
      // The admin UI sends a row count for an array it has not loaded.
      if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return undefined
      if (!Array.isArray(value) || !value.every(isObject)) return 'must be a list of rows'
      value.forEach((row, index) => checkFields(field.fields, row as Record<string, unknown>, `${path}.${index}.`, problems, false))
      return undefined
    case 'blocks':
      if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return undefined
      return Array.isArray(value) && value.every(isObject) ? undefined : 'must be a list of blocks'
    default:
      return undefined
  }
}
