import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Test support for the Meta and WhatsApp specs (not imported by production code); the fake server is ../fake-platform.testing.ts. */

/** /work/main/server/src/modules/channels/adapters/meta → /work/shared: CI clones shared/ beside the repo. */
export const FIXTURES_DIR = resolve(import.meta.dirname, '../../../../../../../shared/fixtures/channels');

/** The exact stored bytes: the README's signature vectors are computed over them. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(resolve(FIXTURES_DIR, name));
}

export function fixture(name: string): unknown {
  return JSON.parse(fixtureBytes(name).toString('utf8'));
}

/** Runs a promise expected to fail and hands back what it threw. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the promise to reject');
    },
    (err: unknown) => err,
  );
}
