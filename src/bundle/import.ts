import { settleSearchIndexes } from '../analysis/search';
import { type Tx, WriteBusyError, writeAs } from '../db/write';
import { WRITE_LOCK } from '../db/write-lock';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { grouped } from '../grouped';
import { type CycleNode, DerivationCycleError, sourceCycle, statementCycle } from '../rules/derivation-cycles';
import { codePoints } from '../rules/quotation';
import { ownDocument, toldWording } from '../rules/wording';
import { withAgendaKeys } from './agendas';
import { bulkInsert, TABLES, type TableSpec } from './bulk-insert';
import type { Bundle, BundleAttribution, BundleClaim, BundleDraft, BundleEntity, BundleSource } from './format';
import { BundleValidationError } from './problems';
import { instant, namedIn, storedStatements } from './statement-slots';
import { bundleProblems, sha256Hex } from './validate';
import { loadWorld, type World } from './world';

export const RECORD_KINDS = [
  'entity',
  'alias',
  'identifier',
  'role',
  'source',
  'derivation',
  'membership',
  'meeting',
  'agenda',
  'agendaAlias',
  'draft',
  'sponsor',
  'concern',
  'vote',
  'claim',
  'disputedBy',
  'attribution',
  'statementDerivation',
  'claimUnscRecord',
] as const;
type RecordKind = (typeof RECORD_KINDS)[number];
type Counts = { created: number; updated: number; unchanged: number };
export type ImportReport = Record<RecordKind, Counts>;
export type Progress = { kind: RecordKind; done: number; total: number };

// Imports and curation writes serialise on WRITE_LOCK, so that concurrent imports or creates of the same
// records leave one copy each, and a version check cannot race the write it guards. An import also
// holds IMPORT_LOCK for its whole transaction. A curation write takes IMPORT_LOCK shared without
// waiting, so that while an import runs (or waits to) it fails at once with a WriteBusyError (HTTP 503
// WRITE_BUSY, retry later) instead of waiting behind it, and waits for other writes at most
// WRITE_LOCK_WAIT. Holding it shared until it commits, it makes an import wait for it.
const IMPORT_LOCK = 0x6b62696e; // "kbin"
const WRITE_LOCK_WAIT = '5s';

/** Takes the write lock for a curation write, or throws WriteBusyError while an import holds it. */
export async function lockWrites(tx: Tx) {
  const [lock] = await tx.$queryRaw<{ free: boolean }[]>`
    SELECT pg_try_advisory_xact_lock_shared(${IMPORT_LOCK}) AS free, set_config('lock_timeout', ${WRITE_LOCK_WAIT}, true)`;
  if (!lock?.free) throw new WriteBusyError('an import is running');
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`;
}

const lockForImport = (tx: Tx) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK}), pg_advisory_xact_lock(${WRITE_LOCK})`;
const BATCH = 5_000;
// An import that writes this many records settles the search indexes after it (see settleSearchIndexes).
const BULK = 1_000;

/**
 * Imports a parsed bundle in one transaction: validated against itself and the database first, then
 * created or updated by stable key, so that importing the same bundle again changes nothing.
 * Lists (aliases, identifiers, roles, derivations, attributions, votes) are merged: an import adds and
 * updates, and never deletes what the knowledge base already holds.
 */
export async function importBundle(
  prisma: PrismaClient,
  bundle: Bundle,
  options: {
    actor: string;
    /** Called after each batch; the import waits for a promise it returns. */
    onProgress?: (progress: Progress) => void | Promise<void>;
    /** Runs in the import's transaction, under its lock, before validation: a curation write's own preconditions. */
    precheck?: (tx: Tx) => Promise<void>;
    /** Runs in the import's transaction after the records are written: what a caller records with them. */
    finish?: (tx: Tx, report: ImportReport) => Promise<void>;
    /** A curation write (an API mutation) fails fast behind an import; an import waits for its turn. */
    curation?: boolean;
  },
): Promise<ImportReport> {
  const report = await writeAs(
    prisma,
    options.actor,
    async (tx) => {
      await (options.curation ? lockWrites(tx) : lockForImport(tx));
      await options.precheck?.(tx);
      const world = await loadWorld(tx, bundle);
      const keyed = withAgendaKeys(bundle, world.agendas);
      const problems = bundleProblems(keyed, world);
      if (problems.length) throw new BundleValidationError(problems);
      const written = await new BundleWriter(tx, world, options.onProgress).write(keyed);
      await refuseCycles(tx, keyed);
      await options.finish?.(tx, written);
      return written;
    },
    { timeout: 30 * 60_000 },
  );
  const written = Object.values(report).reduce((sum, c) => sum + c.created + c.updated, 0);
  if (written >= BULK) await settleSearchIndexes(prisma);
  return report;
}

/** Whether a bundle statement (or a reference to one, whose span may be left out) is `n`. */
const isStatement = (a: { agent: string; source: string; span?: readonly number[] }, n: CycleNode) =>
  a.agent === n.agent && a.source === n.source && (!a.span || a.span.join() === n.span?.join());

/** The cycle from the first of the bundle's derivations on it (`on`: from a node to the next), and its path. */
function fromBundle<S extends { path: string }>(
  cycle: CycleNode[],
  steps: S[],
  on: (step: S, from: CycleNode, to: CycleNode) => boolean,
): { cycle: CycleNode[]; path?: string } {
  for (let n = 0; n + 1 < cycle.length; n++) {
    const step = steps.find((s) => on(s, cycle[n]!, cycle[n + 1]!));
    if (step) return { path: step.path, cycle: [...cycle.slice(n, -1), ...cycle.slice(0, n), cycle[n]!] };
  }
  return { cycle };
}

/**
 * Refuses the import, in its transaction, when a derivation it records closes a cycle (with what is
 * stored), naming the cycle from the first of the bundle's derivations on it.
 */
async function refuseCycles(tx: Tx, bundle: Bundle) {
  const sources = await sourceCycle(
    tx,
    bundle.sources.filter((s) => s.derivedFrom.length).map((s) => s.key),
  );
  if (sources) {
    const steps = bundle.sources.flatMap((s, i) =>
      s.derivedFrom.map((d, j) => ({ s, d, path: `sources[${i}].derivedFrom[${j}]` })),
    );
    const found = fromBundle(sources, steps, ({ s, d }, from, to) => s.key === from.source && d.source === to.source);
    throw new DerivationCycleError('source', found.cycle, found.path ?? 'sources');
  }
  const statements = await statementCycle(
    tx,
    bundle.claims.filter((c) => c.attributions.some((a) => a.derivedFrom.length)).map((c) => c.key),
  );
  if (statements) {
    const i = bundle.claims.findIndex((c) => c.key === statements.claim);
    const steps = (bundle.claims[i]?.attributions ?? []).flatMap((a, j) =>
      a.derivedFrom.map((d, k) => ({ a, d, path: `claims[${i}].attributions[${j}].derivedFrom[${k}]` })),
    );
    const found = fromBundle(
      statements.cycle,
      steps,
      ({ a, d }, from, to) =>
        isStatement(a, from) && (d.statement ? isStatement(d.statement, to) : d.source === to.source),
    );
    throw new DerivationCycleError('statement', found.cycle, found.path ?? `claims[${i}]`);
  }
}

type RetractionColumns = { retractedAt?: Date | null; retractedBy?: string | null; retractionReason?: string | null };
/** A record's retraction as columns, none when it has none: absent, they are neither written nor compared. */
const retractionColumns = (r: { at: string; by: string; reason: string } | undefined): RetractionColumns =>
  r ? { retractedAt: new Date(r.at), retractedBy: r.by, retractionReason: r.reason } : {};
/** What of a row's retraction an update writes: a stored row keeps its own, and nothing un-retracts it. */
const newRetraction = (stored: RetractionColumns, row: RetractionColumns): RetractionColumns =>
  stored.retractedAt || !row.retractedAt
    ? {}
    : { retractedAt: row.retractedAt, retractedBy: row.retractedBy, retractionReason: row.retractionReason };

const emptyReport = (): ImportReport =>
  Object.fromEntries(RECORD_KINDS.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }])) as ImportReport;

const date = (value: string | undefined) => (value === undefined ? null : new Date(value));
const decimal = (value: string | undefined) => (value === undefined ? null : new Prisma.Decimal(value));

/** Equality as the database sees it: dates by instant, decimals by value, lists by their items, absent as null. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Prisma.Decimal.isDecimal(a) || Prisma.Decimal.isDecimal(b))
    return a != null && b != null && new Prisma.Decimal(a as string).equals(b as string);
  return (a ?? null) === (b ?? null);
}
const changedFields = <D extends object>(data: D, stored: Record<string, unknown>) =>
  (Object.keys(data) as (keyof D & string)[]).filter((k) => !same(data[k], stored[k]));

// Records an import creates have no stored children yet: only the children of earlier records are read.
const childrenOf = async <S>(earlier: number[], find: (ids: number[]) => Promise<S[]>): Promise<S[]> =>
  earlier.length ? find(earlier) : [];

/** Each row's stored row of the same identity. */
function byIdentity<R, S extends R>(rows: R[], stored: S[], identity: (row: R) => string): Map<R, S> {
  const byKey = new Map(stored.map((s) => [identity(s), s]));
  const pairs = new Map<R, S>();
  for (const row of rows) {
    const found = byKey.get(identity(row));
    if (found) pairs.set(row, found);
  }
  return pairs;
}

const batches = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / BATCH) }, (_, i) => items.slice(i * BATCH, (i + 1) * BATCH));

/** The Prisma model delegates of the keyed records, narrowed to what `syncKeyed` calls. */
type KeyedDelegate<D> = {
  findMany(args: {
    where: { key: { in: string[] } };
  }): Promise<({ id: number; key: string } & Record<string, unknown>)[]>;
  update(args: { where: { id: number }; data: D & { version: { increment: number } } }): Promise<unknown>;
};

class BundleWriter {
  private readonly report = emptyReport();
  private readonly entityIds: Map<string, number>;
  private readonly sourceIds: Map<string, number>;
  /** Each source's text: as stored, or as this import holds it. */
  private readonly texts: Map<string, string | null>;
  private readonly sourceOwners: Map<string, { publisher: string | null; author: string | null }>;
  private readonly draftIds: Map<string, number>;
  private readonly agendaIds: Map<string, number>;
  private readonly claimIds = new Map<string, number>();

  constructor(
    private readonly tx: Tx,
    world: World,
    private readonly onProgress?: (progress: Progress) => void | Promise<void>,
  ) {
    this.entityIds = new Map(world.entities);
    this.sourceIds = new Map([...world.sources].map(([key, s]) => [key, s.id]));
    this.texts = new Map([...world.sources].map(([key, s]) => [key, s.text]));
    this.sourceOwners = new Map(
      [...world.sources].map(([key, s]) => [key, { publisher: s.publisher, author: s.author }]),
    );
    this.draftIds = new Map(world.drafts);
    this.agendaIds = new Map(world.agendas.map((a) => [a.key, a.id]));
  }

  async write(bundle: Bundle): Promise<ImportReport> {
    await this.entities(bundle.entities);
    await this.sources(bundle.sources);
    await this.unsc(bundle.unsc);
    await this.claims(bundle.claims);
    return this.report;
  }

  private id(map: Map<string, number>, key: string): number {
    const id = map.get(key);
    if (id === undefined) throw new Error(`internal: ${key} was validated but has no id`);
    return id;
  }
  private entity(key: string): number {
    return this.id(this.entityIds, key);
  }
  private optionalEntity(key: string | undefined): number | null {
    return key === undefined ? null : this.entity(key);
  }

  private async progress(kind: RecordKind, total: number) {
    const c = this.report[kind];
    await this.onProgress?.({ kind, done: c.created + c.updated + c.unchanged, total });
  }

  /**
   * Creates or updates records by stable key; only changed records are written, with their version bumped.
   * Returns the ids of the records stored before this import: only they can have stored children.
   */
  private async syncKeyed<D extends object>(
    kind: RecordKind,
    table: TableSpec,
    delegate: KeyedDelegate<D>,
    items: { key: string; data: D }[],
    ids: Map<string, number>,
  ): Promise<number[]> {
    const earlier: number[] = [];
    for (const batch of batches(items)) {
      const stored = new Map(
        (await delegate.findMany({ where: { key: { in: batch.map((i) => i.key) } } })).map((r) => [r.key, r]),
      );
      const fresh = batch.filter((i) => !stored.has(i.key));
      for (const row of await bulkInsert<{ id: number; key: string }>(
        this.tx,
        table,
        fresh.map((i) => ({ key: i.key, ...i.data })),
        'id, key',
      )) {
        ids.set(row.key, row.id);
      }
      this.report[kind].created += fresh.length;
      for (const item of batch) {
        const row = stored.get(item.key);
        if (!row) continue;
        ids.set(item.key, row.id);
        earlier.push(row.id);
        if (changedFields(item.data, row).length === 0) this.report[kind].unchanged++;
        else {
          await delegate.update({ where: { id: row.id }, data: { ...item.data, version: { increment: 1 } } });
          this.report[kind].updated++;
        }
      }
      await this.progress(kind, items.length);
    }
    return earlier;
  }

  /**
   * Merges rows that have no key of their own: `identity` names a row (or `pair` finds each row's stored
   * one), `stored` lists the existing ones among `rows`' owners; new rows are created, rows whose other
   * fields changed are updated. Returns each row's stored one.
   */
  private async merge<R extends object, S extends R & { id?: number }>(
    kind: RecordKind,
    rows: R[],
    identity: ((row: R) => string) | { pair: (rows: R[], stored: S[]) => Map<R, S> },
    stored: S[],
    write: { create: (rows: R[]) => Promise<unknown>; update?: (stored: S, row: R) => Promise<unknown> },
  ): Promise<Map<R, S>> {
    const pairs = typeof identity === 'function' ? byIdentity(rows, stored, identity) : identity.pair(rows, stored);
    const fresh: R[] = [];
    for (const row of rows) {
      const existing = pairs.get(row);
      if (!existing) fresh.push(row);
      else if (write.update && changedFields(row, existing as Record<string, unknown>).length) {
        await write.update(existing, row);
        this.report[kind].updated++;
      } else this.report[kind].unchanged++;
    }
    for (const batch of batches(fresh)) await write.create(batch);
    this.report[kind].created += fresh.length;
    await this.progress(kind, rows.length);
    return pairs;
  }

  private async entities(entities: BundleEntity[]) {
    const tx = this.tx;
    const earlier = await this.syncKeyed(
      'entity',
      TABLES.entity,
      tx.entity,
      entities.map((e) => ({ key: e.key, data: { kind: e.kind, name: e.name, description: e.description ?? null } })),
      this.entityIds,
    );
    const aliases = entities.flatMap((e) =>
      e.aliases.map((a) => ({ entityId: this.entity(e.key), name: a.name, language: a.language })),
    );
    await this.merge(
      'alias',
      aliases,
      (a) => `${a.entityId}|${a.name}|${a.language}`,
      await childrenOf(earlier, (ids) => tx.entityAlias.findMany({ where: { entityId: { in: ids } } })),
      {
        create: (data) => bulkInsert(tx, TABLES.entityAlias, data),
      },
    );
    const identifiers = entities.flatMap((e) =>
      e.identifiers.map((i) => ({ entityId: this.entity(e.key), scheme: i.scheme, value: i.value })),
    );
    await this.merge(
      'identifier',
      identifiers,
      (i) => `${i.entityId}|${i.scheme}|${i.value}`,
      await childrenOf(earlier, (ids) => tx.entityIdentifier.findMany({ where: { entityId: { in: ids } } })),
      {
        create: (data) => bulkInsert(tx, TABLES.entityIdentifier, data),
      },
    );
    const roles = entities.flatMap((e) =>
      e.roles.map((r) => ({
        holderId: this.entity(e.key),
        organisationId: this.entity(r.organisation),
        title: r.title,
        relation: r.relation,
        independent: r.independent,
        validFrom: date(r.validFrom),
        validTo: date(r.validTo),
      })),
    );
    await this.merge(
      'role',
      roles,
      (r) => `${r.holderId}|${r.organisationId}|${r.title}`,
      await childrenOf(earlier, (ids) => tx.entityRole.findMany({ where: { holderId: { in: ids } } })),
      {
        create: (data) => bulkInsert(tx, TABLES.entityRole, data),
        update: (stored, row) =>
          tx.entityRole.update({
            where: { id: stored.id },
            data: {
              relation: row.relation,
              independent: row.independent,
              validFrom: row.validFrom,
              validTo: row.validTo,
            },
          }),
      },
    );
  }

  private async sources(sources: BundleSource[]) {
    const tx = this.tx;
    for (const s of sources) this.sourceOwners.set(s.key, { publisher: s.publisher ?? null, author: s.author ?? null });
    const earlier = await this.syncKeyed(
      'source',
      TABLES.source,
      tx.source,
      sources.map((s) => {
        // A text once held is never dropped by a bundle that omits it.
        const text = s.text ?? this.texts.get(s.key) ?? null;
        this.texts.set(s.key, text);
        return {
          key: s.key,
          data: {
            kind: s.kind,
            title: s.title,
            publisherId: this.optionalEntity(s.publisher),
            authorId: this.optionalEntity(s.author),
            url: s.url ?? null,
            publishedAt: date(s.publishedAt),
            retrievedAt: date(s.retrievedAt),
            language: s.language,
            text,
            textSha256: text === null ? null : sha256Hex(text),
            reliability: s.reliability?.grade ?? null,
            reliabilityGradedBy: s.reliability?.gradedBy ?? null,
            reliabilityGradedAt: date(s.reliability?.gradedAt),
            curatorFields: s.fieldOrigins.curator.toSorted(),
            documentFields: s.fieldOrigins.document.toSorted(),
          },
        };
      }),
      this.sourceIds,
    );
    const derivations = sources.flatMap((s) =>
      s.derivedFrom.map((d) => ({
        derivedId: this.id(this.sourceIds, s.key),
        originId: this.id(this.sourceIds, d.source),
        kind: d.kind,
        note: d.note ?? null,
        ...retractionColumns(d.retraction),
      })),
    );
    await this.merge(
      'derivation',
      derivations,
      (d) => `${d.derivedId}|${d.originId}|${d.kind}`,
      await childrenOf(earlier, (ids) => tx.sourceDerivation.findMany({ where: { derivedId: { in: ids } } })),
      {
        create: (data) => bulkInsert(tx, TABLES.sourceDerivation, data),
        update: (stored, row) =>
          tx.sourceDerivation.update({
            where: { id: stored.id },
            data: { note: row.note, ...newRetraction(stored, row) },
          }),
      },
    );
  }

  private async unsc(unsc: Bundle['unsc']) {
    const tx = this.tx;
    const memberships = unsc.memberships.flatMap((m) => [
      ...m.permanent.map((key) => ({ year: m.year, memberId: this.entity(key), seat: 'PERMANENT' as const })),
      ...m.elected.map((key) => ({ year: m.year, memberId: this.entity(key), seat: 'ELECTED' as const })),
    ]);
    await this.merge(
      'membership',
      memberships,
      (m) => `${m.year}|${m.memberId}`,
      await tx.unscMembership.findMany({ where: { year: { in: unsc.memberships.map((m) => m.year) } } }),
      { create: (data) => bulkInsert(tx, TABLES.unscMembership, data) },
    );

    const meetings = [
      ...new Map(
        unsc.drafts.flatMap((d) =>
          d.decision?.meeting
            ? [[d.decision.meeting, { recordSymbol: d.decision.meeting, date: new Date(d.decision.date) }] as const]
            : [],
        ),
      ).values(),
    ];
    const storedMeetings = await tx.unscMeeting.findMany({
      where: { recordSymbol: { in: meetings.map((m) => m.recordSymbol) } },
    });
    await this.merge('meeting', meetings, (m) => m.recordSymbol, storedMeetings, {
      create: (data) => bulkInsert(tx, TABLES.unscMeeting, data),
      update: (stored, row) => tx.unscMeeting.update({ where: { id: stored.id }, data: { date: row.date } }),
    });
    const meetingIds = new Map(
      (await tx.unscMeeting.findMany({ where: { recordSymbol: { in: meetings.map((m) => m.recordSymbol) } } })).map(
        (m) => [m.recordSymbol, m.id],
      ),
    );

    const storedAgendas = await this.syncKeyed(
      'agenda',
      TABLES.unscAgenda,
      tx.unscAgenda,
      unsc.agendas.map((a) => ({ key: a.key, data: { name: a.name } })),
      this.agendaIds,
    );
    await this.merge(
      'agendaAlias',
      unsc.agendas.flatMap((a) => a.aliases.map((name) => ({ agendaId: this.id(this.agendaIds, a.key), name }))),
      (a) => `${a.agendaId}|${a.name}`,
      await childrenOf(storedAgendas, (ids) => tx.unscAgendaAlias.findMany({ where: { agendaId: { in: ids } } })),
      { create: (data) => bulkInsert(tx, TABLES.unscAgendaAlias, data) },
    );

    const earlier = await this.syncKeyed(
      'draft',
      TABLES.unscDraft,
      tx.unscDraft,
      unsc.drafts.map((d: BundleDraft) => ({
        key: d.key,
        data: {
          symbol: d.symbol ?? null,
          title: d.title,
          agendaId: this.id(this.agendaIds, d.agenda),
          submittedAt: date(d.submittedAt),
          voteDate: date(d.decision?.date),
          meetingId: d.decision?.meeting ? meetingIds.get(d.decision.meeting)! : null,
          outcome: d.decision?.outcome ?? null,
          resolutionNumber: d.decision?.resolution ?? null,
        },
      })),
      this.draftIds,
    );
    const sponsors = unsc.drafts.flatMap((d) =>
      d.sponsors.map((s) => ({ draftId: this.id(this.draftIds, d.key), sponsorId: this.entity(s) })),
    );
    await this.merge(
      'sponsor',
      sponsors,
      (s) => `${s.draftId}|${s.sponsorId}`,
      await childrenOf(earlier, (ids) => tx.unscDraftSponsor.findMany({ where: { draftId: { in: ids } } })),
      {
        create: (data) => bulkInsert(tx, TABLES.unscDraftSponsor, data),
      },
    );
    const concerns = unsc.drafts.flatMap((d) =>
      d.concerns.map((e) => ({ draftId: this.id(this.draftIds, d.key), entityId: this.entity(e) })),
    );
    await this.merge(
      'concern',
      concerns,
      (c) => `${c.draftId}|${c.entityId}`,
      await childrenOf(earlier, (ids) => tx.unscDraftConcern.findMany({ where: { draftId: { in: ids } } })),
      {
        create: (data) => bulkInsert(tx, TABLES.unscDraftConcern, data),
      },
    );
    const votes = unsc.drafts.flatMap((d) =>
      (d.decision?.votes ?? []).map((v) => ({
        draftId: this.id(this.draftIds, d.key),
        memberId: this.entity(v.member),
        vote: v.vote,
      })),
    );
    await this.merge(
      'vote',
      votes,
      (v) => `${v.draftId}|${v.memberId}`,
      await childrenOf(earlier, (ids) => tx.unscVote.findMany({ where: { draftId: { in: ids } } })),
      {
        create: (data) => bulkInsert(tx, TABLES.unscVote, data),
        update: (stored, row) => tx.unscVote.update({ where: { id: stored.id }, data: { vote: row.vote } }),
      },
    );
  }

  private claimData(c: BundleClaim): Omit<Prisma.ClaimUncheckedCreateInput, 'key'> {
    const v = c.value;
    return {
      subjectId: this.entity(c.subject),
      predicate: c.predicate,
      statement: c.statement,
      valueKind: v.kind,
      valueEntityId: v.kind === 'ENTITY' ? this.entity(v.entity) : null,
      valueAmount: v.kind === 'QUANTITY' ? decimal(v.amount) : null,
      valueUnit: v.kind === 'QUANTITY' ? (v.unit ?? null) : null,
      valueApproximate: v.kind === 'QUANTITY' ? v.approximate : null,
      valueLowerBound: v.kind === 'QUANTITY' ? decimal(v.lowerBound) : null,
      valueUpperBound: v.kind === 'QUANTITY' ? decimal(v.upperBound) : null,
      valueTime: v.kind === 'TIME' ? new Date(v.time) : null,
      valueTimePrecision: v.kind === 'TIME' ? v.precision : null,
      valueText: v.kind === 'TEXT' ? v.text : null,
      placeId: this.optionalEntity(c.qualifiers.place),
      eventId: this.optionalEntity(c.event),
      pointInTime: date(c.qualifiers.pointInTime),
      periodStart: date(c.qualifiers.period?.start),
      periodEnd: date(c.qualifiers.period?.end),
      modality: c.modality,
      rank: c.rank,
      deprecationReason: c.deprecationReason ?? null,
      credibility: c.credibility ?? null,
    };
  }

  private async claims(claims: BundleClaim[]) {
    const tx = this.tx;
    const earlier = await this.syncKeyed(
      'claim',
      TABLES.claim,
      tx.claim,
      claims.map((c) => ({ key: c.key, data: this.claimData(c) })),
      this.claimIds,
    );
    const claimId = (c: BundleClaim) => this.id(this.claimIds, c.key);
    await this.merge(
      'disputedBy',
      claims.flatMap((c) => c.qualifiers.disputedBy.map((e) => ({ claimId: claimId(c), entityId: this.entity(e) }))),
      (d) => `${d.claimId}|${d.entityId}`,
      await childrenOf(earlier, (ids) => tx.claimDisputedBy.findMany({ where: { claimId: { in: ids } } })),
      { create: (data) => bulkInsert(tx, TABLES.claimDisputedBy, data) },
    );
    const points = new Map<string, string[] | null>();
    const pointsOf = (key: string) => {
      if (!points.has(key)) {
        const text = this.texts.get(key) ?? null;
        points.set(key, text === null ? null : codePoints(text));
      }
      return points.get(key)!;
    };
    // Each bundle statement's row.
    const rows = new Map(
      claims.flatMap((c) =>
        c.attributions.map((a) => [
          a,
          {
            claimId: claimId(c),
            agentId: this.entity(a.agent),
            onBehalfOfId: this.optionalEntity(a.onBehalfOf),
            sourceId: this.id(this.sourceIds, a.source),
            quotation: a.quotation ?? null,
            spanStart: a.span?.[0] ?? null,
            spanEnd: a.span?.[1] ?? null,
            stance: a.stance,
            wording:
              a.wording ??
              toldWording(pointsOf(a.source), a.span, ownDocument({ ...this.sourceOwners.get(a.source), ...a })),
            statedAt: date(a.statedAt),
            ...retractionColumns(a.retraction),
          },
        ]),
      ),
    );
    type Row = {
      claimId: number;
      agentId: number;
      sourceId: number;
      spanStart: number | null;
      spanEnd: number | null;
      retractedAt?: Date | null;
    };
    const slot = (a: Row) => `${a.claimId}|${a.agentId}|${a.sourceId}|${a.spanStart ?? ''}|${a.spanEnd ?? ''}`;
    // A slot's new statements differ in their retraction instant (validated).
    const identity = (a: Row) => `${slot(a)}|${a.retractedAt?.getTime() ?? ''}`;
    const storedAttributions = await childrenOf(earlier, (ids) =>
      tx.attribution.findMany({ where: { claimId: { in: ids } }, omit: { createdAt: true } }),
    );
    const statementIds = new Map<Row, number>();
    const pairs = await this.merge(
      'attribution',
      [...rows.values()],
      { pair: (bundle, stored) => storedStatements(bundle, stored, slot) },
      storedAttributions,
      {
        create: async (data) => {
          const created = await bulkInsert<Row & { id: number }>(
            tx,
            TABLES.attribution,
            data,
            'id, claim_id AS "claimId", agent_id AS "agentId", source_id AS "sourceId", span_start AS "spanStart", span_end AS "spanEnd", retracted_at AS "retractedAt"',
          );
          const createdIds = new Map(created.map((a) => [identity(a), a.id]));
          for (const row of data) statementIds.set(row, createdIds.get(identity(row))!);
        },
        update: (stored, row) =>
          tx.attribution.update({
            where: { id: stored.id },
            data: {
              onBehalfOfId: row.onBehalfOfId,
              stance: row.stance,
              wording: row.wording,
              statedAt: row.statedAt,
              ...newRetraction(stored, row),
            },
          }),
      },
    );
    for (const [row, stored] of pairs) statementIds.set(row, stored.id);
    // Every statement of these claims as references name it, for the derivations: the bundle's, and the stored.
    const asNamed = (a: Row & { id: number }) => ({
      agent: a.agentId,
      source: a.sourceId,
      span: a.spanStart === null || a.spanEnd === null ? null : [a.spanStart, a.spanEnd],
      retractedAt: a.retractedAt?.getTime() ?? null,
      id: a.id,
    });
    const storedOf = grouped(storedAttributions, (a) => a.claimId);
    const statementId = (a: BundleAttribution) => statementIds.get(rows.get(a)!)!;
    const bundleOf = new Map(
      claims.map((c) => [c, c.attributions.map((a) => asNamed({ ...rows.get(a)!, id: statementId(a) }))]),
    );
    const originId = (c: BundleClaim, ref: NonNullable<BundleAttribution['derivedFrom'][number]['statement']>) => {
      const found = namedIn(bundleOf.get(c)!, (storedOf.get(claimId(c)) ?? []).map(asNamed), {
        agent: this.entity(ref.agent),
        source: this.id(this.sourceIds, ref.source),
        span: ref.span,
        retractedAt: instant(ref.retractedAt),
      });
      if (found.length !== 1)
        throw new Error(`internal: a statement reference of ${c.key} was validated but names ${found.length}`);
      return found[0]!.id;
    };
    const derivations = claims.flatMap((c) =>
      c.attributions.flatMap((a) =>
        a.derivedFrom.map((d) => ({
          claimId: claimId(c),
          attributionId: statementId(a),
          originAttributionId: d.statement ? originId(c, d.statement) : null,
          originSourceId: d.source === undefined ? null : this.id(this.sourceIds, d.source),
          kind: d.kind,
          note: d.note ?? null,
          ...retractionColumns(d.retraction),
        })),
      ),
    );
    await this.merge(
      'statementDerivation',
      derivations,
      (d) => `${d.attributionId}|${d.originAttributionId ?? ''}|${d.originSourceId ?? ''}|${d.kind}`,
      await childrenOf(earlier, (ids) => tx.statementDerivation.findMany({ where: { claimId: { in: ids } } })),
      {
        create: (data) => bulkInsert(tx, TABLES.statementDerivation, data),
        update: (stored, row) =>
          tx.statementDerivation.update({
            where: { id: stored.id },
            data: { note: row.note, ...newRetraction(stored, row) },
          }),
      },
    );
    const links = claims.flatMap((c) =>
      c.unscRecords.map((r) => ({
        claimId: this.id(this.claimIds, c.key),
        draftId: this.id(this.draftIds, r.draft),
        support: r.support,
        note: r.note ?? null,
      })),
    );
    await this.merge(
      'claimUnscRecord',
      links,
      (l) => `${l.claimId}|${l.draftId}`,
      await childrenOf(earlier, (ids) => tx.claimUnscRecord.findMany({ where: { claimId: { in: ids } } })),
      {
        create: (data) => bulkInsert(tx, TABLES.claimUnscRecord, data),
        update: (stored, row) =>
          tx.claimUnscRecord.update({
            where: { claimId_draftId: { claimId: stored.claimId, draftId: stored.draftId } },
            data: { support: row.support, note: row.note },
          }),
      },
    );
  }
}
