import type { ServerComponentProps } from 'payload'
import React from 'react'

import { isStaff } from '../access/staff'
import { type DashboardList, readStaffDashboard } from '../workflow/staff-dashboard'

/**
 * The staff's work, above the collection tiles on the admin's dashboard: reviews coming due, drafts
 * waiting for approval, what is scheduled, what changed, and checks to look at. A React Server
 * Component (Payload renders it with the Local API at hand); styled with the admin's own variables.
 */
export async function StaffDashboard({ payload, user }: ServerComponentProps) {
  if (!isStaff(user)) return null
  const dashboard = await readStaffDashboard(payload, { now: new Date() })
  return (
    <section aria-label="Your work" style={{ marginBottom: 'calc(var(--base) * 2)' }}>
      <div style={{ display: 'grid', gap: 'var(--base)', gridTemplateColumns: 'repeat(auto-fill, minmax(22rem, 1fr))' }}>
        <Panel id="needs-review" heading="Needs review" empty="No clinical review is due in the next 30 days." list={dashboard.needsReview}>
          {dashboard.emailDigests ? null : <p style={{ margin: 0, color: 'var(--theme-elevation-500)' }}>Email digests are off: no email server is configured (SMTP_HOST).</p>}
        </Panel>
        <Panel id="waiting-for-approval" heading="Waiting for approval" empty="Nothing is waiting for approval." list={dashboard.waitingForApproval} />
        <Panel id="scheduled" heading="Scheduled" empty="Nothing is scheduled for the next 30 days." list={dashboard.scheduled} />
        <Panel id="recently-changed" heading="Recently changed" empty="No changes yet." list={dashboard.recentlyChanged} />
        <Panel id="checks" heading="Checks before publishing" empty="No warnings." list={dashboard.checks} />
      </div>
    </section>
  )
}

function Panel({ id, heading, empty, list, children }: { id: string; heading: string; empty: string; list: DashboardList; children?: React.ReactNode }) {
  return (
    <div
      data-dashboard-list={id}
      style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 'var(--style-radius-m)', padding: 'var(--base)', background: 'var(--theme-elevation-0)' }}
    >
      <h2 style={{ fontSize: '1.1rem', margin: '0 0 calc(var(--base) / 2)' }}>
        {heading} {list.total ? <span style={{ color: 'var(--theme-elevation-500)' }}>({list.total})</span> : null}
      </h2>
      {children}
      {list.items.length === 0 ? (
        <p style={{ margin: 0, color: 'var(--theme-elevation-500)' }}>{empty}</p>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {list.items.map((item) => (
            <li key={`${item.href}:${item.detail}`} style={{ padding: '0.35rem 0', borderTop: '1px solid var(--theme-elevation-100)' }}>
              <a href={item.href}>{item.title}</a>
              <div style={{ fontSize: '0.85rem', color: 'var(--theme-elevation-600)' }}>{item.detail}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
