// One benchmark case, run in its own process so the load generator never shares a CPU core's
// event loop with the server it measures. Input: a JSON argument; output: one JSON line.
import autocannon from 'autocannon'

export type LoadCase = {
  origin: string
  /** Request paths, cycled through in order by every connection. */
  paths: string[]
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
          request.path = options.paths[next++ % options.paths.length]
          return request
        },
      },
    ],
  })
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadCase
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
