/**
 * Publishing is one permission in both directions, by every route. Generated: every content
 * collection x every role x every route that can change a document, asserting the answer and,
 * when refused, that nothing changed (the stored document and its versions are as before); when
 * allowed, that something did.
 */
import { schedulePublishHandler } from '@payloadcms/ui/utilities/schedulePublishHandler'
import { createLocalReq, type Payload } from 'payload'

import { contentData, createContent, saveDraft, TITLE_FIELD, type ContentSlug } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms

const ROLES = ['anonymous', 'contributor', 'editor', 'admin'] as const
type Role = (typeof ROLES)[number]
const users: Partial<Record<Role, { id: string | number; headers: Record<string, string> }>> = {}

/** Who may do what (README "Who may do what"; plugin defaults publishRoles and deleteRoles). */
const MAY: Record<'publish' | 'edit' | 'delete', Role[]> = {
  publish: ['editor', 'admin'],
  edit: ['contributor', 'editor', 'admin'],
  delete: ['admin'],
}

const COLLECTIONS: ContentSlug[] = ['articles', 'benefit-lists', 'faqs', 'calls-to-action']
/** GraphQL's names for each collection's mutations. */
const GRAPHQL_NAME: Record<ContentSlug, string> = { articles: 'Article', 'benefit-lists': 'BenefitList', faqs: 'Faq', 'calls-to-action': 'CallsToAction' }

beforeAll(async () => {
  cms = await startTestCms()
  // The first account becomes the admin; the others get the role they are given.
  for (const role of ['admin', 'editor', 'contributor'] as const) {
    users[role] = await signIn(cms, { email: `${role}@roles.test`, password: `a-long-${role}-password`, roles: [role] })
  }
})
afterAll(() => cms.stop())

/** A contributor cannot record a clinical review (src/workflow/review-sign-off.ts): what they create carries none. */
const mayRecordReview = (role: Role) => role !== 'contributor'

type Fixture = 'draft' | 'published' | 'published with a newer draft' | 'none'
type Answer = { status: number; message?: string }
type Case = {
  route: string
  kind: keyof typeof MAY
  fixture: Fixture
  run: (ctx: { collection: ContentSlug; id: string | number; draftVersionId?: string | number; headers: Record<string, string>; role: Role }) => Promise<Answer>
}

async function rest(path: string, init: RequestInit): Promise<Answer> {
  const response = await cms.api(path, init)
  const body = await response.json().catch(() => ({}))
  return { status: response.status, message: body?.errors?.[0]?.message ?? body?.message }
}

async function graphql(query: string, headers: Record<string, string>, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await cms.api('/api/graphql', { method: 'POST', ...json({ query, variables }, headers) })
  const body = await response.json()
  if (response.status !== 200) return { status: response.status, message: body?.errors?.[0]?.message }
  const error = body.errors?.[0]
  return error ? { status: error.extensions?.statusCode ?? 500, message: error.message } : { status: 200 }
}

const lit = (id: string | number) => JSON.stringify(id)
/** GraphQL's update input for calls to action requires the link group (Payload makes a group with required fields non-null). */
const gqlData = (collection: ContentSlug, fields: string) =>
  `{ ${fields}${collection === 'calls-to-action' ? ' link: { type: "external", url: "https://clinic.example/book" }' : ''} }`
const retitle = (collection: ContentSlug, value: string) => ({ [TITLE_FIELD[collection]]: value })

/** Every route by which a document's public state, or its draft, can change. */
const CASES: Case[] = [
  // REST
  {
    route: 'REST: publish a draft',
    kind: 'publish',
    fixture: 'draft',
    run: ({ collection, id, headers }) => rest(`/api/${collection}/${id}`, { method: 'PATCH', ...json({ _status: 'published' }, headers) }),
  },
  {
    route: 'REST: unpublish (_status draft without draft=true)',
    kind: 'publish',
    fixture: 'published',
    run: ({ collection, id, headers }) => rest(`/api/${collection}/${id}`, { method: 'PATCH', ...json({ _status: 'draft' }, headers) }),
  },
  {
    route: 'REST: plain update of a document with a newer draft',
    kind: 'publish',
    fixture: 'published with a newer draft',
    run: ({ collection, id, headers }) => rest(`/api/${collection}/${id}`, { method: 'PATCH', ...json(retitle(collection, 'Plain update'), headers) }),
  },
  {
    route: 'REST: save a draft beside the published document',
    kind: 'edit',
    fixture: 'published with a newer draft',
    run: ({ collection, id, headers }) =>
      rest(`/api/${collection}/${id}?draft=true`, { method: 'PATCH', ...json({ ...retitle(collection, 'A draft edit'), _status: 'draft' }, headers) }),
  },
  {
    route: 'REST: autosave',
    kind: 'edit',
    fixture: 'published',
    run: ({ collection, id, headers }) => rest(`/api/${collection}/${id}?draft=true&autosave=true`, { method: 'PATCH', ...json(retitle(collection, 'Typed so far'), headers) }),
  },
  {
    route: 'REST: bulk unpublish',
    kind: 'publish',
    fixture: 'published',
    run: ({ collection, id, headers }) => rest(`/api/${collection}?where[id][equals]=${id}`, { method: 'PATCH', ...json({ _status: 'draft' }, headers) }),
  },
  {
    route: 'REST: bulk publish',
    kind: 'publish',
    fixture: 'draft',
    run: ({ collection, id, headers }) => rest(`/api/${collection}?where[id][equals]=${id}`, { method: 'PATCH', ...json({ _status: 'published' }, headers) }),
  },
  {
    route: 'REST: bulk draft save',
    kind: 'edit',
    fixture: 'published',
    run: ({ collection, id, headers }) => rest(`/api/${collection}?where[id][equals]=${id}&draft=true`, { method: 'PATCH', ...json(retitle(collection, 'Bulk draft'), headers) }),
  },
  {
    route: 'REST: restore a draft version over the published document',
    kind: 'publish',
    fixture: 'published with a newer draft',
    run: ({ collection, draftVersionId, headers }) => rest(`/api/${collection}/versions/${draftVersionId}`, { method: 'POST', ...json({}, headers) }),
  },
  {
    route: 'REST: restore a version as a draft',
    kind: 'edit',
    fixture: 'published with a newer draft',
    run: ({ collection, draftVersionId, headers }) => rest(`/api/${collection}/versions/${draftVersionId}?draft=true`, { method: 'POST', ...json({}, headers) }),
  },
  {
    route: 'REST: create published',
    kind: 'publish',
    fixture: 'none',
    run: ({ collection, headers, role }) =>
      rest(`/api/${collection}`, { method: 'POST', ...json(contentData(collection, 'Created published', 'published', { review: mayRecordReview(role) }), headers) }),
  },
  {
    route: 'REST: create a draft',
    kind: 'edit',
    fixture: 'none',
    run: ({ collection, headers, role }) =>
      rest(`/api/${collection}?draft=true`, { method: 'POST', ...json(contentData(collection, 'Created draft', 'draft', { review: mayRecordReview(role) }), headers) }),
  },
  {
    route: 'REST: duplicate (the copy is a draft)',
    kind: 'edit',
    fixture: 'published',
    run: ({ collection, id, headers }) => rest(`/api/${collection}/${id}/duplicate`, { method: 'POST', ...json({}, headers) }),
  },
  { route: 'REST: delete', kind: 'delete', fixture: 'published', run: ({ collection, id, headers }) => rest(`/api/${collection}/${id}`, { method: 'DELETE', headers }) },
  {
    route: 'REST: bulk delete',
    kind: 'delete',
    fixture: 'published',
    run: ({ collection, id, headers }) => rest(`/api/${collection}?where[id][equals]=${id}`, { method: 'DELETE', headers }),
  },
  // GraphQL
  {
    route: 'GraphQL: publish a draft',
    kind: 'publish',
    fixture: 'draft',
    run: ({ collection, id, headers }) =>
      graphql(`mutation { update${GRAPHQL_NAME[collection]}(id: ${lit(id)}, data: ${gqlData(collection, '_status: published')}) { id } }`, headers),
  },
  {
    route: 'GraphQL: unpublish',
    kind: 'publish',
    fixture: 'published',
    run: ({ collection, id, headers }) => graphql(`mutation { update${GRAPHQL_NAME[collection]}(id: ${lit(id)}, data: ${gqlData(collection, '_status: draft')}) { id } }`, headers),
  },
  {
    route: 'GraphQL: plain update of a document with a newer draft',
    kind: 'publish',
    fixture: 'published with a newer draft',
    run: ({ collection, id, headers }) =>
      graphql(`mutation { update${GRAPHQL_NAME[collection]}(id: ${lit(id)}, data: ${gqlData(collection, `${TITLE_FIELD[collection]}: "Plain GraphQL update"`)}) { id } }`, headers),
  },
  {
    route: 'GraphQL: save a draft',
    kind: 'edit',
    fixture: 'published with a newer draft',
    run: ({ collection, id, headers }) =>
      graphql(
        `mutation { update${GRAPHQL_NAME[collection]}(id: ${lit(id)}, draft: true, data: ${gqlData(collection, `${TITLE_FIELD[collection]}: "GraphQL draft"`)}) { id } }`,
        headers,
      ),
  },
  {
    route: 'GraphQL: restore a draft version',
    kind: 'publish',
    fixture: 'published with a newer draft',
    run: ({ collection, draftVersionId, headers }) => graphql(`mutation { restoreVersion${GRAPHQL_NAME[collection]}(id: ${lit(draftVersionId!)}) { id } }`, headers),
  },
  {
    route: 'GraphQL: restore a version as a draft',
    kind: 'edit',
    fixture: 'published with a newer draft',
    run: ({ collection, draftVersionId, headers }) => graphql(`mutation { restoreVersion${GRAPHQL_NAME[collection]}(id: ${lit(draftVersionId!)}, draft: true) { id } }`, headers),
  },
  {
    route: 'GraphQL: create published',
    kind: 'publish',
    fixture: 'none',
    run: ({ collection, headers, role }) =>
      graphql(`mutation ($data: mutation${GRAPHQL_NAME[collection]}Input!) { create${GRAPHQL_NAME[collection]}(data: $data) { id } }`, headers, {
        data: contentData(collection, 'GraphQL published', 'published', { review: mayRecordReview(role) }),
      }),
  },
  {
    route: 'GraphQL: delete',
    kind: 'delete',
    fixture: 'published',
    run: ({ collection, id, headers }) => graphql(`mutation { delete${GRAPHQL_NAME[collection]}(id: ${lit(id)}) { id } }`, headers),
  },
  // The admin's "Schedule" drawer (a server function that queues the job with access checks off).
  {
    route: 'admin action: schedule an unpublication',
    kind: 'publish',
    fixture: 'published',
    run: async ({ collection, id, role }) => {
      const req = await requestAs(cms.payload, role)
      try {
        const result = (await schedulePublishHandler({
          type: 'unpublish',
          date: new Date(Date.now() + 3_600_000),
          doc: { relationTo: collection, value: String(id) },
          req,
        } as never)) as { error?: string }
        // The admin shows `error`; the reason is in the server's log.
        return result.error ? { status: 403, message: result.error } : { status: 200 }
      } catch (error) {
        return { status: (error as { status?: number }).status === 401 ? 403 : 500, message: (error as Error).message }
      }
    },
  },
]

/** A request as the admin's server functions see it: signed in as that role, or not at all. */
async function requestAs(payload: Payload, role: Role) {
  const user = role === 'anonymous' ? null : await payload.findByID({ collection: 'users', id: users[role]!.id, overrideAccess: true })
  return createLocalReq({ user: user ? { ...user, collection: 'users' } : undefined } as never, payload)
}

/** What a refused request must leave as it was: the stored document, its versions, the collection's size, the schedule. */
async function state(collection: ContentSlug, id: string | number | undefined) {
  const { payload } = cms
  const stored = id === undefined ? null : await payload.db.findOne({ collection, where: { id: { equals: id } } })
  const versions = id === undefined ? 0 : (await payload.countVersions({ collection, where: { parent: { equals: id } }, overrideAccess: true })).totalDocs
  const documents = (await payload.count({ collection, overrideAccess: true })).totalDocs
  const jobs = (await payload.count({ collection: 'payload-jobs', overrideAccess: true })).totalDocs
  return JSON.stringify({ stored, versions, documents, jobs })
}

async function fixture(collection: ContentSlug, kind: Fixture) {
  if (kind === 'none') return {}
  const doc = await createContent(cms.payload, collection, { title: `Fixture ${kind}`, status: kind === 'draft' ? 'draft' : 'published' })
  if (kind !== 'published with a newer draft') return { id: doc.id }
  await saveDraft(cms.payload, collection, doc.id, retitle(collection, 'A newer draft'))
  const { docs } = await cms.payload.findVersions({
    collection,
    where: { and: [{ parent: { equals: doc.id } }, { 'version._status': { equals: 'draft' } }] },
    sort: '-updatedAt',
    limit: 1,
    overrideAccess: true,
  })
  return { id: doc.id, draftVersionId: docs[0].id }
}

describe.each(COLLECTIONS)('%s', (collection) => {
  const matrix = CASES.flatMap((testCase) => ROLES.map((role) => [testCase.route, role, testCase] as const))
  test.each(matrix)('%s as %s', async (_route, role, testCase) => {
    const { id, draftVersionId } = await fixture(collection, testCase.fixture)
    const headers = role === 'anonymous' ? {} : users[role]!.headers
    const before = await state(collection, id)
    const answer = await testCase.run({ collection, id: id!, draftVersionId, headers, role })
    const after = await state(collection, id)
    if (MAY[testCase.kind].includes(role)) {
      // Written so that a failure shows the answer's message.
      expect(answer.status < 300 ? 'allowed' : `refused with ${answer.status}: ${answer.message}`).toBe('allowed')
      expect(after).not.toBe(before)
    } else {
      expect(answer.status === 403 ? 'refused' : `answered ${answer.status}: ${answer.message}`).toBe('refused')
      expect(answer.message).toEqual(expect.any(String))
      expect(after).toBe(before)
    }
  })
})

describe('a scheduled job runs as the user who scheduled it', () => {
  test('a publisher whose role is taken away before the job is due: the job does not publish', async () => {
    const demoted = await signIn(cms, { email: 'soon-contributor@roles.test', password: 'a-long-demoted-password', roles: ['editor'] })
    const list = await createContent(cms.payload, 'benefit-lists', { title: 'Scheduled by a former editor', status: 'draft' })
    const req = await requestAs(cms.payload, 'editor')
    req.user = { ...(await cms.payload.findByID({ collection: 'users', id: demoted.id, overrideAccess: true })), collection: 'users' } as never
    const queued = await schedulePublishHandler({ type: 'publish', date: new Date(Date.now() - 1000), doc: { relationTo: 'benefit-lists', value: String(list.id) }, req } as never)
    expect(queued).not.toHaveProperty('error')
    await cms.payload.update({ collection: 'users', id: demoted.id, data: { roles: ['contributor'] } as never, overrideAccess: true })
    await cms.payload.jobs.run({ limit: 10 })
    const stored = await cms.payload.db.findOne<{ id: number; _status?: string }>({ collection: 'benefit-lists', where: { id: { equals: list.id } } })
    expect(stored?._status).toBe('draft')
  })

  test('an editor can cancel a scheduled publication; a contributor cannot', async () => {
    const list = await createContent(cms.payload, 'benefit-lists', { title: 'Scheduled', status: 'draft' })
    const date = new Date(Date.now() + 3_600_000)
    const schedule = async (role: Role, deleteID?: string | number) =>
      schedulePublishHandler({ type: 'publish', date, deleteID, doc: { relationTo: 'benefit-lists', value: String(list.id) }, req: await requestAs(cms.payload, role) } as never)
    expect(await schedule('editor')).not.toHaveProperty('error')
    const job = (await cms.payload.find({ collection: 'payload-jobs', where: { 'input.doc.value': { equals: String(list.id) } }, overrideAccess: true })).docs[0]
    expect(job).toBeDefined()
    const refused = await schedule('contributor', job.id)
    expect(refused).toHaveProperty('error')
    expect(await cms.payload.count({ collection: 'payload-jobs', where: { id: { equals: job.id } }, overrideAccess: true })).toMatchObject({ totalDocs: 1 })
    await cms.payload.delete({ collection: 'payload-jobs', where: { id: { equals: job.id } }, req: await requestAs(cms.payload, 'editor') })
    expect(await cms.payload.count({ collection: 'payload-jobs', where: { id: { equals: job.id } }, overrideAccess: true })).toMatchObject({ totalDocs: 0 })
  })

  test.each([
    ['contributor', 401],
    ['editor', 200],
  ] as const)("the jobs API's run endpoint as %s answers %i", async (role, status) => {
    const response = await cms.api('/api/payload-jobs/run', { headers: users[role]!.headers })
    expect(response.status).toBe(status)
  })
})
