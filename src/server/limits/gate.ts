import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { InvalidApiKeyError, type Viewer } from '../../auth/api-keys';
import { refusal } from './refusal';

/** Points a request spends: 1, plus 1 for each 1,000 of its cost, plus 1 for each 10 KB it sent. */
const pointsOf = (cost: number, bytes: number) => 1 + Math.floor(cost / 1_000) + Math.floor(bytes / 10_000);

type Bucket = { points: number; at: number };

/**
 * A bucket of points per client, refilled continuously to `perMinute`. A client is let in while its
 * bucket holds a point, and then spends what its request cost, even below zero: one costly query is
 * answered, and the client waits until its bucket has refilled. Written here because envelop's rate
 * limiter counts field calls declared by directives, not what a request costs; one process holds the
 * buckets, so run one replica per limit or put the limit in front.
 */
class Buckets {
  // A client forgotten here comes back with a full bucket, as after a minute's rest.
  private readonly buckets = new LRUCache<string, Bucket>({ max: 100_000 });
  private readonly refillPerMs: number;

  constructor(private readonly perMinute: number) {
    this.refillPerMs = perMinute / 60_000;
  }

  private bucket(client: string): Bucket {
    const now = Date.now();
    const bucket = this.buckets.get(client) ?? { points: this.perMinute, at: now };
    bucket.points = Math.min(this.perMinute, bucket.points + (now - bucket.at) * this.refillPerMs);
    bucket.at = now;
    this.buckets.set(client, bucket);
    return bucket;
  }

  /** Seconds until `client` holds a point again; 0 when it holds one now. */
  wait(client: string): number {
    const { points } = this.bucket(client);
    return points >= 1 ? 0 : Math.ceil((1 - points) / this.refillPerMs / 1_000);
  }

  spend(client: string, points: number) {
    this.bucket(client).points -= points;
  }
}

type Admitted = { client: string; bytes: number; cost: number };

/**
 * Who may send GraphQL operations, and how much: a request without a key where anonymous reads are
 * off gets 401; a client out of points gets 429 with Retry-After. Every request
 * let in spends points when it is answered, refused and unparsable documents too (their bytes).
 */
export function useGate({
  viewerOf,
  anonymousRead,
  pointsPerMinute,
  clientAddress,
}: {
  viewerOf: (request: Request) => Promise<Viewer | null>;
  anonymousRead: boolean;
  pointsPerMinute: number;
  clientAddress: (serverContext: unknown) => string;
}) {
  const buckets = new Buckets(pointsPerMinute);
  const admitted = new WeakMap<Request, Admitted>();
  const plugin: Plugin = {
    async onParams({ request, context, setResult }) {
      // An unknown key is refused (401) where the context is built; meanwhile its address pays.
      const viewer = await viewerOf(request).catch((error: unknown) => {
        if (error instanceof InvalidApiKeyError) return null;
        throw error;
      });
      const keyless = !request.headers.has('authorization');
      if (keyless && !anonymousRead) {
        setResult({
          errors: [
            refusal('UNAUTHENTICATED', 'reading needs an API key: send "Authorization: Bearer <key>"', 401, {
              'www-authenticate': 'Bearer',
            }),
          ],
        });
        return;
      }
      const client = viewer ? `key:${viewer.keyId}` : `anonymous:${clientAddress(context)}`;
      const wait = buckets.wait(client);
      if (wait > 0) {
        setResult({
          errors: [
            refusal('RATE_LIMITED', `rate limit of ${pointsPerMinute} points a minute spent; retry in ${wait} s`, 429, {
              'retry-after': String(wait),
            }),
          ],
        });
        return;
      }
      const bytes = Number(request.headers.get('content-length')) || request.url.length;
      admitted.set(request, { client, bytes, cost: 0 });
    },
    onResponse({ request }) {
      const entry = admitted.get(request);
      if (entry) buckets.spend(entry.client, pointsOf(entry.cost, entry.bytes));
    },
  };
  /** Records what an operation let in costs (src/server/limits/cost.ts). */
  const charge = (request: Request, cost: number) => {
    const entry = admitted.get(request);
    if (entry) entry.cost = cost;
  };
  return { plugin, charge };
}
