import fs from 'node:fs/promises';
import type { Bundle } from './format';
import { BundleValidationError } from './problems';
import { parseBundle } from './validate';

/** Reads and shape-checks a bundle file; a file that is not JSON is a validation error, not a crash. */
export async function readBundleFile(file: string): Promise<Bundle> {
  const raw = await fs.readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new BundleValidationError([{ path: '', message: `${file} is not valid JSON: ${(error as Error).message}` }]);
  }
  return parseBundle(json);
}
