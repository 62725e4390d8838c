import { APIError, type CollectionBeforeChangeHook, type CollectionSlug, type GroupField, ValidationError } from 'payload'

import { isAuthenticatedField } from '../access/is-authenticated'
import { nobodyField } from '../access/nobody'
import { hasAnyRole } from '../access/roles'

/** Where a draft is on its way to the public. Publishing it (or a scheduled publication) approves it. */
export const APPROVAL_STATES = [
  { label: 'Being written', value: 'writing' },
  { label: 'Waiting for approval', value: 'submitted' },
  { label: 'Sent back for changes', value: 'changesRequested' },
] as const
export type ApprovalState = (typeof APPROVAL_STATES)[number]['value']

type Approval = {
  state?: ApprovalState | null
  comment?: string | null
  submittedBy?: unknown
  submittedAt?: string | null
  decidedBy?: unknown
  decidedAt?: string | null
}

/** The approval record of a document: its state, the editor's comment, and who moved it when. Staff only. */
export function approvalField(usersSlug: string): GroupField {
  const serverSet = { create: nobodyField, update: nobodyField }
  const by = (name: string, label: string) =>
    ({ name, label, type: 'relationship', relationTo: usersSlug as CollectionSlug, access: serverSet, admin: { readOnly: true } }) as const
  return {
    name: 'approval',
    type: 'group',
    access: { read: isAuthenticatedField },
    admin: {
      position: 'sidebar',
      description: 'Contributors submit a finished draft; an editor publishes or schedules it, or sends it back with a comment.',
    },
    fields: [
      { name: 'state', type: 'select', options: [...APPROVAL_STATES], defaultValue: 'writing', index: true, label: 'Approval' },
      {
        name: 'comment',
        type: 'textarea',
        maxLength: 2000,
        label: "Editor's comment",
        admin: { description: 'What to change, when an editor sends the draft back. The contributor sees it here.' },
      },
      by('submittedBy', 'Submitted by'),
      { name: 'submittedAt', type: 'date', access: serverSet, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      by('decidedBy', 'Approved or sent back by'),
      { name: 'decidedAt', type: 'date', access: serverSet, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    ],
  }
}

/**
 * The approval transitions, whichever route a save takes: anyone who may edit submits a draft or
 * takes it back; only a publishing role sends it back (with a comment saying why) or writes the
 * comment; publishing approves it, and the record starts over. Who and when are the server's.
 */
export function approvalTransitions(publishRoles: readonly string[]): CollectionBeforeChangeHook {
  return ({ collection, data, originalDoc, req }) => {
    const before: Approval = originalDoc?.approval ?? {}
    const incoming: Approval = data?.approval ?? {}
    const from: ApprovalState = before.state ?? 'writing'
    const to: ApprovalState = incoming.state ?? from
    const user = req.user
    const editor = !user || hasAnyRole(user, publishRoles)
    const now = new Date().toISOString()
    const actor = user ? user.id : null
    const approval: Approval = { ...before, ...incoming, state: to }
    if ((incoming.comment ?? null) !== null && (incoming.comment ?? '') !== (before.comment ?? '') && !editor) {
      throw refuse('approval.comment', `only ${publishRoles.join(' or ')} roles write the editor's comment.`)
    }
    if (data?._status === 'published') {
      return { ...data, approval: { ...approval, state: 'writing', comment: null, decidedBy: actor ?? before.decidedBy ?? null, decidedAt: now } }
    }
    if (to === from) return data
    if (to === 'submitted') return { ...data, approval: { ...approval, submittedBy: actor, submittedAt: now } }
    if (to === 'changesRequested') {
      if (!editor) throw refuse('approval.state', `only ${publishRoles.join(' or ')} roles send a draft back.`)
      if (!approval.comment?.trim()) {
        throw new ValidationError({ collection: collection.slug, errors: [{ path: 'approval.comment', message: 'Say what needs changing before sending the draft back.' }], req })
      }
      return { ...data, approval: { ...approval, decidedBy: actor, decidedAt: now } }
    }
    return { ...data, approval }
  }
}

function refuse(field: string, why: string): APIError {
  return new APIError(`${field}: ${why}`, 403, null, true)
}
