/** A whole number from the environment, or `fallback` when unset, empty, fractional or below `min`. */
export function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const value = Number(env[name] || fallback)
  return Number.isInteger(value) && value >= min ? value : fallback
}
