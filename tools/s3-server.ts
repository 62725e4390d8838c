// An S3-compatible store for the tests: s3rver, which speaks S3's HTTP API and keeps objects in a
// temporary directory. It checks no signatures and no permissions, so the tests prove what the CMS
// sends and reads back, not a cloud's access rules.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import S3rver from 's3rver'

export type S3Server = {
  endpoint: string
  /** The S3_* variables that point the CMS at `bucket` on this server. */
  env: (bucket: string, prefix?: string) => Record<string, string>
  /** Stops answering (an outage); the objects stay for `resume`. */
  pause: () => Promise<void>
  /** Answers again on the same address, with the same objects. */
  resume: () => Promise<void>
  stop: () => Promise<void>
}

const ignore = () => {}
const quietLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore, exceptions: { unhandle: ignore }, close: ignore }

/** Starts the store on a free port of 127.0.0.1 with the named buckets created. */
export async function startS3Server(buckets: string[]): Promise<S3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-s3-'))
  const listen = async (port: number) => {
    const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) })
    // s3rver closes its winston logger when it stops listening, and a request still finishing on a
    // paused server then makes winston print "no transports" through console.error — after the test
    // file has ended, which Jest counts as a failure (exit code 1). The store's own log is not needed.
    server.logger = server.context.logger = quietLogger
    return { server, port: (await server.run()).port }
  }
  let running: S3rver | undefined
  const first = await listen(0)
  running = first.server
  const endpoint = `http://127.0.0.1:${first.port}`
  const pause = async () => {
    await running?.close()
    running = undefined
  }
  return {
    endpoint,
    env: (bucket, prefix) => ({
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      // s3rver's fixed key pair.
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      ...(prefix ? { S3_PREFIX: prefix } : {}),
    }),
    pause,
    resume: async () => {
      running ??= (await listen(first.port)).server
    },
    stop: async () => {
      await pause()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
