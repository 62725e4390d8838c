/**
 * The public reads stay index reads as content grows: what the planner does with the queries Payload
 * makes for an article page, the card listing and a sitemap file. SQLite's plans (EXPLAIN QUERY PLAN)
 * are checked in `npm test`, PostgreSQL's (EXPLAIN) in `npm run test:postgres`; each run says which
 * half it did not check. The bench (`npm run bench -- --sizes`) measures the same at 50,000 articles.
 * Export and restore read every collection a page at a time; each page must be an index read too.
 */
import { collectionRecordPages } from '../../src/backup/export-content'
import { plannerStatisticsDuringBulkWrite, refreshPlannerStatistics } from '../../src/db/database-adapter'
import { cardsQuery, readArticleCards, readArticlePages, readSitemapPage } from '../../src/read-model/articles'
import { createArticle } from '../helpers/content-fixtures'
import { startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
let sqlite = false
let postgres = false
beforeAll(async () => {
  cms = await startTestCms()
  sqlite = cms.payload.db.name === 'sqlite'
  postgres = cms.payload.db.name === 'postgres'
  const skipped = [!sqlite && "SQLite's (npm test)", !postgres && "PostgreSQL's (npm run test:postgres)"].filter(Boolean)
  console.log(`Query plans: this run is on ${cms.payload.db.name}; ${skipped.join(' and ')} plans were not checked in it.`)
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

/**
 * The statements Payload sends while `read` runs, as sent (SQL and arguments): the driver's
 * `method` on `target` is wrapped for the read, and `toStatement` reads a statement from its arguments.
 */
async function capture<T extends object>(target: T, method: keyof T, toStatement: (args: unknown[]) => Statement, read: () => Promise<unknown>): Promise<Statement[]> {
  const original = target[method] as (...args: unknown[]) => unknown
  const seen: Statement[] = []
  target[method] = ((...args: unknown[]) => {
    seen.push(toStatement(args))
    return original.apply(target, args)
  }) as T[keyof T]
  try {
    await read()
  } finally {
    target[method] = original as T[keyof T]
  }
  return seen
}

const statementsOf = (read: () => Promise<unknown>) =>
  capture(client(), 'execute', ([statement]) => (typeof statement === 'string' ? { sql: statement } : (statement as Statement)), read)

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

/**
 * The statements of one page (the second) of an export's read of the articles, five to a page:
 * the page itself and the lookup of its documents' newer drafts. Export and restore's read-back
 * read every collection this way, so each page must start where the last ended, not walk the
 * index (or every version) from the start: that made a 50,000-article restore take an hour.
 */
async function exportPageStatements(statementsOfRead: (read: () => Promise<unknown>) => Promise<Statement[]>) {
  const pages = collectionRecordPages(cms.payload, cms.payload.collections.articles.config, { pageSize: 5 })
  await pages.next()
  const statements = await statementsOfRead(() => pages.next())
  await pages.return(undefined)
  // Each adapter writes its own SQL around the conditions; the conditions name the statement.
  const page = statements.find((statement) => /"articles"\."created_at" >=/.test(statement.sql))
  const drafts = statements.find((statement) => /"_articles_v"\."parent_id" in/.test(statement.sql))
  if (!page || !drafts) throw new Error(`an export page sent no ${page ? 'drafts lookup' : 'page query'}`)
  return { page, drafts }
}

onSqlite('an export or restore page follows on from the last document by a range of the creation index, and finds its drafts by parent', async () => {
  await refreshPlannerStatistics(client())
  const { page, drafts } = await exportPageStatements(statementsOf)
  const firstPart = async (statement: Statement) => (await plan(statement)).split(/\n(?=CORRELATED|CO-ROUTINE)/)[0]
  expect(await firstPart(page)).toMatch(/^SEARCH articles USING INDEX articles_created_at_idx \(created_at>\?\)$/)
  // The parent index, in its own order: not every latest version of the collection, sorted.
  expect(await firstPart(drafts)).toMatch(/^SEARCH _articles_v USING INDEX _articles_v_parent_idx \(parent_id=\?\)$/)
})

onSqlite('a bulk write (a restore) gathers the statistics again each time its writes double, and when it is done', async () => {
  // Those gathered at connect describe the empty database a restore starts from.
  const statistics = plannerStatisticsDuringBulkWrite(cms.payload, 2)
  const statements = await statementsOf(async () => {
    for (let rows = 1; rows <= 9; rows++) await statistics.wrote(rows)
    await statistics.refresh()
  })
  // After the 2nd, 4th and 8th write, and at the end.
  expect(statements.filter((statement) => statement.sql === 'ANALYZE')).toHaveLength(4)
})

// PostgreSQL: the statement Payload sends, explained with sequential scans priced out, so the check
// is whether an index serves the query as it grows (on thirty rows a scan is cheaper, and chosen).
type PgClient = { query: (...args: unknown[]) => Promise<{ rows: Record<string, string>[] }>; release: () => void }
type PgPool = { query: (...args: unknown[]) => Promise<unknown>; connect: () => Promise<PgClient> }
const pool = () => (cms.payload.db as unknown as { pool: PgPool }).pool

const pgStatementsOf = (read: () => Promise<unknown>) =>
  capture(
    pool(),
    'query',
    ([config, values]) => {
      const query = config as string | { text: string; values?: unknown[] }
      return typeof query === 'string' ? { sql: query, args: values as unknown[] } : { sql: query.text, args: (values as unknown[]) ?? query.values }
    },
    read,
  )

async function pgPlan(statement: Statement, tables = ['articles']): Promise<string> {
  const connection = await pool().connect()
  try {
    await connection.query('BEGIN')
    // The statistics autovacuum gathers once a table has grown; a test's fresh tables have none yet.
    for (const table of tables) await connection.query(`ANALYZE "${table}"`)
    await connection.query('SET LOCAL enable_seqscan = off')
    const { rows } = await connection.query(`EXPLAIN ${statement.sql}`, statement.args ?? [])
    return rows.map((row) => row['QUERY PLAN']).join('\n')
  } finally {
    await connection.query('ROLLBACK')
    connection.release()
  }
}

const onPostgres = (name: string, check: () => Promise<void>) =>
  test(`PostgreSQL: ${name}`, async () => {
    if (!postgres) return expect(cms.payload.db.name).not.toBe('postgres')
    await check()
  })

/** The plan's lines for the articles table itself (Payload's subqueries for array fields follow as SubPlans). */
const articlesLines = (detail: string) => detail.split(/\n\s*SubPlan/)[0]

onPostgres('article pages read together are found through the unique slug index', async () => {
  const slugs = Array.from({ length: 30 }, (_, n) => `planned-${n + 1}`)
  const statements = await pgStatementsOf(() => readArticlePages(cms.payload, slugs, { cmsUrl: 'http://cms.example' }))
  const [pages] = statements.filter((statement) => /from "articles"/.test(statement.sql) && /"slug" in/.test(statement.sql))
  const detail = articlesLines(await pgPlan(pages))
  expect(detail).toMatch(/Index Scan using articles_slug_idx on articles/)
  expect(detail).toMatch(/Presorted Key: articles\.slug/)
  expect(detail).not.toMatch(/_status_publishedDate_idx/)
})

onPostgres('a listing page after a cursor is a range of a published-date index, not the whole listing walked', async () => {
  const first = (await readArticleCards(cms.payload, { page: 1, limit: 5 })).body as { nextCursor: string }
  const query = cardsQuery({ after: first.nextCursor, limit: '5' })
  if ('error' in query) throw new Error(query.error)
  const statements = await pgStatementsOf(() => readArticleCards(cms.payload, query))
  const [listing] = statements.filter((statement) => /from "articles"/.test(statement.sql) && /order by/.test(statement.sql))
  const detail = articlesLines(await pgPlan(listing))
  // Either published-date index (the compound one, or the date's own when every article is published),
  // entered at the cursor: a range, not the whole index walked from the newest card.
  expect(detail).toMatch(/Index Scan Backward using "?(_status_publishedDate_idx|articles_published_date_idx)"? on articles/)
  expect(detail).toMatch(/Index Cond: .*published_date <= /)
})

onPostgres('a sitemap file is read from an index in id order (Payload adds a second sort key, sorted within equal ids)', async () => {
  const statements = await pgStatementsOf(() => readSitemapPage(cms.payload, { page: 1, pageSize: 50_000 }))
  const [sitemap] = statements.filter((statement) => /from "articles"/.test(statement.sql) && /order by/.test(statement.sql))
  const detail = articlesLines(await pgPlan(sitemap))
  expect(detail).toMatch(/Presorted Key: articles\.id/)
  expect(detail).toMatch(/Index Scan using articles_pkey on articles/)
})

onPostgres('an export or restore page is a range of the creation index, and its drafts are found by parent', async () => {
  const { page, drafts } = await exportPageStatements(pgStatementsOf)
  const pageDetail = articlesLines(await pgPlan(page))
  expect(pageDetail).toMatch(/Index Scan using articles_created_at_idx on articles/)
  expect(pageDetail).toMatch(/Index Cond: \(created_at >= /)
  const draftsDetail = articlesLines(await pgPlan(drafts, ['_articles_v']))
  expect(draftsDetail).toMatch(/_articles_v_parent_idx/)
})
