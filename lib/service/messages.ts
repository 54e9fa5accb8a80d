// A readable message for an error a user caused (a bad query, an unknown name); undefined for bugs,
// which pages rethrow to the error boundary.
import { isAtlasError, publicMessage } from '../errors';

export function userErrorMessage(e: unknown): string | undefined {
  if (e instanceof Error && e.name === 'ZodError' && Array.isArray((e as { issues?: unknown }).issues)) {
    const issues = (e as unknown as { issues: { path: PropertyKey[]; message: string }[] }).issues;
    return issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
  }
  if (isAtlasError(e) && e.code !== 'internal') return publicMessage(e);
  return undefined;
}
