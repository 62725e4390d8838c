import { wholeNumber } from './env-number'

/** Caps on what one request may ask for, from the environment; see README "Security and operations". */
export type RequestLimits = {
  jsonBodyMaxBytes: number
  uploadMaxBytes: number
  maxLimit: number
  maxDepth: number
  maxPage: number
  graphQLMaxComplexity: number
  graphQLMaxDepth: number
  loginAttemptsPerIp: number
  loginAttemptsPerAccount: number
  loginWindowSeconds: number
  anonymousReadsPerMinute: number
}

export function requestLimits(env: NodeJS.ProcessEnv = process.env): RequestLimits {
  const whole = (name: string, fallback: number, min = 0) => wholeNumber(env, name, fallback, min)
  return {
    jsonBodyMaxBytes: whole('JSON_BODY_MAX_BYTES', 1024 * 1024, 1024),
    uploadMaxBytes: whole('UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 1024),
    // Payload's admin loads the documents a list's relationship column names 250 at a time.
    maxLimit: whole('API_MAX_LIMIT', 250, 1),
    maxDepth: whole('API_MAX_DEPTH', 3, 2),
    maxPage: whole('API_MAX_PAGE', 10_000, 1),
    graphQLMaxComplexity: whole('GRAPHQL_MAX_COMPLEXITY', 1000, 10),
    graphQLMaxDepth: whole('GRAPHQL_MAX_DEPTH', 10, 2),
    loginAttemptsPerIp: whole('LOGIN_ATTEMPTS_PER_IP', 30, 1),
    loginAttemptsPerAccount: whole('LOGIN_ATTEMPTS_PER_ACCOUNT', 10, 1),
    loginWindowSeconds: whole('LOGIN_WINDOW_SECONDS', 900, 1),
    anonymousReadsPerMinute: whole('ANONYMOUS_READS_PER_MINUTE', 1200),
  }
}
