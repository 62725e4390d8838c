/** decodeURIComponent that leaves a malformed escape as sent instead of throwing. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
