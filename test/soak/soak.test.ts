import { formatSoakReport, runSoak, soakPassed } from '../../soak/run-soak'

// The short form of npm run soak: the built server (without the admin UI, which needs next build),
// readers and editors at once, SIGTERM half-way, a restart, then every acknowledged write looked for.
test('under load and a SIGTERM, every acknowledged write survives and readers see no 5xx', async () => {
  const report = await runSoak({ seconds: 16, readers: 4, editors: 3, serverEnv: { ADMIN_UI: 'false' } })
  console.log(formatSoakReport(report))

  expect(report.shutdown.exitCode).toBe(0)
  expect(report.writes.acknowledged).toBeGreaterThan(20)
  expect(report.reads.ok).toBeGreaterThan(40)
  expect(report.writes.lost).toBe(0)
  expect(report.writes.wrongFinalState).toBe(0)
  expect(report.writes.refused).toBe(0)
  expect(report.reads.unexpected).toBe(0)
  expect(report.serverErrors).toEqual([])
  expect(report.consistency.problems).toEqual([])
  expect(report.consistency.documents).toBeGreaterThan(3)
  expect(soakPassed(report)).toBe(true)
}, 180_000)
