/** What Payload's own CORS handling sends an allowed site origin (headersWithCors), for answers Payload did not make. */
const ALLOWED_HEADERS = 'Origin, X-Requested-With, Content-Type, Accept, Authorization, Content-Encoding, x-apollo-tracing, X-Payload-HTTP-Method-Override'

export function corsHeaders(origin: string | undefined, allowedOrigins: string[]): [string, string][] {
  if (origin === undefined || !allowedOrigins.includes(origin)) return []
  return [
    ['Access-Control-Allow-Origin', origin],
    ['Access-Control-Allow-Credentials', 'true'],
    ['Access-Control-Allow-Methods', 'PUT, PATCH, POST, GET, DELETE, OPTIONS'],
    ['Access-Control-Allow-Headers', ALLOWED_HEADERS],
  ]
}
