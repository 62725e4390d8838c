import { APIError, type CollectionBeforeDeleteHook, type Config, type Payload, type PayloadRequest } from 'payload'

import { hasAnyRole } from '../access/roles'
import { PAYLOAD_JOBS_SLUG } from '../model/slugs'

type JobsConfig = NonNullable<Config['jobs']>

/** Payload's task for the admin's "Schedule publish" action, and its collection of queued jobs. */
export const SCHEDULE_TASK = 'schedulePublish'

/** Who may queue, cancel and run jobs over the API (Payload's default: anyone signed in). */
export function jobsAccess(jobs: Config['jobs'], publishRoles: readonly string[]): JobsConfig {
  const publishers = ({ req }: { req: PayloadRequest }) => hasAnyRole(req.user, publishRoles)
  return { ...jobs, access: { queue: publishers, cancel: publishers, run: publishers, ...jobs?.access } }
}

/**
 * Scheduling a publication, or an unpublication, and cancelling one follow the publishing rule:
 * only the publishing roles may. The admin's schedule action queues and deletes jobs through the
 * Local API with access checks off, and Payload queues jobs without collection hooks (unless
 * `jobs.runHooks`, whose failed-task path does not validate in Payload 3.90), so the rule is put on
 * the running instance: on queueing, and on the jobs collection's deletes. A job still runs as the
 * user who scheduled it, so a role taken away before it is due stops it too (publish-permission.ts).
 */
export function guardScheduledPublishing(payload: Payload, publishRoles: readonly string[]): void {
  const refuse = (what: string) => new APIError(`Your role cannot ${what} a scheduled publication: that needs one of these roles: ${publishRoles.join(', ')}.`, 403, null, true)

  const queue = payload.jobs.queue.bind(payload.jobs)
  payload.jobs.queue = (async (args: Parameters<typeof queue>[0]) => {
    const { task, input } = args as { task?: string; input?: { user?: { relationTo?: string; value?: string | number } } }
    const scheduler = input?.user
    if (task === SCHEDULE_TASK && scheduler?.relationTo && scheduler.value !== undefined) {
      const user = await payload.db.findOne({ collection: scheduler.relationTo as 'users', where: { id: { equals: scheduler.value } } })
      if (!user || !hasAnyRole(user as { roles?: unknown }, publishRoles)) throw refuse('create')
    }
    return queue(args)
  }) as typeof payload.jobs.queue

  const beforeDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
    if (!req.user || hasAnyRole(req.user, publishRoles)) return
    const job = (await req.payload.db.findOne({ collection: PAYLOAD_JOBS_SLUG, where: { id: { equals: id } }, req })) as { taskSlug?: string; completedAt?: string | null } | null
    if (job?.taskSlug === SCHEDULE_TASK && !job.completedAt) throw refuse('cancel')
  }
  const jobs = payload.collections[PAYLOAD_JOBS_SLUG]
  if (jobs) jobs.config.hooks.beforeDelete = [...(jobs.config.hooks.beforeDelete ?? []), beforeDelete]
}
