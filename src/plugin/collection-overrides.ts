import type { CollectionConfig, Field } from 'payload'

import { ConfigurationError } from '../config/configuration-error'
import type { CollectionOverride } from '../model/options'

/**
 * One of the plugin's collections with the host's override applied. Removing a field the plugin
 * defines is refused with its name: the read model, the importer and the publishing rules read
 * them. Hiding one (`admin.hidden`) or changing its label, description or position is fine.
 */
export function applyCollectionOverride(collection: CollectionConfig, override: CollectionOverride | undefined): CollectionConfig {
  if (!override) return collection
  const fields = override.fields ? override.fields({ defaultFields: collection.fields }) : collection.fields
  if (!Array.isArray(fields)) {
    throw new ConfigurationError(`kapContent: overrides.${collection.slug}.fields must return an array of fields.`)
  }
  const kept = new Set(dataFieldPaths(fields))
  const removed = dataFieldPaths(collection.fields).filter((name) => !kept.has(name))
  if (removed.length) {
    throw new ConfigurationError(
      `kapContent: overrides for "${collection.slug}" remove ${removed.map((name) => `"${name}"`).join(', ')}; the plugin reads ${removed.length > 1 ? 'these fields' : 'this field'}. Hide it instead: admin: { hidden: true }.`,
    )
  }
  return { ...collection, fields, admin: override.admin ? override.admin({ defaultAdmin: collection.admin ?? {} }) : collection.admin }
}

/** The names that hold data, as dotted paths through named groups and tabs; rows, collapsibles and unnamed tabs are layout. */
function dataFieldPaths(fields: Field[], prefix = ''): string[] {
  return fields.flatMap((field): string[] => {
    if (field.type === 'tabs') {
      return field.tabs.flatMap((tab) =>
        'name' in tab && tab.name ? [`${prefix}${tab.name}`, ...dataFieldPaths(tab.fields, `${prefix}${tab.name}.`)] : dataFieldPaths(tab.fields, prefix),
      )
    }
    if (!('name' in field) || !field.name) return 'fields' in field ? dataFieldPaths(field.fields, prefix) : []
    const path = `${prefix}${field.name}`
    return field.type === 'group' ? [path, ...dataFieldPaths(field.fields, `${path}.`)] : [path]
  })
}
