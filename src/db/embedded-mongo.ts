import fs from 'node:fs'

import { MongoMemoryReplSet } from 'mongodb-memory-server-core'

/**
 * A one-node replica set (so Payload can use transactions) whose data persists in dbPath between
 * restarts, like a real deployment's volume.
 */
export async function startEmbeddedMongo(dbPath: string, binary: string): Promise<{ uri: string; stop: () => Promise<void> }> {
  fs.mkdirSync(dbPath, { recursive: true })
  const replSet = await MongoMemoryReplSet.create({
    binary: { systemBinary: binary },
    replSet: { count: 1, storageEngine: 'wiredTiger' },
    instanceOpts: [{ dbPath }],
  })
  return {
    uri: replSet.getUri('kap'),
    stop: async () => {
      await replSet.stop({ doCleanup: false })
    },
  }
}
