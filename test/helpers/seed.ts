import fs from 'node:fs';
import type { BundleInput } from '../../src/bundle/format';
import { seedBundlePath } from '../../src/server/seed';

/** A fresh, mutable copy of the committed seed bundle. */
export function seedBundleJson(): BundleInput & {
  entities: NonNullable<BundleInput['entities']>;
  sources: NonNullable<BundleInput['sources']>;
  claims: NonNullable<BundleInput['claims']>;
} {
  return JSON.parse(fs.readFileSync(seedBundlePath, 'utf8'));
}
