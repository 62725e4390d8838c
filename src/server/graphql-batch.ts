import { configToSchema } from '@payloadcms/graphql'
import { type DocumentNode, execute, specifiedRules, validate } from 'graphql'
import { createLocalReq, type Payload } from 'payload'

import { ReadBatch } from '../read-cache/read-batch'

export type GraphQLParams = { query: string; variables?: Record<string, unknown>; operationName?: string }

/** An anonymous query's answer as a body, or null where Payload's own handler must answer (errors). */
type Answer = Buffer | null

/**
 * Anonymous GraphQL queries that miss the read cache together are executed together, against one
 * shared anonymous request: Payload's DataLoader then loads the documents they populate (embedded
 * lists, FAQs, calls to action, images) with one query per collection for all of them, as the
 * REST page reads are batched (read-batch.ts). Same schema and validation rules as Payload's
 * handler (configToSchema); an answer with an error is left to Payload's handler, so errors keep
 * its format and status.
 */
export class AnonymousGraphQL {
  #built: ReturnType<typeof configToSchema> | undefined
  readonly #pending = new Map<string, { document: DocumentNode; params: GraphQLParams }>()
  readonly #batch: ReadBatch<string, Answer>

  constructor(private readonly payload: Payload) {
    this.#batch = new ReadBatch<string, Answer>(async (keys) => this.#run(keys))
  }

  /** The answer for this query, batched with the others asked for in the same turn of the event loop. */
  answer(key: string, document: DocumentNode, params: GraphQLParams): Promise<Answer> {
    this.#pending.set(key, { document, params })
    return this.#batch.get(key)
  }

  async #run(keys: string[]): Promise<Map<string, Answer>> {
    const { schema, validationRules } = (this.#built ??= configToSchema(this.payload.config))
    const req = await createLocalReq({}, this.payload)
    req.payloadAPI = 'GraphQL'
    const answers = await Promise.all(
      keys.map(async (key): Promise<[string, Answer]> => {
        const pending = this.#pending.get(key)
        this.#pending.delete(key)
        if (!pending) return [key, null]
        const { document, params } = pending
        const invalid = validate(schema, document, [...specifiedRules, ...validationRules({ schema, document, variableValues: params.variables } as never)])
        if (invalid.length) return [key, null]
        const result = await execute({ schema, document, variableValues: params.variables, operationName: params.operationName, contextValue: { req, headers: {} } })
        return [key, result.errors?.length ? null : Buffer.from(JSON.stringify({ data: result.data }))]
      }),
    )
    return new Map(answers)
  }
}
