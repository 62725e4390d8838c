import { parseArgs } from 'node:util'

import type { ImportOptions } from './load-article'

/** How to call the importer: `npm run import --` here, `npx payload kap:import` in a host project. */
export const importUsage = (command: string) => `Usage: ${command} <file.txt | folder> [--publish]
         [--reviewer "Dr. Maya Chen" --reviewed-on 2026-10-01 [--credentials "MD, psychiatrist"]]
         [--cta-url https://clinic.example/contact]

Imports one article written in plain text, or every .txt article in a folder, links between them
resolved whatever their order (see README, "Importing articles").
Imported articles are drafts unless --publish is given; publishing needs the clinical review flags
while the review requirement is on.`

export class UsageError extends Error {}

export type ImportCommand = { file: string } & Pick<ImportOptions, 'publish' | 'review'> & { callToActionUrl?: string }

/** The import command line, checked before anything touches the database. */
export function parseImportArguments(argv: string[]): ImportCommand {
  let values
  let positionals
  try {
    ;({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        publish: { type: 'boolean', default: false },
        reviewer: { type: 'string' },
        credentials: { type: 'string' },
        'reviewed-on': { type: 'string' },
        'cta-url': { type: 'string' },
      },
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'Give exactly one file or folder to import.' : 'Give the file or folder to import.')
  const reviewedOn = values['reviewed-on']
  if (Boolean(values.reviewer) !== Boolean(reviewedOn)) {
    throw new UsageError('--reviewer and --reviewed-on go together: name the reviewer and the date of the review.')
  }
  if (reviewedOn && (!/^\d{4}-\d{2}-\d{2}$/.test(reviewedOn) || Number.isNaN(Date.parse(reviewedOn)))) {
    throw new UsageError(`--reviewed-on must be a date like 2026-10-01; got "${reviewedOn}".`)
  }
  return {
    file: positionals[0],
    publish: values.publish ?? false,
    review: values.reviewer && reviewedOn ? { reviewerName: values.reviewer, reviewerCredentials: values.credentials, reviewedAt: new Date(reviewedOn).toISOString() } : undefined,
    callToActionUrl: values['cta-url'],
  }
}
