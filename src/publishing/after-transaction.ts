import type { Payload, PayloadRequest } from 'payload'

const POLL_MS = 5
const GIVE_UP_MS = 60_000

/** Work queued to run after a transaction (or a response), per Payload instance, until it has run. */
const pending = new WeakMap<Payload, Set<Promise<void>>>()

function track(payload: Payload, work: Promise<void>): void {
  let set = pending.get(payload)
  if (!set) pending.set(payload, (set = new Set()))
  set.add(work)
  void work.finally(() => set.delete(work))
}

/**
 * Runs `then` once the request's database transaction is over. Payload has no after-commit hook;
 * the adapters (drizzle and mongoose alike) keep open transactions in `db.sessions` by id and
 * remove them as they commit or roll back, so this waits for that, then one more short beat.
 */
export function afterTransaction(req: PayloadRequest, then: () => unknown): void {
  const transactionId = req.transactionID
  const sessions = (req.payload.db as { sessions?: Record<string, unknown> }).sessions
  const started = Date.now()
  const done = new Promise<void>((resolve) => {
    const poll = async () => {
      const id = transactionId instanceof Promise ? await transactionId : transactionId
      if (id !== undefined && sessions?.[String(id)] && Date.now() - started < GIVE_UP_MS) {
        setTimeout(poll, POLL_MS).unref()
        return
      }
      setTimeout(() => runThen(then, resolve), POLL_MS).unref()
    }
    void poll()
  })
  track(req.payload, done)
}

/** Runs `then` just after the current request's answer, off its path, where there is no transaction to wait for. */
export function afterResponse(payload: Payload, then: () => unknown): void {
  track(payload, new Promise<void>((resolve) => setImmediate(() => runThen(then, resolve))))
}

/**
 * Resolves once everything queued so far with afterTransaction/afterResponse has run (a failure
 * is the callback's to log). Shutdown waits on it so the database is not closed under an audit
 * write; tests wait on it instead of sleeping.
 */
export async function afterTransactionsSettled(payload: Payload): Promise<void> {
  while (pending.get(payload)?.size) await Promise.all([...pending.get(payload)!])
}

async function runThen(then: () => unknown, resolve: () => void): Promise<void> {
  try {
    await then()
  } catch {
    // The callback logs its own failures; a throw here must not leave the work pending forever.
  } finally {
    resolve()
  }
}
