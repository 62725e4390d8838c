import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { buildConfig, type Field, getPayload, type Payload } from 'payload'

import { deliverWebhooksNow, kapContent } from '../../src/plugin'
import { kapContentSettings } from '../../src/model/settings'
import { TEST_SECRET } from '../helpers/start-cms'

/** The plugin in a project that is not ours: a bare Payload config with its own users. */
describe('kapContent on a bare Payload config', () => {
  let payload: Payload
  let dir: string

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-plugin-'))
    const config = buildConfig({
      secret: TEST_SECRET,
      db: sqliteAdapter({ client: { url: `file:${path.join(dir, 'bare.db')}` } }),
      collections: [
        {
          slug: 'staff',
          auth: true,
          fields: [{ name: 'roles', type: 'select', hasMany: true, options: ['owner', 'writer'] }],
        },
      ],
      plugins: [
        kapContent({
          collections: { faqs: false },
          publishRoles: ['owner'],
          requireClinicalReview: false,
          mediaDir: path.join(dir, 'media'),
          maxVersionsPerDocument: 3,
          overrides: {
            benefitLists: {
              // A clinic's own field, one of the plugin's hidden, and its own admin group.
              fields: ({ defaultFields }) => [
                ...defaultFields.map((field) => ('name' in field && field.name === 'leadIn' ? ({ ...field, admin: { ...field.admin, hidden: true } } as Field) : field)),
                { name: 'audience', type: 'text' },
              ],
              admin: ({ defaultAdmin }) => ({ ...defaultAdmin, group: 'Clinic lists' }),
            },
          },
        }),
      ],
    })
    payload = await getPayload({ config })
  })
  afterAll(async () => {
    await payload.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('adds the enabled collections beside the project’s own, and only those', () => {
    const slugs = payload.config.collections.map((collection) => collection.slug)
    expect(slugs).toEqual(expect.arrayContaining(['staff', 'articles', 'benefit-lists', 'calls-to-action', 'media']))
    expect(slugs).not.toContain('faqs')
  })

  test('the preview endpoint never names a collection that is switched off', async () => {
    const endpoint = payload.config.endpoints.find((candidate) => candidate.path === '/preview/:collection/:id')
    const response = await endpoint!.handler({ routeParams: { collection: 'faqs', id: '1' }, headers: new Headers(), payload } as never)
    expect(response.status).toBe(404)
    const message = (await response.json()).errors[0].message as string
    expect(message).toBe('Nothing to preview in "faqs": previews exist for articles, benefit-lists, calls-to-action.')
  })

  test('a host’s overrides add a field, hide one and change the admin group, and the new field is stored and read', async () => {
    const lists = payload.collections['benefit-lists'].config
    const field = (name: string) => lists.fields.find((candidate) => 'name' in candidate && candidate.name === name)
    expect(field('audience')).toMatchObject({ type: 'text' })
    expect((field('leadIn')?.admin as { hidden?: boolean } | undefined)?.hidden).toBe(true)
    expect(lists.admin.group).toBe('Clinic lists')
    // The plugin's own settings survive an override: drafts, versions, the publishing rules.
    expect(lists.versions).toMatchObject({ maxPerDoc: 3, drafts: expect.anything() })
    const created = await payload.create({
      collection: 'benefit-lists',
      data: { title: 'For families', audience: 'families', items: [{ label: 'Calm' }], _status: 'published' } as never,
    })
    const read = await payload.findByID({ collection: 'benefit-lists', id: created.id, overrideAccess: false })
    expect((read as unknown as { audience: string }).audience).toBe('families')
  })

  test('finds the project’s users collection itself', () => {
    expect(kapContentSettings(payload).usersCollection).toBe('staff')
  })

  test('a process without Payload’s crons (a CLI command on the same config) sends no webhooks and says why', async () => {
    await expect(deliverWebhooksNow(payload)).rejects.toThrow('start Payload with getPayload({ config, cron: true })')
  })

  test('applies its options: versions bound, publish roles', async () => {
    expect(payload.collections['benefit-lists'].config.versions?.maxPerDoc).toBe(3)
    const writer = await payload.create({
      collection: 'staff' as never,
      data: { email: 'w@example.test', password: 'writer-password', roles: ['writer'] } as never,
    })
    await expect(
      payload.create({
        collection: 'benefit-lists',
        data: { title: 'By a writer', items: [{ label: 'Calm' }], _status: 'published' } as never,
        user: { ...(writer as object), collection: 'staff' } as never,
        overrideAccess: false,
      }),
    ).rejects.toThrow(/can save drafts but not publish/)
  })

  test('content published there is readable anonymously; drafts are not', async () => {
    await payload.create({ collection: 'benefit-lists', data: { title: 'Public', items: [{ label: 'Calm' }], _status: 'published' } as never })
    await payload.create({ collection: 'benefit-lists', data: { title: 'Private', items: [{ label: 'Calm' }], _status: 'draft' }, draft: true })
    const visible = await payload.find({ collection: 'benefit-lists', where: { title: { in: ['Public', 'Private'] } }, overrideAccess: false, draft: true })
    expect(visible.docs.map((doc) => doc.title)).toEqual(['Public'])
  })
})

describe('kapContent options are checked', () => {
  test('articles without media is refused with a reason', () => {
    expect(() => kapContent({ collections: { media: false } })).toThrow(/articles need the media collection/)
  })

  test('an override that removes one of the plugin’s fields is refused, naming the field and what to do instead', () => {
    const plugin = kapContent({ overrides: { faqs: { fields: ({ defaultFields }) => defaultFields.filter((field) => !('name' in field) || field.name !== 'question') } } })
    expect(() => plugin({ collections: [] } as never)).toThrow(
      'kapContent: overrides for "faqs" remove "question"; the plugin reads this field. Hide it instead: admin: { hidden: true }.',
    )
  })

  test('a nonsensical version bound is refused', () => {
    expect(() => kapContent({ maxVersionsPerDocument: 0 })).toThrow(/maxVersionsPerDocument/)
  })

  test('the plugin reads no environment: its settings are its options, or its defaults', () => {
    const before = { SITE_URL: process.env.SITE_URL, PREVIEW_URL: process.env.PREVIEW_URL }
    process.env.SITE_URL = 'https://from-the-environment.example'
    process.env.PREVIEW_URL = 'https://preview-from-the-environment.example'
    try {
      const settings = (options: Parameters<typeof kapContent>[0]) => {
        const { coordinator, ...rest } = kapContentSettings(kapContent(options)({ collections: [] } as never) as never)
        // Without a coordinator the process assumes it is alone, and says so.
        expect(coordinator.description).toMatch(/^no REDIS_URL: this process assumes it is the only one/)
        return rest
      }
      expect(settings({})).toEqual({ siteUrl: 'http://localhost:3000', previewUrl: '', usersCollection: 'users', publishRoles: ['admin', 'editor'] })
      expect(settings({ siteUrl: 'https://clinic.example/', previewUrl: 'https://preview.clinic.example', publishRoles: ['admin', 'lead'] })).toEqual({
        siteUrl: 'https://clinic.example',
        previewUrl: 'https://preview.clinic.example',
        usersCollection: 'users',
        publishRoles: ['admin', 'lead'],
      })
    } finally {
      for (const [name, value] of Object.entries(before)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })

  test('a slug clash with the project’s collections is refused', () => {
    const plugin = kapContent()
    expect(() => plugin({ collections: [{ slug: 'media', fields: [] }] } as never)).toThrow(/already has a collection "media"/)
  })
})
