// npm run bench:import -- [--files 500]: writes that many article files (the bundled seed article,
// retitled, each linking to the one before and after it), imports the folder into a fresh SQLite
// database with the import command, as a clinic would, and prints how long it took.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { SEED_ARTICLE } from '../src/import/seed-content'

const { values } = parseArgs({ options: { files: { type: 'string', default: '500' } } })
const count = Number(values.files)
if (!Number.isInteger(count) || count < 1) {
  console.error('--files must be a whole number of at least 1')
  process.exit(2)
}

const title = (n: number) => `Ketamine therapy and the psychedelic connection, part ${n}`
const seed = fs.readFileSync(SEED_ARTICLE, 'utf8')
const [, ...rest] = seed.split('\n')
// The seed's own Previous/Next link goes; each file links to its neighbours instead.
const body = rest.join('\n').replace(/\n(Previous|Next)\n\1\n\n[^\n]+\s*/g, '\n')

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-import-bench-'))
const folder = path.join(work, 'articles')
fs.mkdirSync(folder)
for (let n = 1; n <= count; n++) {
  const links = [n > 1 ? `\nPrevious\nPrevious\n\n${title(n - 1)}` : '', n < count ? `\nNext\nNext\n\n${title(n + 1)}` : ''].join('')
  fs.writeFileSync(path.join(folder, `part-${String(n).padStart(5, '0')}.txt`), `${title(n)}\n${body.trimEnd()}\n${links}\n`)
}

const started = Date.now()
const run = spawnSync(
  process.execPath,
  ['--conditions=development', path.resolve('dist/import/import-cli.js'), folder, '--publish', '--reviewer', 'Dr. Maya Chen', '--reviewed-on', '2026-10-01'],
  {
    env: { ...process.env, DATA_DIR: work, DATABASE_URI: `file:${path.join(work, 'kap.db')}`, PAYLOAD_SECRET: 'bench-secret-that-is-at-least-32-characters', LOG_LEVEL: 'error' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  },
)
const seconds = (Date.now() - started) / 1000
const summary = run.stdout.split('\n').find((line) => line.startsWith('Imported ')) ?? run.stderr
console.log(summary)
console.log(`${count} files in ${seconds.toFixed(1)} s with the command's start-up: ${(count / seconds).toFixed(1)} articles a second.`)
fs.rmSync(work, { recursive: true, force: true })
process.exit(run.status ?? 1)
