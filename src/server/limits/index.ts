import type { Plugin } from 'graphql-yoga';
import type { Viewer } from '../../auth/api-keys';
import { useBodyLimit } from './body';
import { useCostLimit } from './cost';
import { useDocumentLimits } from './document';
import { useGate } from './gate';

export type LimitPolicy = {
  anonymousRead: boolean;
  /** Points each client may spend a minute (see gate.ts). */
  rateLimitPerMinute: number;
  maxBodyBytes: number;
};

/**
 * Every limit on what a request may ask, in the order they apply: its body's size (headers), its
 * client's key and points, its document's size and shape (parse and validation), and its cost (before
 * execution). Each refusal is one error with an `extensions.code`.
 */
export function useLimits(
  policy: LimitPolicy,
  viewerOf: (request: Request) => Promise<Viewer | null>,
  clientAddress: (serverContext: unknown) => string,
): Plugin[] {
  const gate = useGate({
    viewerOf,
    anonymousRead: policy.anonymousRead,
    pointsPerMinute: policy.rateLimitPerMinute,
    clientAddress,
  });
  return [useBodyLimit(policy.maxBodyBytes), gate.plugin, useDocumentLimits(), useCostLimit(gate.charge)];
}
