import { z } from 'zod';
import { claimRecords, sourceRecords } from '../bundle/export';
import { type ImportReport, importBundle } from '../bundle/import';
import { BundleValidationError, zodProblems } from '../bundle/problems';
import { parseBundle, sha256Hex } from '../bundle/validate';
import { ConflictError, NotFoundError } from '../curation/errors';
import type { Tx } from '../db/write';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { DerivationKind, EntityKind, Modality, SourceKind } from '../generated/prisma/enums';
import { codePoints, textAtSpan } from '../rules/quotation';
import { type DraftProblem, DraftValidationError, TextRejectedError } from './errors';
import { databaseKnowledge } from './knowledge';
import { slug } from './mentions';
import type { Proposal } from './proposals';
import { proposeFor } from './propose';
import { claimOf, draftBundle, type HeldClaim } from './to-bundle';

/** The longest report accepted, in code points; checked before anything is parsed. */
export const MAX_TEXT_POINTS = 200_000;

/** Refuses what is not a report's text: nothing, binary content (NUL, control characters, undecodable bytes), or too much. */
function checkText(text: string): void {
  if (text.length > MAX_TEXT_POINTS * 2 || codePoints(text).length > MAX_TEXT_POINTS)
    throw new TextRejectedError('TOO_LARGE', `the text is longer than ${MAX_TEXT_POINTS} characters`);
  if (text.trim() === '') throw new TextRejectedError('EMPTY', 'the text is empty');
  if (binary(text))
    throw new TextRejectedError(
      'BINARY',
      'the text holds control characters or undecodable bytes: it is not a text report',
    );
}

/** Control characters other than tab, line and page breaks, or U+FFFD, which a decoder leaves for bytes that are not UTF-8. */
function binary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || c === 0x7f || c === 0xfffd) return true;
  }
  return false;
}

export type DraftSource = {
  title: string;
  publisher: string;
  kind?: SourceKind | null;
  url?: string | null;
  publishedAt?: Date | null;
  language?: string | null;
  key?: string | null;
};

const spanOf = (p: Proposal): [number, number] | null =>
  p.kind === 'ENTITY' ? (p.mentions[0]?.span ?? null) : p.kind === 'DERIVATION' ? p.cue.span : p.span;

/** Proposes from a report and keeps the draft apart from the knowledge base; returns the draft's id. */
export async function proposeDraft(
  prisma: PrismaClient,
  actor: string,
  input: { text: string; source: DraftSource },
): Promise<number> {
  checkText(input.text);
  const { source } = input;
  if (source.title.trim() === '') throw new TextRejectedError('EMPTY', 'the title is empty');
  const publisher = await prisma.entity.findUnique({
    where: { key: source.publisher },
    select: { id: true, mergedIntoId: true },
  });
  if (!publisher) throw new NotFoundError('entity', source.publisher);
  if (publisher.mergedIntoId !== null)
    throw new ConflictError(`${source.publisher} was merged into another entity; name the survivor`);
  // The same text is the same document: the draft is of the source that holds it, and adds to it.
  const holder = await prisma.source.findUnique({
    where: { textSha256: sha256Hex(input.text) },
    select: { key: true },
  });
  if (holder && source.key && source.key !== holder.key)
    throw new ConflictError(`the same text is already held by ${holder.key}`);
  if (!holder && source.key && (await prisma.source.findUnique({ where: { key: source.key }, select: { id: true } })))
    throw new ConflictError(`${source.key} exists already`);
  const sourceKey = holder?.key ?? source.key ?? (await freeSourceKey(prisma, `source:${slug(source.title)}`));
  const proposals = await proposeFor(input.text, databaseKnowledge(prisma), {
    publisher: source.publisher,
    title: source.title,
  });
  const draft = await prisma.draft.create({
    data: {
      sourceKey,
      sourceKind: source.kind ?? 'NEWS_ARTICLE',
      title: source.title.trim(),
      publisherId: publisher.id,
      url: source.url ?? null,
      publishedAt: source.publishedAt ?? null,
      language: source.language ?? 'en',
      text: input.text,
      createdBy: actor,
      proposals: {
        create: proposals.map((p) => {
          const span = spanOf(p);
          const json = p as unknown as Prisma.InputJsonObject;
          return {
            ref: p.ref,
            kind: p.kind,
            proposed: json,
            current: json,
            confidence: p.confidence,
            spanStart: span?.[0] ?? null,
            spanEnd: span?.[1] ?? null,
          };
        }),
      },
    },
    select: { id: true },
  });
  return draft.id;
}

async function freeSourceKey(prisma: PrismaClient, base: string): Promise<string> {
  const taken = new Set(
    (await prisma.source.findMany({ where: { key: { startsWith: base } }, select: { key: true } })).map((s) => s.key),
  );
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

/** Locks an open draft for a review or a commit; a committed draft is a ConflictError. */
async function openDraft(tx: Tx, id: number, expectedVersion?: number | null) {
  const rows = await tx.$queryRaw<
    { status: string; version: number }[]
  >`SELECT status::text, version FROM draft WHERE id = ${id} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new NotFoundError('draft', String(id));
  if (row.status !== 'OPEN') throw new ConflictError(`draft ${id} was committed already`);
  if (expectedVersion != null && expectedVersion !== row.version)
    throw new ConflictError(
      `draft ${id} is at version ${row.version}, not ${expectedVersion}: someone reviewed it since; reload`,
    );
  return row;
}

const entityKey = z.string().regex(/^entity:[a-z0-9][a-z0-9._-]*$/, 'must look like entity:some-name');
const sourceKeyField = z.string().regex(/^source:[a-z0-9][a-z0-9._-]*$/, 'must look like source:some-name');
const decimal = z.string().regex(/^-?\d{1,24}(\.\d{1,6})?$/, 'must be a decimal string such as "10000"');
const text = z.string().trim().min(1, 'must not be empty');
const claimKey = z.string().regex(/^claim:[a-z0-9][a-z0-9._-]*$/, 'must look like claim:some-name');

/** What an analyst may change in each kind of proposal. */
const EDITS = {
  ENTITY: z
    .strictObject({ entity: entityKey, existing: z.boolean(), name: text, entityKind: z.enum(EntityKind) })
    .partial(),
  STATEMENT: z
    .strictObject({
      span: z.tuple([z.number().int().min(0), z.number().int().min(1)]),
      agent: entityKey,
      onBehalfOf: entityKey.nullable(),
      ownWords: z.boolean(),
      modality: z.enum(Modality),
      claim: claimKey,
      linkedClaim: claimKey.nullable(),
      subject: entityKey,
      predicate: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower snake case'),
      statement: text,
    })
    .partial(),
  QUANTITY: z
    .strictObject({
      amount: decimal,
      unit: text.nullable(),
      approximate: z.boolean(),
      lowerBound: decimal.nullable(),
      upperBound: decimal.nullable(),
      statement: z.string().nullable(),
    })
    .partial(),
  DERIVATION: z
    .strictObject({
      origin: sourceKeyField,
      existing: z.boolean(),
      how: z.enum(DerivationKind),
      sourceKind: z.enum(SourceKind),
      title: text,
      publisher: entityKey.nullable(),
    })
    .partial(),
} as const;
export type ProposalEdit = Record<string, unknown>;

/** Accepts or rejects a proposal, or edits it (an edited proposal is accepted); the draft's version moves on. */
export async function reviewProposal(
  prisma: PrismaClient,
  actor: string,
  id: number,
  change: { decision: 'ACCEPTED' | 'REJECTED' } | { edit: ProposalEdit },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const proposal = await tx.draftProposal.findUnique({
      where: { id },
      include: { draft: { select: { text: true } } },
    });
    if (!proposal) throw new NotFoundError('proposal', String(id));
    await openDraft(tx, proposal.draftId);
    let current = proposal.current as unknown as Proposal;
    if ('edit' in change) {
      const parsed = EDITS[proposal.kind].safeParse(change.edit);
      if (!parsed.success) throw new BundleValidationError(zodProblems(parsed.error));
      current = { ...current, ...parsed.data } as Proposal;
      if (current.kind === 'STATEMENT' && 'span' in parsed.data) {
        const points = codePoints(proposal.draft.text);
        const [start, end] = current.span;
        if (end <= start || end > points.length)
          throw new BundleValidationError([
            { path: 'span', message: `span ${start}-${end} is not inside the text (${points.length} characters)` },
          ]);
        current = { ...current, quotation: textAtSpan(points, start, end) };
      }
    }
    const span = spanOf(current);
    await tx.draftProposal.update({
      where: { id },
      data: {
        status: 'edit' in change ? 'ACCEPTED' : change.decision,
        current,
        spanStart: span?.[0] ?? null,
        spanEnd: span?.[1] ?? null,
        reviewedBy: actor,
        reviewedAt: new Date(),
      },
    });
    await tx.draft.update({ where: { id: proposal.draftId }, data: { version: { increment: 1 } } });
  });
}

/**
 * Commits the accepted part of a draft through the bundle's validation and importer, as one
 * transaction: the records it creates must be new (a draft never overwrites what the knowledge base
 * holds), each problem is named by its bundle path and the proposal it came from, and on any problem
 * nothing is written and the draft stays as it was. The change log records who committed, and a row
 * for the draft names who proposed and who reviewed each proposal.
 */
export async function commitDraft(
  prisma: PrismaClient,
  actor: string,
  id: number,
  expectedVersion?: number | null,
): Promise<ImportReport> {
  const draft = await prisma.draft.findUnique({
    where: { id },
    include: { publisher: { select: { key: true } }, proposals: { orderBy: { id: 'asc' } } },
  });
  if (!draft) throw new NotFoundError('draft', String(id));
  if (draft.status !== 'OPEN') throw new ConflictError(`draft ${id} was committed already`);
  const proposals = draft.proposals.map((p) => ({
    proposal: p.current as unknown as Proposal,
    accepted: p.status === 'ACCEPTED',
  }));
  const before = await heldRecords(prisma, draft, proposals);
  const { bundle, origin, held } = draftBundle({ ...draft, publisher: draft.publisher.key, proposals, held: before });
  const named = (problems: { path: string; message: string }[]): DraftProblem[] =>
    problems.map((p) => ({ proposal: origin(p.path), ...p }));
  try {
    const parsed = parseBundle(bundle);
    return await importBundle(prisma, parsed, {
      actor,
      curation: true,
      precheck: async (tx) => {
        await openDraft(tx, id, expectedVersion ?? draft.version);
        // The held records go back in as read: one changed since would be put back as it was.
        const now = await heldRecords(tx, draft, proposals);
        if (JSON.stringify([now.source, [...now.claims]]) !== JSON.stringify([before.source, [...before.claims]]))
          throw new ConflictError('a record this draft adds to changed while it was being committed; commit again');
        const problems = await existingRecords(tx, parsed, held);
        if (problems.length) throw new DraftValidationError(named(problems));
      },
      finish: async (tx) => {
        await tx.draft.update({
          where: { id },
          data: { status: 'COMMITTED', committedBy: actor, committedAt: new Date(), version: { increment: 1 } },
        });
        const reviews = draft.proposals
          .filter((p) => p.reviewedBy)
          .map((p) => ({
            proposal: p.ref,
            kind: p.kind,
            status: p.status,
            reviewedBy: p.reviewedBy,
            reviewedAt: p.reviewedAt,
          }));
        await tx.$executeRaw`
          INSERT INTO change_log (actor, operation, table_name, record_id, before, after)
          VALUES (${actor}, 'UPDATE', 'draft', ${String(id)},
                  ${JSON.stringify({ status: 'OPEN', source: draft.sourceKey, createdBy: draft.createdBy })}::jsonb,
                  ${JSON.stringify({ status: 'COMMITTED', source: draft.sourceKey, committedBy: actor, reviews })}::jsonb)`;
      },
    });
  } catch (error) {
    if (error instanceof BundleValidationError) throw new DraftValidationError(named(error.problems));
    throw error;
  }
}

/**
 * What the knowledge base holds of a draft's records: its source when the draft's text is that source's,
 * and the claims its accepted statements are linked to. A link to a claim that does not exist is a
 * DraftValidationError naming the statement.
 */
async function heldRecords(
  prisma: Pick<PrismaClient, 'claim' | 'source'>,
  draft: { sourceKey: string; text: string },
  proposals: { proposal: Proposal; accepted: boolean }[],
) {
  const [source] = await sourceRecords(prisma, { key: draft.sourceKey, textSha256: sha256Hex(draft.text) });
  const linked = proposals.flatMap(({ proposal: p, accepted }) =>
    accepted && p.kind === 'STATEMENT' && p.linkedClaim ? [p] : [],
  );
  const claims = new Map<string, HeldClaim>(
    (await claimRecords(prisma, { key: { in: linked.map(claimOf) } })).map((c) => [c.key, c]),
  );
  const missing = linked.filter((p) => !claims.has(claimOf(p)));
  if (missing.length)
    throw new DraftValidationError(
      missing.map((p) => ({
        proposal: p.ref,
        path: 'linkedClaim',
        message: `${p.linkedClaim} does not exist: unlink the statement to make its claim new`,
      })),
    );
  return { source: source ?? null, claims };
}

/** The records a draft creates that the knowledge base already holds: a commit adds, it never updates (`held` it adds to). */
async function existingRecords(tx: Tx, bundle: ReturnType<typeof parseBundle>, held: ReadonlySet<string>) {
  const problems: { path: string; message: string }[] = [];
  const taken = async (table: 'entity' | 'source' | 'claim', keys: string[]) =>
    new Set(
      keys.length
        ? (
            await tx.$queryRawUnsafe<{ key: string }[]>(`SELECT key FROM "${table}" WHERE key = ANY($1::text[])`, keys)
          ).map((r) => r.key)
        : [],
    );
  const entities = await taken(
    'entity',
    bundle.entities.map((e) => e.key),
  );
  bundle.entities.forEach((e, i) => {
    if (entities.has(e.key) && !held.has(e.key))
      problems.push({
        path: `entities[${i}].key`,
        message: `${e.key} exists already: link the existing entity or choose a new key`,
      });
  });
  const sources = await taken(
    'source',
    bundle.sources.map((s) => s.key),
  );
  bundle.sources.forEach((s, i) => {
    if (sources.has(s.key) && !held.has(s.key))
      problems.push({ path: `sources[${i}].key`, message: `${s.key} exists already` });
  });
  const claims = await taken(
    'claim',
    bundle.claims.map((c) => c.key),
  );
  bundle.claims.forEach((c, i) => {
    if (claims.has(c.key) && !held.has(c.key))
      problems.push({ path: `claims[${i}].key`, message: `${c.key} exists already: choose another claim key` });
  });
  return problems;
}

/** Deletes an open draft and its proposals: nothing of it is left, in the knowledge base or beside it. */
export async function rejectDraft(prisma: PrismaClient, id: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await openDraft(tx, id);
    await tx.draft.delete({ where: { id } });
  });
}
