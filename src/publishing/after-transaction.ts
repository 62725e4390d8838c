import type { PayloadRequest } from 'payload'

const POLL_MS = 5
const GIVE_UP_MS = 60_000

/**
 * Runs `then` once the request's database transaction is over. Payload has no after-commit hook;
 * the adapters (drizzle and mongoose alike) keep open transactions in `db.sessions` by id and
 * remove them as they commit or roll back, so this waits for that, then one more short beat.
 */
export function afterTransaction(req: PayloadRequest, then: () => void): void {
  const transactionId = req.transactionID
  const sessions = (req.payload.db as { sessions?: Record<string, unknown> }).sessions
  const started = Date.now()
  const poll = async () => {
    const id = transactionId instanceof Promise ? await transactionId : transactionId
    if (id !== undefined && sessions?.[String(id)] && Date.now() - started < GIVE_UP_MS) {
      setTimeout(poll, POLL_MS).unref()
      return
    }
    setTimeout(then, POLL_MS).unref()
  }
  void poll()
}
