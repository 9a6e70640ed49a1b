import { createHash, randomBytes } from 'node:crypto';
import { ConflictError } from '../curation/errors';
import { writeAs } from '../db/write';
import type { PrismaClient } from '../generated/prisma/client';
import type { ApiRole } from '../generated/prisma/enums';

export type Viewer = { keyId: number; owner: string; role: ApiRole };

const KEY_PREFIX = 'kb_';

const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** Creates a key; the key itself is returned once and never stored. */
export async function createApiKey(prisma: PrismaClient, input: { owner: string; role: ApiRole; createdBy: string }) {
  const key = KEY_PREFIX + randomBytes(24).toString('base64url');
  const record = await writeAs(prisma, input.createdBy, (tx) =>
    tx.apiKey.create({
      data: {
        owner: input.owner,
        role: input.role,
        createdBy: input.createdBy,
        prefix: key.slice(0, 10),
        keyHash: hashKey(key),
      },
    }),
  );
  // A retry under the same Idempotency-Key gets the first record back, whose key was shown once.
  if (record.keyHash !== hashKey(key))
    throw new ConflictError(
      `this Idempotency-Key created API key ${record.id} already, and a key is shown only once: revoke it and create another`,
    );
  return { key, record };
}

/** A stored key by its id, or by the key itself (when it leaked, its holder has no id to hand). */
export type ApiKeyRef = { id: number } | { key: string };

/** Revokes a key; revoking a revoked key changes nothing. Returns null when there is no such key. */
export async function revokeApiKey(prisma: PrismaClient, ref: ApiKeyRef, actor: string) {
  const where = 'id' in ref ? { id: ref.id } : { keyHash: hashKey(ref.key) };
  return writeAs(prisma, actor, async (tx) => {
    const key = await tx.apiKey.findUnique({ where });
    if (!key || key.revokedAt) return key;
    return tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
  });
}

export class InvalidApiKeyError extends Error {
  override name = 'InvalidApiKeyError';
}

/** The viewer named by an `Authorization: Bearer <key>` header; null without one. */
async function authenticate(prisma: PrismaClient, authorization: string | null): Promise<Viewer | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw new InvalidApiKeyError('the Authorization header must be "Bearer <API key>"');
  const key = await prisma.apiKey.findUnique({ where: { keyHash: hashKey(match[1]!) } });
  if (!key || key.revokedAt) throw new InvalidApiKeyError('unknown or revoked API key');
  return { keyId: key.id, owner: key.owner, role: key.role };
}

/** The viewer of each request, authenticated once however many of the server's hooks ask. */
export function requestViewers(prisma: PrismaClient) {
  const viewers = new WeakMap<Request, Promise<Viewer | null>>();
  return (request: Request): Promise<Viewer | null> => {
    let viewer = viewers.get(request);
    if (!viewer) {
      viewer = authenticate(prisma, request.headers.get('authorization'));
      viewers.set(request, viewer);
    }
    return viewer;
  };
}
