// One benchmark case, run in its own process so the load generator never shares a CPU core's
// event loop with the server it measures. Input: a JSON file (its path the one argument: a
// command line cannot carry thousands of paths); output: one JSON line.
import fs from 'node:fs'

import autocannon from 'autocannon'

/** A GET of a path, or a request with a method and a JSON body. */
export type LoadRequest = string | { method: 'POST'; path: string; body: string }

export type LoadCase = {
  origin: string
  /** Requests, cycled through in order by every connection. */
  paths: LoadRequest[]
  connections: number
  warmupSeconds: number
  durationSeconds: number
}

export type LoadResult = {
  requestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  requests: number
  errors: number
  non2xx: number
  timeouts: number
}

async function run(options: LoadCase, durationSeconds: number): Promise<autocannon.Result> {
  let next = 0
  return autocannon({
    url: options.origin,
    connections: options.connections,
    duration: durationSeconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const item = options.paths[next++ % options.paths.length]
          if (typeof item === 'string') {
            request.path = item
            return request
          }
          return { ...request, method: item.method, path: item.path, body: item.body, headers: { ...request.headers, 'content-type': 'application/json' } }
        },
      },
    ],
  })
}

const options = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as LoadCase
if (options.warmupSeconds > 0) await run(options, options.warmupSeconds)
const result = await run(options, options.durationSeconds)
const summary: LoadResult = {
  requestsPerSecond: result.requests.average,
  latencyP50Ms: result.latency.p50,
  latencyP99Ms: result.latency.p99,
  requests: result.requests.total,
  errors: result.errors,
  non2xx: result.non2xx,
  timeouts: result.timeouts,
}
process.stdout.write(`${JSON.stringify(summary)}\n`)
