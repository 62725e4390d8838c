// `npx payload run ../schedule-publication.ts <collection> <id> <userId> <seconds>` from the host
// project: queues what the admin's "Schedule publish" queues, through the host's own config and
// Payload's Local API. The CLI starts no crons, so the running `next start` process must publish it.
import { getPayload } from 'payload'

import config from './clinic-site/src/payload.config'

const [collection, id, userId, seconds] = process.argv.slice(2)
const payload = await getPayload({ config })
const job = await payload.jobs.queue({
  task: 'schedulePublish',
  input: { type: 'publish', doc: { relationTo: collection, value: id }, user: { relationTo: 'users', value: Number(userId) } } as never,
  waitUntil: new Date(Date.now() + Number(seconds) * 1000),
})
console.log(`queued job ${job.id}`)
await payload.destroy()
