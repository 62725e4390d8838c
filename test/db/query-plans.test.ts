/**
 * The public reads stay index reads as content grows: what SQLite's planner does with queries of the shape
 * Payload makes for an article page, the card listing and a sitemap file (EXPLAIN QUERY PLAN).
 * The bench (`npm run bench -- --sizes`) measures the same at 50,000 articles.
 */
import { refreshPlannerStatistics } from '../../src/db/database-adapter'
import { cardsQuery, readArticleCards, readArticlePages } from '../../src/read-model/articles'
import { createArticle } from '../helpers/content-fixtures'
import { startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
let sqlite = false
beforeAll(async () => {
  cms = await startTestCms()
  sqlite = cms.payload.db.name === 'sqlite'
  if (!sqlite) console.log(`Query plans: checked on SQLite; this run is on ${cms.payload.db.name}, so the SQLite plans below were not checked.`)
  for (let n = 1; n <= 30; n++) await createArticle(cms.payload, { title: `Planned ${n}`, slug: `planned-${n}` })
})
afterAll(() => cms.stop())

type Statement = { sql: string; args?: unknown[] }
type SqliteClient = { execute: (statement: string | Statement) => Promise<{ rows: Record<string, unknown>[] }> }
const client = () => (cms.payload.db as unknown as { client: SqliteClient }).client

async function plan(query: string | Statement): Promise<string> {
  const statement = typeof query === 'string' ? { sql: query, args: [] } : query
  return (await client().execute({ sql: `EXPLAIN QUERY PLAN ${statement.sql}`, args: statement.args ?? [] })).rows.map((row) => row.detail).join('\n')
}

/** The statements Payload sends while `read` runs, as sent (SQL and arguments). */
async function statementsOf(read: () => Promise<unknown>): Promise<Statement[]> {
  const sqlite = client()
  const execute = sqlite.execute
  const seen: Statement[] = []
  sqlite.execute = (statement) => {
    seen.push(typeof statement === 'string' ? { sql: statement } : statement)
    return execute.call(sqlite, statement)
  }
  try {
    await read()
  } finally {
    sqlite.execute = execute
  }
  return seen
}

const onSqlite = (name: string, check: () => Promise<void>) =>
  test(name, async () => {
    if (!sqlite) return expect(cms.payload.db.name).not.toBe('sqlite')
    await check()
  })

onSqlite('an article page is found by its unique slug index', async () => {
  expect(await plan(`SELECT id FROM articles WHERE slug = 'planned-3' AND _status = 'published'`)).toMatch(/USING INDEX articles_slug_idx/)
})

onSqlite('article pages read together (concurrent misses) are found by the slug index, not by walking the listing index', async () => {
  // The statement Payload runs for thirty pages at once (readArticlePages, as the read batch calls it).
  const slugs = Array.from({ length: 30 }, (_, n) => `planned-${n + 1}`)
  const statements = await statementsOf(() => readArticlePages(cms.payload, slugs, { cmsUrl: 'http://cms.example' }))
  const [pages] = statements.filter((statement) => /from "articles" "articles" where/.test(statement.sql) && /"slug" in/.test(statement.sql))
  const articlesPart = async () => (await plan(pages)).split(/\n(?=CORRELATED|CO-ROUTINE)/)[0]

  // Without statistics SQLite guesses any indexed equality finds ~10 rows and walked the status index:
  // every published article, for thirty pages. The server gathers statistics at startup and every
  // few hours (src/db/database-adapter.ts); with them the thirty slugs are thirty index lookups.
  await client().execute('DELETE FROM sqlite_stat1')
  await client().execute('ANALYZE sqlite_schema') // reloads the (now empty) statistics
  expect(await articlesPart()).toMatch(/USING INDEX _status_publishedDate_idx/)
  await refreshPlannerStatistics(client())
  const detail = await articlesPart()
  expect(detail).toMatch(/^SEARCH articles USING INDEX articles_slug_idx \(slug=\?\)/)
  expect(detail).not.toMatch(/_status_publishedDate_idx/)
})

onSqlite('the server gathered the planner statistics when it started', async () => {
  const tables = await client().execute("SELECT name FROM sqlite_schema WHERE name = 'sqlite_stat1'")
  expect(tables.rows).toHaveLength(1)
})

onSqlite('a card listing page is read in index order, never sorted whole, at any depth', async () => {
  const detail = await plan(`SELECT id, title FROM articles WHERE _status = 'published' ORDER BY published_date DESC LIMIT 12 OFFSET 24`)
  expect(detail).toMatch(/USING INDEX _status_publishedDate_idx/)
  expect(detail).not.toMatch(/TEMP B-TREE/)
})

onSqlite('a listing page after a cursor seeks into the index at the cursor: the query Payload runs, planned', async () => {
  const first = (await readArticleCards(cms.payload, { page: 1, limit: 5 })).body as { nextCursor: string }
  const query = cardsQuery({ after: first.nextCursor, limit: '5' })
  if ('error' in query) throw new Error(query.error)
  const statements = await statementsOf(() => readArticleCards(cms.payload, query))
  const listing = statements.filter((statement) => /from "articles"/.test(statement.sql) && /order by/.test(statement.sql))
  expect(listing).toHaveLength(1)
  // The articles themselves; Payload's subqueries for array fields (sorted per row) follow.
  const detail = (await plan(listing[0])).split(/\n(?=CORRELATED|CO-ROUTINE)/)[0]
  // A range on the date column (published_date<?), not the whole index walked from the newest card.
  expect(detail).toMatch(/^SEARCH articles USING INDEX _status_publishedDate_idx \(_status=\? AND published_date<\?\)$/)
})

onSqlite('a sitemap file is read in id order from the status index, never sorted whole', async () => {
  const detail = await plan(`SELECT id, slug, updated_at FROM articles WHERE _status = 'published' ORDER BY id LIMIT 50000`)
  expect(detail).toMatch(/USING (COVERING )?INDEX/)
  expect(detail).not.toMatch(/TEMP B-TREE/)
})
