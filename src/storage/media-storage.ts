import crypto from 'node:crypto'
import http from 'node:http'
import https from 'node:https'

import type { S3ClientConfig } from '@aws-sdk/client-s3'
import { s3Storage } from '@payloadcms/storage-s3'
import { APIError, type CollectionAfterChangeHook, type Config, type PayloadRequest, type Plugin } from 'payload'

import type { ObjectStorageSettings } from '../config/object-storage'
import { CONTENT_SLUGS } from '../model/slugs'

/**
 * Payload's S3 storage adapter for the images, switched on when object storage is configured.
 * It is always installed (switched off without a bucket) with its fields inserted, so the media
 * table has the same columns either way and one set of migrations serves both. Files are still
 * served through /api/media/file/…, so an image stays private until published content shows it.
 */
export function mediaStorage(settings: ObjectStorageSettings | undefined): Plugin {
  // The adapter keeps its S3 client for the life of the process, with keep-alive connections that
  // would hold a finished CLI or test open: this config owns the agents and closes them on destroy.
  const agents = { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 100 }), httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 100 }) }
  const adapter = s3Storage({
    enabled: Boolean(settings),
    alwaysInsertFields: true,
    bucket: settings?.bucket ?? '',
    // One client per config, so a client never outlives the agents it was given.
    clientCacheKey: `kap-media-${crypto.randomUUID()}`,
    // A prefix, even an empty one, is what makes the adapter keep its `prefix` field when switched on.
    collections: { [CONTENT_SLUGS.media]: { prefix: settings?.prefix ?? '' } },
    config: settings ? { ...s3ClientConfig(settings), requestHandler: agents } : {},
  })
  return async (incoming) => {
    const config = withUndoOnFailedUpload(incoming, await adapter(incoming))
    const onInit = config.onInit
    return {
      ...config,
      onInit: async (payload) => {
        const destroy = payload.destroy
        payload.destroy = async () => {
          await destroy.call(payload)
          agents.httpAgent.destroy()
          agents.httpsAgent.destroy()
        }
        await onInit?.(payload)
      },
    }
  }
}

/**
 * The adapter sends files to the store after the document is written. When the store fails, a
 * database with transactions rolls the write back; SQLite runs without them, so the document
 * written just before is removed again (a new image) or put back as it was (a replaced file), and
 * the editor gets a 503 that says nothing was saved.
 */
function withUndoOnFailedUpload(before: Config, after: Config): Config {
  const earlier = before.collections?.find((collection) => collection.slug === CONTENT_SLUGS.media)?.hooks?.afterChange?.length ?? 0
  return {
    ...after,
    collections: after.collections?.map((collection) => {
      if (collection.slug !== CONTENT_SLUGS.media || !collection.hooks?.afterChange) return collection
      const hooks = collection.hooks.afterChange
      return { ...collection, hooks: { ...collection.hooks, afterChange: [...hooks.slice(0, earlier), ...hooks.slice(earlier).map(undoOnFailure)] } }
    }),
  }
}

const undoOnFailure =
  (storeFiles: CollectionAfterChangeHook): CollectionAfterChangeHook =>
  async (args) => {
    try {
      return await storeFiles(args)
    } catch {
      // The adapter has logged the store's error with the file's name; this puts the document back.
      const { req, doc, previousDoc, operation, collection } = args
      if (!(await inTransaction(req))) {
        if (operation === 'create') await req.payload.db.deleteOne({ collection: collection.slug, where: { id: { equals: doc.id } }, req })
        else await req.payload.db.updateOne({ collection: collection.slug, id: doc.id, data: previousDoc, req })
      }
      throw new APIError('The image could not be stored: the image store did not answer. Nothing was saved; try again in a moment.', 503, undefined, true)
    }
  }

/**
 * Whether this request's writes run in a database transaction. Without one Payload leaves a promise
 * of null in `transactionID`; an adapter's transaction id is a string or a number. Anything else is
 * not one: Payload's relationship DataLoader JSON-encodes the request's transaction id into its batch
 * key and assigns the decoded value back, so a pending promise comes back as `{}`.
 */
async function inTransaction(req: PayloadRequest): Promise<boolean> {
  const id: unknown = await req.transactionID
  return typeof id === 'string' || typeof id === 'number'
}

/** The S3 client's settings, shared by the adapter and by export/restore. */
export function s3ClientConfig(settings: ObjectStorageSettings): S3ClientConfig {
  return {
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // The SDK's default since 2025 sends every upload as aws-chunked with a trailing checksum,
    // which many S3-compatible stores refuse or store verbatim; checksums only where S3 requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }
}
