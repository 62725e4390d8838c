import type { Config } from 'payload'

type Queries = NonNullable<NonNullable<Config['graphQL']>['queries']>
type Resolver = (...args: unknown[]) => Promise<Record<string, unknown>>

/**
 * GraphQL's `Access` query, answerable anonymously. Payload drops permissions that are false from
 * its access results, `canAccessAdmin` included, which its schema declares non-null: an anonymous
 * `{ Access { canAccessAdmin } }` failed with a 500. Answers false where Payload left it out.
 */
export function withAnonymousAccessQuery(queries: Queries | undefined): Queries {
  return (graphQL, context) => {
    const hostQueries = queries?.(graphQL, context) ?? {}
    const builtIn = (context as { Query?: { fields?: Record<string, { resolve?: Resolver }> } }).Query?.fields?.Access
    if (!builtIn?.resolve || 'Access' in hostQueries) return hostQueries
    const resolve = builtIn.resolve
    return {
      ...hostQueries,
      Access: { ...builtIn, resolve: async (...args: unknown[]) => ({ canAccessAdmin: false, ...(await resolve(...args)) }) },
    } as ReturnType<Queries>
  }
}
