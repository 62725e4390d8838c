// npm run soak [-- --seconds 120 --readers 8 --editors 4 --processes 3]: readers and editors against a production build,
// SIGTERM half-way. --processes 3: three processes on PostgreSQL and Redis behind nginx.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { formatSoakReport, runSoak, soakPassed } from './run-soak'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    readers: { type: 'string', default: '8' },
    editors: { type: 'string', default: '4' },
    processes: { type: 'string', default: '1' },
  },
})
const whole = (name: string, value: string | undefined) => {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) {
    console.error(`--${name} must be a whole number above 0; got ${JSON.stringify(value)}`)
    process.exit(2)
  }
  return number
}

const report = await runSoak({
  seconds: whole('seconds', values.seconds),
  readers: whole('readers', values.readers),
  editors: whole('editors', values.editors),
  processes: whole('processes', values.processes),
  log: (message) => console.log(message),
})
console.log(formatSoakReport(report))
const results = path.resolve('soak/results')
fs.mkdirSync(results, { recursive: true })
const file = path.join(results, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
fs.writeFileSync(file, JSON.stringify(report, null, 2))
console.log(`Raw results: ${path.relative(process.cwd(), file)}`)
process.exit(soakPassed(report) ? 0 : 1)
