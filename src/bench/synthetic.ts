import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { connectDatabase } from '../db/client';
import type { UnscVoteCast } from '../generated/prisma/enums';
import { createLogger } from '../logger';
import { buildOriginCounts, owedOriginCounts } from '../provenance/stored-origin-counts';
import { charterOutcome } from '../rules/unsc-charter';

// A synthetic knowledge base of a chosen size, the same for the same seed: entities, sources with
// text and derivation chains of up to 12 sources, claims with quotations at real spans whose
// statements repeat earlier ones (the first claim along a chain of 12 statements, 11 hops), and UNSC
// years, drafts and votes that keep the Charter rule. Subjects, speakers and publishers are skewed
// as in the news (skewedEntity); everything else is uniform.

export type Scale = { claims: number; entities: number; sources: number; drafts: number };
export const scaleFor = (claims: number): Scale => ({
  claims,
  entities: Math.max(250, Math.round(claims / 20)),
  sources: Math.max(50, Math.round(claims / 5)),
  drafts: Math.max(30, Math.round(claims / 1000)),
});

/** mulberry32: a small, fast, seedable PRNG, so every run builds the same knowledge base. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}

const WORDS = (
  'troops deployment border missile sanctions council briefing ministry statement envoy report officials ' +
  'artillery shells supplies alliance technology nuclear program talks visit incentives frontline region forces ' +
  'security threat humanitarian aid arms policy conflict escalation intelligence satellite launch vote draft ' +
  'resolution panel experts mandate veto abstention delegation summit treaty ceasefire convoy exercise drill ' +
  'cooperation agreement exports imports shipment rail port airfield garrison battalion brigade division'
).split(' ');
const PREDICATES = [
  'troops_deployed',
  'supplied_materiel_to',
  'met_with',
  'may_threaten',
  'blocked_action_on',
  'policy',
  'visited',
];
const AGENDAS = ['Non-proliferation', 'Middle East', 'Threats to peace'];
const KINDS = ['PERSON', 'ORGANISATION', 'STATE', 'LOCATION', 'GROUP'] as const;

// Names that occur rarely (one word in fifty), so that a search for one is as selective as real searches
// are. There are more of them the more there is written, as in the news (2,000 up to 10k claims, one
// per 5 claims above), so a search for one finds about as many records at every scale and the p99
// across scales compares like answers: with 2,000 at every scale the probe's hits grew from 3 to 95.
const rareWord = (i: number) => `kb${i.toString(36)}x`;
const rareWords = (scale: Scale) => Math.max(2000, Math.round(scale.claims / 5));
const words = (r: ReturnType<typeof random>, rare: number) => (n: number) =>
  Array.from({ length: n }, () => (r.next() < 0.02 ? rareWord(r.int(rare)) : r.pick(WORDS))).join(' ');

/**
 * An entity id from 1 to n, low ids far more often: P(id <= k) = log(k + 1) / log(n + 1), close to
 * Zipf's law. News is mostly about a few states and people and told by a few agencies: entity 1 is
 * the subject of 8% of the claims at 100k claims. With uniform ids no entity is busy, and what a
 * busy one costs (paging its claims, its statements) would go unmeasured.
 */
const skewedEntity = (r: ReturnType<typeof random>, n: number) => Math.min(n, Math.floor((n + 1) ** r.next()));

type Tables = Record<string, { columns: string[]; rows: (string | number | null)[][] }>;

export function generate(
  scale: Scale,
  seed = 20261126,
): { tables: Tables; chainHead: string; probeClaim: string; pair: [string, string]; searchTerms: string } {
  const r = random(seed);
  const sentence = words(r, rareWords(scale));
  const t: Tables = {
    entity: { columns: ['id', 'key', 'kind', 'name'], rows: [] },
    entity_alias: { columns: ['entity_id', 'name', 'language'], rows: [] },
    source: {
      columns: [
        'id',
        'key',
        'kind',
        'title',
        'publisher_id',
        'language',
        'text',
        'text_sha256',
        'reliability',
        'reliability_graded_by',
        'reliability_graded_at',
      ],
      rows: [],
    },
    source_derivation: { columns: ['derived_id', 'origin_id', 'kind'], rows: [] },
    claim: {
      columns: [
        'id',
        'key',
        'subject_id',
        'predicate',
        'statement',
        'value_kind',
        'value_entity_id',
        'modality',
        'credibility',
      ],
      rows: [],
    },
    attribution: {
      columns: ['id', 'claim_id', 'agent_id', 'source_id', 'quotation', 'span_start', 'span_end', 'stance', 'wording'],
      rows: [],
    },
    statement_derivation: {
      columns: ['claim_id', 'attribution_id', 'origin_attribution_id', 'origin_source_id', 'kind'],
      rows: [],
    },
    unsc_membership: { columns: ['year', 'member_id', 'seat'], rows: [] },
    unsc_agenda: { columns: ['id', 'key', 'name'], rows: [] },
    unsc_draft: { columns: ['id', 'key', 'title', 'agenda_id', 'vote_date', 'outcome', 'resolution_number'], rows: [] },
    unsc_vote: { columns: ['draft_id', 'member_id', 'vote'], rows: [] },
  };
  const states = Math.max(40, Math.round(scale.entities / 10));
  for (let id = 1; id <= scale.entities; id++) {
    const kind = id <= states ? 'STATE' : r.pick(KINDS);
    t.entity!.rows.push([id, `entity:e${id}`, kind, `${sentence(2)} ${id}`]);
    if (id % 3 === 0) t.entity_alias!.rows.push([id, `${r.pick(WORDS)} ${id}`, 'en']);
  }
  const texts: string[] = [];
  const publishers: number[] = [];
  for (let id = 1; id <= scale.sources; id++) {
    const text = sentence(40 + r.int(40)) + '.';
    texts.push(text);
    const sha = createHash('sha256').update(text).digest('hex');
    publishers.push(skewedEntity(r, scale.entities));
    t.source!.rows.push([
      id,
      `source:s${id}`,
      r.pick(['NEWS_ARTICLE', 'WIRE_REPORT', 'PRESS_BRIEFING', 'GOVERNMENT_STATEMENT']),
      sentence(6),
      publishers[id - 1]!,
      'en',
      text,
      sha,
      r.pick(['A', 'B', 'C', 'D', 'F']),
      'bench',
      '2026-01-01T00:00:00Z',
    ]);
  }
  // Derivation chains: each source derives from the next one in its chain; the first chain is 12 long.
  const nextInChain = new Map<number, number>();
  for (let start = 1, first = true; start <= scale.sources; first = false) {
    const length = first ? 12 : 1 + r.int(12);
    for (let i = start; i < Math.min(start + length - 1, scale.sources); i++) {
      t.source_derivation!.rows.push([i, i + 1, r.pick(['QUOTES', 'CITES', 'SUMMARISES'])]);
      nextInChain.set(i, i + 1);
    }
    start += length;
  }
  let attributionId = 0;
  const statement = (claimId: number, sourceId: number, stance: string) => {
    const text = texts[sourceId - 1]!;
    const start = r.int(text.length - 30);
    const end = start + 10 + r.int(20);
    const agent = skewedEntity(r, scale.entities);
    const wording = agent === publishers[sourceId - 1] ? 'OWN_WORDS' : 'REPORTED';
    t.attribution!.rows.push([
      ++attributionId,
      claimId,
      agent,
      sourceId,
      text.slice(start, end),
      start,
      end,
      stance,
      wording,
    ]);
    return attributionId;
  };
  const repeats = (claimId: number, derived: number, origin: number | null, originSource: number | null) =>
    t.statement_derivation!.rows.push([
      claimId,
      derived,
      origin,
      originSource,
      r.pick(['QUOTES', 'PARAPHRASES', 'CITES']),
    ]);
  for (let id = 1; id <= scale.claims; id++) {
    t.claim!.rows.push([
      id,
      `claim:c${id}`,
      skewedEntity(r, scale.entities),
      r.pick(PREDICATES),
      sentence(12),
      'ENTITY',
      1 + r.int(scale.entities),
      r.pick(['ASSERTED', 'ASSERTED', 'HEDGED', 'NOT_CONFIRMED']),
      r.next() < 0.5 ? 1 + r.int(6) : null,
    ]);
    if (id === 1) {
      // The chain head: its statements in the first source chain, each repeating the next one's.
      const chain = Array.from({ length: 12 }, (_, i) => statement(id, i + 1, 'SUPPORTS'));
      chain.slice(0, -1).forEach((derived, i) => repeats(id, derived, chain[i + 1]!, null));
      continue;
    }
    // A fifth of the claims have a second statement, which the first repeats half the time; a
    // statement in a source derived from another repeats that source as a whole a third of the time.
    const stance = r.next() < 0.9 ? 'SUPPORTS' : 'REFUTES';
    const sourceId = 1 + r.int(scale.sources);
    const first = statement(id, sourceId, stance);
    if (r.next() < 0.2) {
      const second = statement(id, 1 + r.int(scale.sources), stance);
      if (r.next() < 0.5) repeats(id, first, second, null);
    } else if (nextInChain.has(sourceId) && r.next() < 0.3) repeats(id, first, null, nextInChain.get(sourceId)!);
  }
  const years = Math.max(2, Math.ceil(scale.drafts / 12));
  const permanent = [1, 2, 3, 4, 5];
  const membersOf = new Map<number, Map<string, 'PERMANENT' | 'ELECTED'>>();
  for (let y = 0; y < years; y++) {
    const year = 1946 + y;
    const elected = new Set<number>();
    while (elected.size < 10) elected.add(6 + r.int(states - 5));
    const members = new Map<string, 'PERMANENT' | 'ELECTED'>([
      ...permanent.map((m) => [String(m), 'PERMANENT'] as const),
      ...[...elected].map((m) => [String(m), 'ELECTED'] as const),
    ]);
    membersOf.set(year, members);
    for (const [member, seat] of members) t.unsc_membership!.rows.push([year, Number(member), seat]);
  }
  AGENDAS.forEach((name, i) => t.unsc_agenda!.rows.push([i + 1, `agenda:a${i + 1}`, name]));
  let resolution = 0;
  for (let id = 1; id <= scale.drafts; id++) {
    const year = 1946 + ((id - 1) % years);
    const members = membersOf.get(year)!;
    const votes = [...members.keys()].map((member) => {
      const vote: UnscVoteCast = r.next() < 0.85 ? 'Y' : r.pick(['N', 'A', 'A', 'X'] as const);
      return { member, vote };
    });
    const outcome = charterOutcome(votes, members);
    t.unsc_draft!.rows.push([
      id,
      `unsc:d${id}`,
      sentence(5),
      1 + r.int(AGENDAS.length),
      `${year}-06-${String(1 + (id % 28)).padStart(2, '0')}`,
      outcome,
      outcome === 'ADOPTED' ? ++resolution : null,
    ]);
    for (const v of votes) t.unsc_vote!.rows.push([id, Number(v.member), v.vote]);
  }
  return {
    tables: t,
    chainHead: 'claim:c1',
    probeClaim: `claim:c${1 + Math.floor(scale.claims / 2)}`,
    pair: ['entity:e1', 'entity:e2'],
    searchTerms: `${rareWord(42)} troops`,
  };
}

const copyValue = (v: string | number | null) =>
  v === null
    ? '\\N'
    : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

/**
 * Loads the tables with COPY; integrity and audit triggers are off for the load (the data is generated
 * valid). The stored origin counts, which the write path keeps, are built after it.
 */
export async function load(databaseUrl: string, tables: Tables): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  let rows = 0;
  try {
    await client.query("SET session_replication_role = 'replica'");
    for (const [table, { columns, rows: data }] of Object.entries(tables)) {
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      await pipeline(
        Readable.from(
          (function* () {
            for (const row of data) yield row.map(copyValue).join('\t') + '\n';
          })(),
        ),
        stream,
      );
      rows += data.length;
    }
    for (const table of [
      'entity',
      'source',
      'claim',
      'unsc_agenda',
      'unsc_draft',
      'entity_alias',
      'source_derivation',
      'attribution',
      'statement_derivation',
      'unsc_membership',
      'unsc_vote',
    ]) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 1))`,
      );
    }
    // As a settled database is: statistics, visibility map, and the GIN pending lists merged.
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
  const db = connectDatabase(databaseUrl);
  try {
    await owedOriginCounts(db.prisma);
    await buildOriginCounts(db.prisma, createLogger('silent'));
    await db.prisma.$executeRaw`VACUUM ANALYZE claim_origin_count`;
  } finally {
    await db.close();
  }
  return { rows, seconds: (performance.now() - started) / 1000 };
}
