// npm run export -- <dir> and npm run restore -- <dir>: all content to a portable directory and back.
import { loadProjectConfig, runCli } from '../cli/run-cli'
import { objectStorageSettings } from '../config/object-storage'
import { assertExportDirectory, exportContent } from './export-content'
import { restoreContent } from './restore-content'

export const BACKUP_USAGE = `Usage: npm run export -- <directory>    write all content of the configured database (DATABASE_URI) to a new directory
       npm run restore -- <directory>   load such a directory into an empty database (DATABASE_URI; images into DATA_DIR/media, or S3_BUCKET)

The directory holds every collection, published and draft, user accounts with their password hashes,
webhook secrets and the uploaded files: keep it as safe as the database itself. See README, "Backup, restore and moving databases".`

const started = Date.now()
/** Time and peak memory, so an export or restore of a large site shows what it cost. */
const cost = () => `  Took ${((Date.now() - started) / 1000).toFixed(1)} s; peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`

const [command, directory, ...extra] = process.argv.slice(2)
if (process.argv.includes('--help')) {
  console.log(BACKUP_USAGE)
  process.exit(0)
}
if ((command !== 'export' && command !== 'restore') || !directory || extra.length) {
  console.error(`${directory ? 'Give exactly one directory.' : 'Give the directory.'}\n\n${BACKUP_USAGE}`)
  process.exit(2)
}

if (command === 'export') {
  // Checked before the database is opened.
  try {
    assertExportDirectory(directory)
  } catch (error) {
    console.error(`Export failed: ${(error as Error).message}`)
    process.exit(1)
  }
  void runCli('Export', loadProjectConfig, async (payload) => {
    const { directory: written, manifest } = await exportContent(payload, directory, { objectStorage: objectStorageSettings(process.env) })
    return [
      `Exported to ${written} from ${manifest.source.database}:`,
      ...manifest.collections.map((c) => `  ${c.slug}: ${c.documents} documents${c.drafts ? `, ${c.drafts} with a newer draft` : ''}${c.files ? `, ${c.files.length} files` : ''}`),
      ...manifest.missingFiles.map((file) => `  Warning: ${file} is named by a document but was not in the upload directory or bucket; it is not in the export.`),
      ...manifest.notExported.map((left) => `  Not exported: ${left.collection}, ${left.documents} documents (${left.why}).`),
      cost(),
    ].join('\n')
  })
} else {
  void runCli('Restore', loadProjectConfig, async (payload) => {
    const summary = await restoreContent(payload, directory, { objectStorage: objectStorageSettings(process.env) })
    return [
      `Restored ${directory} (exported ${summary.manifest.exportedAt} from ${summary.manifest.source.database}) into ${payload.db.name}, and read it back: it matches the export.`,
      ...Object.entries(summary.documents).map(([slug, count]) => `  ${slug}: ${count} documents`),
      `  ${summary.versions} versions (each document's stored state and its newer draft; earlier history is not carried over), ${summary.files} files.`,
      summary.danglingReferences
        ? `  Warning: ${summary.danglingReferences} references pointed at documents missing from the export (deleted before it was taken) and were emptied.`
        : '',
      ...summary.manifest.notExported.map((left) => `  Not in the export: ${left.collection}, ${left.documents} documents (${left.why}).`),
      cost(),
    ]
      .filter(Boolean)
      .join('\n')
  })
}
