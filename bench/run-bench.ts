// npm run bench: the public read path measured side by side, all cases in one run on this machine.
// Builds nothing itself (npm run bench builds first); see README "Performance".
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import express from 'express'

import { findPostgresBinaries, startPostgresServer } from '../tools/postgres-server'
import { startServerProcess, type ServerProcess, waitUntilReady } from '../tools/server-process'
import { benchSlug } from './bench-content'
import type { LoadCase, LoadRequest, LoadResult } from './load-generator'

/** `--sizes 500,5000,50000`: the same cases at each size, seeded once and grown; else BENCH_ARTICLES (500). */
const SIZES = benchSizes(process.argv.slice(2), process.env.BENCH_ARTICLES)
const DURATION = Number(process.env.BENCH_DURATION_SECONDS || 10)
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS || 3)
const CONNECTIONS = 32
const CARDS_PER_PAGE = 12
/** The warm case reads the same number of articles at every size, spread over all of them: the pages a site's visitors read most. */
const HOT_ARTICLES = 500

type CaseResult = LoadResult & { name: string; description: string; serverPeakRssMb: number | null }

function benchSizes(argv: string[], articles: string | undefined): number[] {
  const at = argv.indexOf('--sizes')
  const list = at === -1 ? [articles || '500'] : (argv[at + 1] ?? '').split(',')
  const sizes = list.map(Number)
  if (!sizes.length || sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    console.error('--sizes takes whole numbers separated by commas, e.g. --sizes 500,5000,50000')
    process.exit(2)
  }
  return [...new Set(sizes)].sort((a, b) => a - b)
}

/** The requests of each case for a site of `articles` articles. */
function pathsFor(articles: number) {
  const slugs = Array.from({ length: articles }, (_, i) => benchSlug(i + 1))
  const step = Math.max(1, Math.floor(articles / HOT_ARTICLES))
  return {
    articlePaths: slugs.map((slug) => `/api/articles/slug/${slug}`),
    hotPaths: slugs
      .filter((_, i) => i % step === 0)
      .slice(0, HOT_ARTICLES)
      .map((slug) => `/api/articles/slug/${slug}`),
    stockPaths: slugs.map((slug) => `/api/articles?where[slug][equals]=${slug}&depth=2`),
    listPaths: Array.from({ length: Math.ceil(articles / CARDS_PER_PAGE) }, (_, i) => `/api/articles/cards?limit=${CARDS_PER_PAGE}&page=${i + 1}`),
    graphqlPaths: slugs.map((slug) => `/api/graphql?${new URLSearchParams({ query: ARTICLE_QUERY.replace('DRAFT', ''), variables: JSON.stringify({ slug }) })}`),
    // `draft: false` changes nothing Payload does, but is never shared: Payload's own handler answers it.
    graphqlStockRequests: slugs.map((slug): LoadRequest => ({
      method: 'POST',
      path: '/api/graphql',
      body: JSON.stringify({ query: ARTICLE_QUERY.replace('DRAFT', ', draft: false'), variables: { slug } }),
    })),
  }
}
/** The README's GraphQL article query. */
const ARTICLE_QUERY = `query Article($slug: String!) {
  Articles(where: { slug: { equals: $slug } }, limit: 1DRAFT) {
    docs { title slug excerpt body disclaimer publishedDate
      clinicalReview { reviewerName reviewerCredentials reviewedAt citations { source url } }
      nextArticle { title slug } }
  }
}`

function log(message: string) {
  process.stderr.write(`[bench] ${message}\n`)
}

function runLoad(origin: string, paths: LoadRequest[]): Promise<LoadResult> {
  const options: LoadCase = { origin, paths, connections: CONNECTIONS, warmupSeconds: WARMUP, durationSeconds: DURATION }
  const file = path.join(os.tmpdir(), `kap-bench-case-${process.pid}-${Date.now()}.json`)
  fs.writeFileSync(file, JSON.stringify(options))
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('dist/bench/load-generator.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as LoadResult) : reject(new Error(`load generator exited with ${code}`))))
  }).finally(() => fs.rmSync(file, { force: true }))
}

/** The kernel's high-water mark of the process's resident memory, in MB. */
function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null
  const match = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/)
  return match ? Math.round(Number(match[1]) / 1024) : null
}

/** Where a run's content lives: an SQLite file, or a database on a private PostgreSQL server. */
type BenchDatabase = { label: string; dataDir: string; uri: string }

async function withServer<T>(database: BenchDatabase, env: Record<string, string>, work: (origin: string, server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await startServerProcess({
    DATA_DIR: database.dataDir,
    DATABASE_URI: database.uri,
    PAYLOAD_SECRET: 'benchmark-secret-benchmark-secret-0123',
    // All the load comes from one address: the per-address read limit would measure itself.
    ANONYMOUS_READS_PER_MINUTE: '0',
    ...env,
  })
  try {
    return await work(await waitUntilReady(server), server)
  } finally {
    server.child.kill('SIGTERM')
    await server.exited
  }
}

/** Requests every path once, a few at a time: warms the JIT (and, with the cache on, fills it). */
async function visitAll(origin: string, paths: LoadRequest[]): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < paths.length) {
      const item = paths[next++]
      const response =
        typeof item === 'string'
          ? await fetch(origin + item)
          : await fetch(origin + item.path, { method: item.method, headers: { 'content-type': 'application/json' }, body: item.body })
      const body = await response.text()
      if (response.status !== 200 || body.includes('"errors"')) throw new Error(`warm-up: ${response.url} answered ${response.status} ${body.slice(0, 200)}`)
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
}

async function measure(name: string, description: string, origin: string, paths: LoadRequest[], pid?: number): Promise<CaseResult> {
  log(`${name}: ${description}`)
  const result = await runLoad(origin, paths)
  return { name, description, ...result, serverPeakRssMb: peakRssMb(pid) }
}

async function main() {
  // The same cases on each SQL adapter (BENCH_DATABASES=sqlite,postgres, both by default where PostgreSQL is installed).
  const wanted = (process.env.BENCH_DATABASES || (findPostgresBinaries() ? 'sqlite,postgres' : 'sqlite')).split(',')
  for (const kind of wanted) {
    if (kind === 'sqlite') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-bench-'))
      await runSizes({ label: 'SQLite', dataDir, uri: `file:${path.join(dataDir, 'bench.db')}` })
      fs.rmSync(dataDir, { recursive: true, force: true })
    } else if (kind === 'postgres') {
      // Durable (fsync on), as a production server runs.
      const postgres = await startPostgresServer({ durable: true })
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-bench-'))
      try {
        await runSizes({ label: 'PostgreSQL', dataDir, uri: await postgres.createDatabase('kap_bench') })
      } finally {
        await postgres.stop()
        fs.rmSync(dataDir, { recursive: true, force: true })
      }
    } else throw new Error(`BENCH_DATABASES: unknown database ${JSON.stringify(kind)}; use sqlite and/or postgres`)
  }
}

type SizeResult = { articles: number; seedSeconds: number; results: CaseResult[]; hitRate: number; sitemap: SitemapTiming }

/** Each size in turn on one database, grown between sizes; then the curve. */
async function runSizes(database: BenchDatabase) {
  const sizes: SizeResult[] = []
  for (const articles of SIZES) sizes.push(await runCases(database, articles))
  if (sizes.length > 1) reportCurve(database.label, sizes)
}

async function runCases(database: BenchDatabase, ARTICLES: number): Promise<SizeResult> {
  const { dataDir } = database
  const { articlePaths, hotPaths, stockPaths, listPaths, graphqlPaths, graphqlStockRequests } = pathsFor(ARTICLES)
  log(`${database.label}: seeding up to ${ARTICLES} articles`)
  const seedStarted = Date.now()
  execFileSync(process.execPath, ['--conditions=production', 'dist/bench/seed-bench-content.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      DATABASE_URI: database.uri,
      PAYLOAD_SECRET: 'benchmark-secret-benchmark-secret-0123',
      BENCH_ARTICLES: String(ARTICLES),
      LOG_LEVEL: 'warn',
    },
    stdio: 'inherit',
  })
  const seedSeconds = (Date.now() - seedStarted) / 1000

  const results: CaseResult[] = []
  // Cache off: every request reads the database, as on a cache miss.
  await withServer(database, { READ_CACHE_MAX_BYTES: '0' }, async (origin, server) => {
    // Warms the JIT; a sample is enough at any size (the cache is off, so nothing is stored).
    await visitAll(origin, [...articlePaths.slice(0, 1000), ...stockPaths.slice(0, 1000), ...graphqlPaths.slice(0, 20), ...graphqlStockRequests.slice(0, 20)])
    results.push(await measure('a-uncached', `article by slug, read cache off, ${ARTICLES} distinct articles`, origin, articlePaths, server.child.pid))
    results.push(await measure('b-stock', "Payload's stock REST find by slug, depth=2", origin, stockPaths, server.child.pid))
    results.push(await measure('g-graphql-uncached', "README's GraphQL article query as GET, read cache off (misses executed together)", origin, graphqlPaths, server.child.pid))
    results.push(await measure('f-graphql-stock', "the same query through Payload's own GraphQL handler (POST)", origin, graphqlStockRequests, server.child.pid))
    const cursorPaths = await listingByCursor(origin)
    results.push(
      await measure('h-list-uncached', `article cards, ${CARDS_PER_PAGE} per page, every page by cursor (?after=), read cache off`, origin, cursorPaths, server.child.pid),
    )
  })
  let articleBytes = Buffer.alloc(0)
  let hitRate = 0
  let sitemap: SitemapTiming = { urls: 0, firstMs: 0, warmMs: 0 }
  await withServer(database, {}, async (origin, server) => {
    // "Warm": the hot articles, every listing page and the GraphQL queries have been read once since the server started.
    await visitAll(origin, [...hotPaths, ...listPaths, ...graphqlPaths.slice(0, HOT_ARTICLES)])
    results.push(await measure('a-warm', `article by slug, read cache warm, ${hotPaths.length} articles spread over all ${ARTICLES}`, origin, hotPaths, server.child.pid))
    results.push(await measure('c-list', `article cards, ${CARDS_PER_PAGE} per page, every page`, origin, listPaths, server.child.pid))
    results.push(
      await measure(
        'e-graphql-warm',
        `README's GraphQL article query as GET, read cache warm, ${Math.min(HOT_ARTICLES, ARTICLES)} articles`,
        origin,
        graphqlPaths.slice(0, HOT_ARTICLES),
        server.child.pid,
      ),
    )
    articleBytes = Buffer.from(await (await fetch(`${origin}${articlePaths[0]}`)).arrayBuffer())
    sitemap = await timeSitemap(origin)
    // A pass over every article, then another: how much of the second the default-sized cache answers from memory.
    await visitAll(origin, articlePaths)
    hitRate = await cacheHitRate(origin, articlePaths)
  })

  // The ceiling: a bare Express handler sending one article's JSON bytes from memory.
  const ceiling = express()
  ceiling.get('/*splat', (_req, res) => {
    res.type('application/json').send(articleBytes)
  })
  const listener = ceiling.listen(0, '127.0.0.1')
  await new Promise((resolve) => listener.once('listening', resolve))
  const ceilingOrigin = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`
  results.push(await measure('d-ceiling', `bare Express, the same article's ${articleBytes.length} bytes from memory`, ceilingOrigin, [articlePaths[0]], process.pid))
  listener.close()

  report(database.label, ARTICLES, results, articleBytes.length, seedSeconds, hitRate, sitemap)
  return { articles: ARTICLES, seedSeconds, results, hitRate, sitemap }
}

/** Every page of the card listing as a site following `nextCursor` reads it. */
async function listingByCursor(origin: string): Promise<string[]> {
  const paths = [`/api/articles/cards?limit=${CARDS_PER_PAGE}`]
  for (;;) {
    const response = await fetch(origin + paths[paths.length - 1])
    const { nextCursor } = (await response.json()) as { nextCursor: string | null }
    if (response.status !== 200) throw new Error(`listing by cursor: ${response.url} answered ${response.status}`)
    if (!nextCursor) return paths
    paths.push(`/api/articles/cards?limit=${CARDS_PER_PAGE}&after=${nextCursor}`)
  }
}

type SitemapTiming = { urls: number; firstMs: number; warmMs: number }

/** The first sitemap file (up to 50,000 URLs): its first request since the server started, then the median of ten more. */
async function timeSitemap(origin: string): Promise<SitemapTiming> {
  const once = async () => {
    const started = performance.now()
    const response = await fetch(`${origin}/sitemaps/articles-1.xml`)
    const body = await response.text()
    if (response.status !== 200) throw new Error(`sitemap: ${response.status} ${body.slice(0, 200)}`)
    return { ms: performance.now() - started, urls: body.split('<url>').length - 1 }
  }
  const first = await once()
  const warm: number[] = []
  for (let n = 0; n < 10; n++) warm.push((await once()).ms)
  warm.sort((a, b) => a - b)
  return { urls: first.urls, firstMs: Math.round(first.ms), warmMs: Math.round(warm[5]) }
}

/** The share of `paths` answered from the read cache (X-Cache: HIT), read a few at a time. */
async function cacheHitRate(origin: string, paths: string[]): Promise<number> {
  let hits = 0
  let next = 0
  const worker = async () => {
    while (next < paths.length) {
      const response = await fetch(origin + paths[next++])
      await response.arrayBuffer()
      if (response.headers.get('x-cache') === 'HIT') hits++
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  return hits / paths.length
}

function report(label: string, ARTICLES: number, results: CaseResult[], articleBytes: number, seedSeconds: number, hitRate: number, sitemap: SitemapTiming) {
  const byName = Object.fromEntries(results.map((result) => [result.name, result]))
  const ratio = (a: string, b: string) => byName[a].requestsPerSecond / byName[b].requestsPerSecond
  const checks = [
    { name: 'a-warm / d-ceiling requests/s', value: ratio('a-warm', 'd-ceiling'), target: 0.7 },
    { name: 'a-warm p99 / d-ceiling p99', value: byName['a-warm'].latencyP99Ms / Math.max(byName['d-ceiling'].latencyP99Ms, 1), target: 3, atMost: true },
    { name: 'a-uncached / b-stock requests/s', value: ratio('a-uncached', 'b-stock'), target: 1.2 },
    { name: 'c-list / d-ceiling requests/s', value: ratio('c-list', 'd-ceiling'), target: 0.5 },
    { name: 'e-graphql-warm / d-ceiling requests/s', value: ratio('e-graphql-warm', 'd-ceiling'), target: 0.5 },
    { name: 'g-graphql-uncached / f-graphql-stock requests/s', value: ratio('g-graphql-uncached', 'f-graphql-stock'), target: 1.2 },
  ].map((check) => ({ ...check, met: check.atMost ? check.value <= check.target : check.value >= check.target }))
  const serverRss = Math.max(...results.filter((r) => r.name !== 'd-ceiling').map((r) => r.serverPeakRssMb ?? 0))
  const errors = results.reduce((sum, r) => sum + r.errors + r.non2xx + r.timeouts, 0)

  const rows = [
    ['case', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'peak RSS MB'],
    ...results.map((r) => [
      r.name,
      r.requestsPerSecond.toFixed(0),
      String(r.latencyP50Ms),
      String(r.latencyP99Ms),
      String(r.errors + r.non2xx + r.timeouts),
      String(r.serverPeakRssMb ?? ''),
    ]),
  ]
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))
  const line = (row: string[]) => `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`
  const table = [line(rows[0]), `|${widths.map((w, column) => (column === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)]
  const ratios = [
    ...checks.map((check) => `${check.name}: ${check.value.toFixed(2)} (target ${check.atMost ? '≤' : '≥'} ${check.target}) ${check.met ? 'met' : 'NOT MET'}`),
    `errors: ${errors} (target 0) ${errors === 0 ? 'met' : 'NOT MET'}`,
    `server peak RSS: ${serverRss} MB (target < 500) ${serverRss < 500 ? 'met' : 'NOT MET'}`,
    `a second pass over all ${ARTICLES} articles with the default read cache: ${(hitRate * 100).toFixed(0)}% from memory${ARTICLES <= 5000 ? ` (target 100%) ${hitRate === 1 ? 'met' : 'NOT MET'}` : ''}`,
    `sitemap file 1 (${sitemap.urls} URLs): ${sitemap.firstMs} ms first, ${sitemap.warmMs} ms warm (median of 10; target < 200 warm) ${sitemap.warmMs < 200 ? 'met' : 'NOT MET'}`,
  ]
  console.log(
    `\n${label}: ${ARTICLES} articles (seeded in ${seedSeconds.toFixed(0)} s), ${articleBytes} bytes per article response, ${CONNECTIONS} connections, ${DURATION} s per case after ${WARMUP} s warm-up, ${os.cpus().length} cores, Node ${process.version}\n`,
  )
  console.log(table.join('\n'))
  console.log(`\n${ratios.join('\n')}`)

  const resultsDir = path.resolve('bench/results')
  fs.mkdirSync(resultsDir, { recursive: true })
  const file = path.join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${label.toLowerCase()}-${ARTICLES}.json`)
  const metAll = checks.every((check) => check.met) && errors === 0 && serverRss < 500 && sitemap.warmMs < 200
  fs.writeFileSync(
    file,
    `${JSON.stringify({ database: label, date: new Date().toISOString(), node: process.version, cores: os.cpus().length, articles: ARTICLES, seedSeconds, connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP, articleBytes, results, checks, serverPeakRssMb: serverRss, errors, cacheHitRate: hitRate, sitemap, metAll }, null, 2)}\n`,
  )
  console.log(`\nRaw results: ${path.relative(process.cwd(), file)}`)
}

/**
 * How each case's cost grows with the content: requests a second, p50 and p99 at each size, each
 * rate against the ceiling measured in the same run, and the targets that compare sizes.
 */
function reportCurve(label: string, sizes: SizeResult[]) {
  const first = sizes[0]
  const last = sizes[sizes.length - 1]
  const rate = (size: SizeResult, name: string) => size.results.find((result) => result.name === name)!
  const names = first.results.map((result) => result.name)
  const header = ['case', ...sizes.map((size) => `${size.articles}: req/s (p50/p99 ms, ×ceiling)`)]
  const rows = names.map((name) => [
    name,
    ...sizes.map((size) => {
      const result = rate(size, name)
      const ceiling = rate(size, 'd-ceiling').requestsPerSecond
      return `${result.requestsPerSecond.toFixed(0)} (${result.latencyP50Ms}/${result.latencyP99Ms}, ${(result.requestsPerSecond / ceiling).toFixed(2)})`
    }),
  ])
  const memory = ['server peak RSS MB', ...sizes.map((size) => String(Math.max(...size.results.filter((r) => r.name !== 'd-ceiling').map((r) => r.serverPeakRssMb ?? 0))))]
  const seeding = ['seeding s (growing from the size before)', ...sizes.map((size) => size.seedSeconds.toFixed(0))]
  const hits = ['all articles read twice: % of the second from memory', ...sizes.map((size) => `${(size.hitRate * 100).toFixed(0)}%`)]
  const sitemaps = ['sitemap file 1: URLs, ms first / warm', ...sizes.map((size) => `${size.sitemap.urls}, ${size.sitemap.firstMs} / ${size.sitemap.warmMs}`)]
  const table = [header, ...rows, memory, seeding, hits, sitemaps].map((row) => `| ${row.join(' | ')} |`)
  table.splice(1, 0, `|${header.map(() => '---').join('|')}|`)
  // Each rate relative to its own run's ceiling, so a noisy machine's drift between sizes cancels out.
  const relative = (name: string) =>
    rate(last, name).requestsPerSecond / rate(last, 'd-ceiling').requestsPerSecond / (rate(first, name).requestsPerSecond / rate(first, 'd-ceiling').requestsPerSecond)
  const checks = [
    { name: `a-uncached at ${last.articles} / at ${first.articles}`, value: relative('a-uncached'), target: 0.7 },
    { name: `a-warm at ${last.articles} / at ${first.articles}`, value: relative('a-warm'), target: 0.9 },
    { name: `c-list (every page) at ${last.articles} / at ${first.articles}`, value: relative('c-list'), target: 0.8 },
    { name: `h-list-uncached (every page by cursor) at ${last.articles} / at ${first.articles}`, value: relative('h-list-uncached'), target: 0.8 },
  ]
  console.log(`\n${label}: how the cost grows, ${sizes.map((size) => size.articles).join(', ')} articles\n`)
  console.log(table.join('\n'))
  console.log(
    `\n${checks.map((check) => `${check.name} (each against its run's ceiling): ${check.value.toFixed(2)} (target ≥ ${check.target}) ${check.value >= check.target ? 'met' : 'NOT MET'}`).join('\n')}`,
  )
}

await main()
