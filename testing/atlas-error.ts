// For tests of calls that must fail with an AtlasError (its code, exit code and message are the
// contract), e.g. the live-cluster loader against the fake API server.
import { AtlasError } from '../lib/errors';

/** The AtlasError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function atlasErrorOf(promise: Promise<unknown>): Promise<AtlasError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AtlasError) return e;
    throw e;
  }
  throw new Error('expected the call to fail with an AtlasError, but it succeeded');
}
