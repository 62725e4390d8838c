import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getStorageFilePath } from '@payloadcms/plugin-cloud-storage/utilities'
import { createLocalReq, type Payload, type SanitizedCollectionConfig } from 'payload'

import type { ObjectStorageSettings } from '../config/object-storage'
import { s3ClientConfig } from '../storage/media-storage'
import type { StoredDocument } from './export-format'

/**
 * Where an upload collection's files are kept, for export and restore: its directory on disk, or
 * the bucket of Payload's S3 adapter. Files are named by the document that owns them, because in a
 * bucket the document's `prefix` decides the key.
 */
export type UploadFileStore = {
  /** For messages: where the files are. */
  readonly description: string
  /** Copies a document's file to `destination`; false when the store does not have it. */
  copyOut: (document: StoredDocument, name: string, destination: string) => Promise<boolean>
  /** Stores a file for a document; refuses (throws) rather than overwrite one already there. */
  copyIn: (document: StoredDocument, name: string, source: string) => Promise<void>
  exists: (document: StoredDocument, name: string) => Promise<boolean>
  remove: (document: StoredDocument, name: string) => Promise<void>
  /** Lets go of connections (a bucket's); the store is not used after. */
  close: () => void
}

/**
 * The store for `collection`: its bucket when Payload's S3 adapter keeps its files (the same S3_*
 * settings the server uses must then be given), else its directory.
 */
export async function uploadFileStore(payload: Payload, collection: SanitizedCollectionConfig, objectStorage: ObjectStorageSettings | undefined): Promise<UploadFileStore> {
  if (!collection.upload.disableLocalStorage) return directoryStore(uploadDirectory(collection))
  if (collection.upload.adapter === 's3' && objectStorage) return bucketStore(payload, collection, objectStorage)
  throw new Error(
    `The files of ${collection.slug} are kept by the "${collection.upload.adapter ?? 'unknown'}" storage adapter, not on disk. ` +
      (collection.upload.adapter === 's3'
        ? 'Give the same S3_* variables as the server, so the files are read from and written to its bucket.'
        : 'Export and restore read files from disk or an S3 bucket only.'),
  )
}

export function uploadDirectory(collection: SanitizedCollectionConfig): string {
  // Payload resolves a relative staticDir from the working directory too.
  return path.resolve(collection.upload.staticDir ?? collection.slug)
}

/** A stored filename is a plain name; never follow one out of the upload directory or its prefix. */
export const isPlainFileName = (name: string): boolean => name !== '' && path.basename(name) === name && name !== '.' && name !== '..'

function directoryStore(directory: string): UploadFileStore {
  const at = (name: string) => path.join(directory, name)
  return {
    description: directory,
    exists: async (_document, name) => fs.existsSync(at(name)),
    copyOut: async (_document, name, destination) => {
      if (!fs.existsSync(at(name))) return false
      await fs.promises.copyFile(at(name), destination)
      return true
    },
    copyIn: async (_document, name, source) => {
      await fs.promises.mkdir(directory, { recursive: true })
      await fs.promises.copyFile(source, at(name), fs.constants.COPYFILE_EXCL)
    },
    remove: async (_document, name) => fs.promises.rm(at(name), { force: true }),
    close: () => {},
  }
}

function bucketStore(payload: Payload, collection: SanitizedCollectionConfig, settings: ObjectStorageSettings): UploadFileStore {
  const client = new S3Client(s3ClientConfig(settings))
  const Bucket = settings.bucket
  const localReq = createLocalReq({}, payload)
  // The adapter's own rule for a document's key (its prefix and object key folder, then the name).
  const keyOf = async (document: StoredDocument, name: string) =>
    getStorageFilePath({ collection, collectionPrefix: settings.prefix ?? '', doc: { id: 0, ...document } as never, filename: name, req: await localReq })
  const isMissing = (error: unknown) => {
    const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } }
    // A missing bucket is a mistake in the settings, not a missing file.
    return name !== 'NoSuchBucket' && (name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404)
  }
  const exists = async (document: StoredDocument, name: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key: await keyOf(document, name) }))
      return true
    } catch (error) {
      if (isMissing(error)) return false
      throw error
    }
  }
  return {
    description: `bucket ${Bucket}${settings.prefix ? `/${settings.prefix}` : ''}`,
    exists,
    copyOut: async (document, name, destination) => {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: await keyOf(document, name) }))
        await pipeline(object.Body as Readable, fs.createWriteStream(destination))
        return true
      } catch (error) {
        if (isMissing(error)) return false
        throw error
      }
    },
    copyIn: async (document, name, source) => {
      const Key = await keyOf(document, name)
      if (await exists(document, name))
        throw new Error(`${name} already exists in bucket ${Bucket} (key ${Key}). Restore into an empty bucket or prefix, so no file is overwritten.`)
      const sizes = Object.values((document.sizes as Record<string, { filename?: string; mimeType?: string }> | undefined) ?? {})
      const ContentType = (sizes.find((size) => size?.filename === name)?.mimeType ?? document.mimeType) as string | undefined
      await client.send(new PutObjectCommand({ Bucket, Key, Body: fs.createReadStream(source), ContentLength: (await fs.promises.stat(source)).size, ContentType }))
    },
    remove: async (document, name) => {
      await client.send(new DeleteObjectCommand({ Bucket, Key: await keyOf(document, name) }))
    },
    close: () => client.destroy(),
  }
}
