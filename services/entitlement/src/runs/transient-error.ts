/**
 * A failure that trying again can fix: PostgreSQL's connection exceptions (08), transaction rollbacks such as a
 * serialization failure or a deadlock (40), insufficient resources (53), operator intervention such as a restart (57),
 * a lock not available (55P03); or no answer from the database at all (a connection refused or reset).
 */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return ['08', '40', '53', '57'].includes(code.slice(0, 2)) || code === '55P03' || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code);
}
