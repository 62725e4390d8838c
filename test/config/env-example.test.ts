import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

/** .env.example is what a newcomer copies: it must load in a shell and name only variables the code reads. */
const names = fs
  .readFileSync('.env.example', 'utf8')
  .split('\n')
  .map((line) => line.match(/^([A-Z][A-Z0-9_]*)=/)?.[1])
  .filter((name): name is string => Boolean(name))

const code = [
  'payload.config.ts',
  ...['src', 'test/helpers'].flatMap((dir) =>
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
      .map((entry) => `${entry.parentPath}/${entry.name}`),
  ),
]
  .map((file) => fs.readFileSync(file, 'utf8'))
  .join('\n')

test('loads with `set -a; . ./.env.example`, values intact', () => {
  // -e: a line the shell cannot take as an assignment (an unquoted space runs a command) fails the load.
  const printed = execFileSync('bash', ['-ec', 'set -a; . ./.env.example; set +a; printf "%s|%s" "$JOBS_CRON" "$EMAIL_FROM_NAME"'], { encoding: 'utf8', stdio: 'pipe' })
  expect(printed).toBe('* * * * *|KAP content')
})

test('documents only variables the code reads', () => {
  expect(names.length).toBeGreaterThan(20)
  expect(names.filter((name) => !new RegExp(`\\b${name}\\b`).test(code))).toEqual([])
})
