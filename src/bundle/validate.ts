import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { UnscSeat } from '../generated/prisma/enums';
import { codePoints, quotationProblem } from '../rules/quotation';
import { decisionProblems } from '../rules/unsc-charter';
import { ownDocument, wordingProblem } from '../rules/wording';
import { agendaNameKey } from './agendas';
import {
  BUNDLE_SCHEMAS,
  BUNDLE_VERSION,
  type Bundle,
  type BundleAttribution,
  bundleSchema,
  upgradeV1,
  upgradeV2,
  upgradeV3,
  upgradeV4,
} from './format';
import { BundleValidationError, type Problem, zodProblems } from './problems';
import { bundleStatement, instant, namedIn, type Slotted } from './statement-slots';
import type { World } from './world';

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function parsed<S extends z.ZodType>(schema: S, json: unknown): z.output<S> {
  const result = schema.safeParse(json);
  if (!result.success) throw new BundleValidationError(zodProblems(result.error));
  return result.data;
}

/** Each version's reader: checked as that version, then upgraded to the next (paths stay the same). */
const READERS: Record<keyof typeof BUNDLE_SCHEMAS, (json: unknown) => Bundle> = {
  1: (json) => READERS[2](upgradeV1(parsed(BUNDLE_SCHEMAS[1], json))),
  2: (json) => READERS[3](upgradeV2(parsed(BUNDLE_SCHEMAS[2], json))),
  3: (json) => READERS[4](upgradeV3(parsed(BUNDLE_SCHEMAS[3], json))),
  4: (json) => READERS[5](upgradeV4(parsed(BUNDLE_SCHEMAS[4], json))),
  5: (json) => parsed(bundleSchema, json),
};

/** Checks the shape of a parsed JSON document; throws BundleValidationError naming each bad element. */
export function parseBundle(json: unknown): Bundle {
  const version = typeof json === 'object' && json !== null ? (json as { version?: unknown }).version : undefined;
  if (version === undefined) return parsed(bundleSchema, json);
  if (typeof version !== 'number' || !Object.hasOwn(READERS, version))
    throw new BundleValidationError([
      { path: 'version', message: `version ${JSON.stringify(version)} is not read: 1 to ${BUNDLE_VERSION}` },
    ]);
  return READERS[version as keyof typeof READERS](json);
}

/** How a statement is named in a bundle: by its agent, its source and, where it has one, its span. */
const statementName = (s: { agent: string; source: string; span?: readonly number[] | null }) =>
  `${s.agent} in ${s.source}${s.span ? ` at ${s.span.join('-')}` : ''}`;
/** How a reference names a statement: as statementName, and when it was retracted, where it says. */
const refName = (r: { agent: string; source: string; span?: readonly number[]; retractedAt?: string }) =>
  `${statementName(r)}${r.retractedAt ? ` retracted at ${new Date(r.retractedAt).toISOString()}` : ''}`;
/** What tells a claim's statements apart: the slot and, for a retracted one, when it was retracted. */
const statementIdentity = (a: BundleAttribution) => refName({ ...a, retractedAt: a.retraction?.at });

/** Every rule a bundle must keep against itself and the database (`world`): references, uniqueness, quotations, UNSC votes. */
export function bundleProblems(bundle: Bundle, world: World): Problem[] {
  const problems: Problem[] = [];
  const report = (path: string, message: string): void => {
    problems.push({ path, message });
  };

  const firstIndex = <T>(items: T[], label: string, id: (item: T) => string | number | undefined) => {
    const seen = new Map<string | number, number>();
    items.forEach((item, i) => {
      const value = id(item);
      if (value === undefined) return;
      if (seen.has(value))
        report(`${label}[${i}]`, `duplicate ${String(value)} (first at ${label}[${seen.get(value)}])`);
      else seen.set(value, i);
    });
  };
  firstIndex(bundle.entities, 'entities', (e) => e.key);
  firstIndex(bundle.sources, 'sources', (s) => s.key);
  firstIndex(bundle.claims, 'claims', (c) => c.key);
  firstIndex(bundle.unsc.agendas, 'unsc.agendas', (a) => a.key);
  firstIndex(bundle.unsc.drafts, 'unsc.drafts', (d) => d.key);
  firstIndex(bundle.unsc.drafts, 'unsc.drafts', (d) => d.symbol);
  firstIndex(bundle.unsc.drafts, 'unsc.drafts', (d) => d.decision?.resolution);
  firstIndex(bundle.unsc.memberships, 'unsc.memberships', (m) => m.year);
  firstIndex(bundle.sources, 'sources', (s) => s.url);

  const entityKeys = new Set([...world.entities.keys(), ...bundle.entities.map((e) => e.key)]);
  const needEntity = (path: string, key: string | undefined) => {
    if (key !== undefined && !entityKeys.has(key)) report(path, `unknown entity ${key}`);
  };
  const entityKinds = new Map([...world.entityKinds, ...bundle.entities.map((e) => [e.key, e.kind] as const)]);
  const sourceTexts = new Map([...world.sources].map(([key, s]) => [key, s.text]));
  for (const s of bundle.sources) sourceTexts.set(s.key, s.text ?? world.sources.get(s.key)?.text ?? null);
  const sourceOwners = new Map(
    [...world.sources].map(([key, s]) => [key, { publisher: s.publisher, author: s.author }]),
  );
  for (const s of bundle.sources) sourceOwners.set(s.key, { publisher: s.publisher ?? null, author: s.author ?? null });
  const draftKeys = new Set([...world.drafts.keys(), ...bundle.unsc.drafts.map((d) => d.key)]);

  bundle.entities.forEach((e, i) => {
    firstIndex(e.aliases, `entities[${i}].aliases`, (a) => `${a.name}@${a.language}`);
    firstIndex(e.roles, `entities[${i}].roles`, (r) => `${r.title} in ${r.organisation}`);
    e.identifiers.forEach((id, j) => {
      const owner = world.identifierOwners.get(`${id.scheme}:${id.value}`);
      if (owner && owner !== e.key)
        report(`entities[${i}].identifiers[${j}]`, `${id.scheme} ${id.value} already identifies ${owner}`);
    });
    firstIndex(e.identifiers, `entities[${i}].identifiers`, (id) => `${id.scheme}:${id.value}`);
    e.roles.forEach((r, j) => {
      needEntity(`entities[${i}].roles[${j}].organisation`, r.organisation);
      if (r.organisation === e.key) report(`entities[${i}].roles[${j}]`, 'an entity cannot hold a role in itself');
      if (r.validFrom && r.validTo && r.validTo < r.validFrom)
        report(`entities[${i}].roles[${j}]`, `validTo ${r.validTo} is before validFrom ${r.validFrom}`);
    });
  });
  firstIndex(
    bundle.entities.flatMap((e) => e.identifiers.map((id) => ({ e, id }))),
    'identifiers',
    ({ id }) => `${id.scheme} ${id.value}`,
  );

  const hashes = new Map<string, string>();
  bundle.sources.forEach((s, i) => {
    needEntity(`sources[${i}].publisher`, s.publisher);
    needEntity(`sources[${i}].author`, s.author);
    const stored = world.sources.get(s.key);
    if (s.text !== undefined && stored?.text != null && stored.text !== s.text) {
      report(
        `sources[${i}].text`,
        `differs from the text stored for ${s.key}; a changed text is a new source derived from the old (REVISION_OF)`,
      );
    }
    if (s.text !== undefined && stored?.text === null && stored.unquoted) {
      report(
        `sources[${i}].text`,
        `${s.key} carries statements without quotations, recorded while its text was not held; a text for it is a new source (REVISION_OF)`,
      );
    }
    const given = {
      KIND: s.kind,
      TITLE: s.title,
      PUBLISHER: s.publisher,
      AUTHOR: s.author,
      URL: s.url,
      PUBLISHED_AT: s.publishedAt,
      LANGUAGE: s.language,
    };
    for (const side of ['curator', 'document'] as const) {
      s.fieldOrigins[side].forEach((field, j) => {
        if (given[field] === undefined)
          report(`sources[${i}].fieldOrigins.${side}[${j}]`, `${field} is listed but ${s.key} has none`);
        if (side === 'curator' && s.fieldOrigins.document.includes(field))
          report(
            `sources[${i}].fieldOrigins.curator[${j}]`,
            `${field} is listed as both the curator's and the document's`,
          );
      });
      firstIndex(s.fieldOrigins[side], `sources[${i}].fieldOrigins.${side}`, (f) => f);
    }
    if (s.text !== undefined) {
      const hash = sha256Hex(s.text);
      if (s.textSha256 && s.textSha256 !== hash)
        report(`sources[${i}].textSha256`, `is not the SHA-256 of the text (${hash})`);
      const owner = world.textHashOwners.get(hash) ?? hashes.get(hash);
      if (owner && owner !== s.key) report(`sources[${i}].text`, `the same text is already held by ${owner}`);
      hashes.set(hash, s.key);
    } else if (s.textSha256) {
      report(`sources[${i}].textSha256`, 'is given without the text it hashes');
    }
    const urlOwner = s.url && world.urlOwners.get(s.url);
    if (urlOwner && urlOwner !== s.key) report(`sources[${i}].url`, `${s.url} is already the URL of ${urlOwner}`);
    if (s.publishedAt && s.retrievedAt && s.retrievedAt < s.publishedAt)
      report(`sources[${i}].retrievedAt`, 'is before publishedAt');
    s.derivedFrom.forEach((d, j) => {
      if (!sourceTexts.has(d.source)) report(`sources[${i}].derivedFrom[${j}].source`, `unknown source ${d.source}`);
      if (d.source === s.key) report(`sources[${i}].derivedFrom[${j}]`, 'a source cannot be derived from itself');
    });
    firstIndex(s.derivedFrom, `sources[${i}].derivedFrom`, (d) => `${d.kind} ${d.source}`);
  });

  const pointsOf = new Map<string, string[] | null>();
  const points = (key: string) => {
    if (!pointsOf.has(key)) {
      const text = sourceTexts.get(key);
      pointsOf.set(key, text == null ? null : codePoints(text));
    }
    return pointsOf.get(key)!;
  };
  bundle.claims.forEach((c, i) => {
    const at = `claims[${i}]`;
    needEntity(`${at}.subject`, c.subject);
    needEntity(`${at}.qualifiers.place`, c.qualifiers.place);
    needEntity(`${at}.event`, c.event);
    const eventKind = c.event && entityKinds.get(c.event);
    if (eventKind && eventKind !== 'EVENT') report(`${at}.event`, `${c.event} is a ${eventKind}, not an EVENT`);
    c.qualifiers.disputedBy.forEach((e, j) => needEntity(`${at}.qualifiers.disputedBy[${j}]`, e));
    firstIndex(c.qualifiers.disputedBy, `${at}.qualifiers.disputedBy`, (e) => e);
    if (c.qualifiers.disputedBy.length && c.modality !== 'DENIED' && c.modality !== 'NOT_CONFIRMED')
      report(
        `${at}.qualifiers.disputedBy`,
        `only a DENIED or NOT_CONFIRMED claim names who disputes it (this one is ${c.modality})`,
      );
    if (c.value.kind === 'ENTITY') needEntity(`${at}.value.entity`, c.value.entity);
    if (c.value.kind === 'QUANTITY') {
      const amount = Number(c.value.amount);
      if (c.value.lowerBound !== undefined && Number(c.value.lowerBound) > amount)
        report(`${at}.value.lowerBound`, 'is above the amount');
      if (c.value.upperBound !== undefined && Number(c.value.upperBound) < amount)
        report(`${at}.value.upperBound`, 'is below the amount');
    }
    const period = c.qualifiers.period;
    if (period?.start && period.end && Date.parse(period.end) < Date.parse(period.start))
      report(`${at}.qualifiers.period`, 'ends before it starts');
    if ((c.rank === 'DEPRECATED') !== (c.deprecationReason !== undefined)) {
      report(
        `${at}.deprecationReason`,
        c.rank === 'DEPRECATED'
          ? 'a deprecated claim needs its reason for deprecation'
          : 'only a deprecated claim has a reason for deprecation',
      );
    }
    const statements = { bundle: c.attributions.map(bundleStatement), stored: world.statements.get(c.key) ?? [] };
    c.attributions.forEach((a, j) => {
      const path = `${at}.attributions[${j}]`;
      needEntity(`${path}.agent`, a.agent);
      needEntity(`${path}.onBehalfOf`, a.onBehalfOf);
      if (!sourceTexts.has(a.source)) {
        report(`${path}.source`, `unknown source ${a.source}`);
        return;
      }
      statementProblems(
        a,
        points(a.source),
        { ...sourceOwners.get(a.source)!, ...a },
        { ...statements, self: statements.bundle[j]! },
        (sub, message) => report(`${path}${sub}`, message),
      );
      a.derivedFrom.forEach((d, k) => {
        if (d.source !== undefined && !sourceTexts.has(d.source))
          report(`${path}.derivedFrom[${k}].source`, `unknown source ${d.source}`);
      });
    });
    firstIndex(c.attributions, `${at}.attributions`, statementIdentity);
    c.unscRecords.forEach((r, j) => {
      if (!draftKeys.has(r.draft)) report(`${at}.unscRecords[${j}].draft`, `unknown UNSC draft ${r.draft}`);
      if (r.support === 'PARTLY_SUPPORTS' && r.note === undefined)
        report(
          `${at}.unscRecords[${j}].note`,
          'a record that partly supports a claim needs a note saying what it does not show',
        );
    });
    firstIndex(c.unscRecords, `${at}.unscRecords`, (r) => r.draft);
  });

  const membershipsByYear = new Map(world.membershipsByYear);
  bundle.unsc.memberships.forEach((m, i) => {
    const seats = new Map<string, UnscSeat>();
    for (const [list, seat] of [
      [m.permanent, 'PERMANENT'],
      [m.elected, 'ELECTED'],
    ] as const) {
      list.forEach((member, j) => {
        const path = `unsc.memberships[${i}].${seat === 'PERMANENT' ? 'permanent' : 'elected'}[${j}]`;
        needEntity(path, member);
        if (seats.has(member)) report(path, `${member} is listed twice for ${m.year}`);
        seats.set(member, seat);
      });
    }
    const stored = world.membershipsByYear.get(m.year);
    if (stored && [...stored].some(([member, seat]) => seats.get(member) !== seat)) {
      report(`unsc.memberships[${i}]`, `differs from the Council of ${m.year} already on record`);
    }
    if (m.permanent.length !== 5)
      report(`unsc.memberships[${i}].permanent`, `the Council has 5 permanent members, not ${m.permanent.length}`);
    if (m.elected.length !== 10)
      report(`unsc.memberships[${i}].elected`, `the Council has 10 elected members, not ${m.elected.length}`);
    membershipsByYear.set(m.year, seats);
  });

  // A name or alias names one agenda, so that an agenda argument means one thing.
  const agendaOfName = new Map<string, string>();
  for (const a of world.agendas)
    for (const name of [a.name, ...a.aliases]) agendaOfName.set(agendaNameKey(name), a.key);
  bundle.unsc.agendas.forEach((a, i) => {
    firstIndex(a.aliases, `unsc.agendas[${i}].aliases`, agendaNameKey);
    [a.name, ...a.aliases].forEach((name, j) => {
      const owner = agendaOfName.get(agendaNameKey(name));
      if (owner && owner !== a.key)
        report(`unsc.agendas[${i}]${j === 0 ? '.name' : `.aliases[${j - 1}]`}`, `"${name}" already names ${owner}`);
      else agendaOfName.set(agendaNameKey(name), a.key);
    });
  });
  const agendaKeys = new Set([...world.agendas, ...bundle.unsc.agendas].map((a) => a.key));

  bundle.unsc.drafts.forEach((d, i) => {
    const at = `unsc.drafts[${i}]`;
    if (!agendaKeys.has(d.agenda)) report(`${at}.agenda`, `unknown agenda ${d.agenda}`);
    d.sponsors.forEach((s, j) => needEntity(`${at}.sponsors[${j}]`, s));
    d.concerns.forEach((e, j) => needEntity(`${at}.concerns[${j}]`, e));
    firstIndex(d.concerns, `${at}.concerns`, (e) => e);
    firstIndex(d.sponsors, `${at}.sponsors`, (e) => e);
    const symbolOwner = d.symbol && world.symbolOwners.get(d.symbol);
    if (symbolOwner && symbolOwner !== d.key)
      report(`${at}.symbol`, `${d.symbol} is already the symbol of ${symbolOwner}`);
    const decision = d.decision;
    if (!decision) return;
    const resolutionOwner = decision.resolution && world.resolutionOwners.get(decision.resolution);
    if (resolutionOwner && resolutionOwner !== d.key)
      report(`${at}.decision.resolution`, `resolution ${decision.resolution} is already ${resolutionOwner}`);
    if (d.submittedAt && decision.date < d.submittedAt)
      report(`${at}.decision.date`, 'is before the draft was submitted');
    decision.votes.forEach((v, j) => needEntity(`${at}.decision.votes[${j}].member`, v.member));
    const year = Number(decision.date.slice(0, 4));
    const members = membershipsByYear.get(year);
    if (!members) {
      report(`${at}.decision`, `no Council membership on record for ${year}`);
      return;
    }
    for (const message of decisionProblems({
      year,
      members,
      votes: decision.votes,
      outcome: decision.outcome,
      resolution: decision.resolution,
      tally: decision.tally,
    })) {
      report(`${at}.decision`, message);
    }
  });
  return problems;
}

/**
 * The rules of one statement against its source and its claim's statements (the bundle's, `self` among
 * them, and the stored ones), reported at paths below the statement: its quotation rests on the source
 * text where that is held and is absent where not, its wording fits the text, and each earlier
 * statement it derives from is exactly one statement of the same claim, not itself.
 */
function statementProblems(
  a: BundleAttribution,
  points: string[] | null,
  speakers: { agent: string; onBehalfOf?: string; publisher: string | null; author: string | null },
  statements: { bundle: Slotted<string>[]; stored: Slotted<string>[]; self: Slotted<string> },
  report: (subPath: string, message: string) => void,
): void {
  if (a.quotation !== undefined && a.span !== undefined) {
    const problem = quotationProblem(a.source, points, a.quotation, a.span);
    if (problem) report('', problem);
  } else if (points !== null) {
    report('', `${a.source} holds its text: a statement in it needs its quotation and span`);
  }
  if (a.wording !== undefined) {
    const problem = wordingProblem(a.wording, a.source, points, a.span, ownDocument(speakers));
    if (problem) report('.wording', problem);
  }
  a.derivedFrom.forEach((d, k) => {
    const at = `.derivedFrom[${k}]`;
    if (d.kind === 'REVISION_OF') report(`${at}.kind`, 'REVISION_OF relates documents, not statements');
    if (d.source !== undefined && d.source === a.source)
      report(
        `${at}.source`,
        `a statement cannot derive from ${a.source}, the source it is in; name the statement there it repeats`,
      );
    const ref = d.statement;
    if (!ref) return;
    const matches = namedIn(statements.bundle, statements.stored, { ...ref, retractedAt: instant(ref.retractedAt) });
    const name = refName(ref);
    if (matches.length === 0) report(`${at}.statement`, `this claim has no statement of ${name}`);
    else if (matches.length > 1)
      report(
        `${at}.statement`,
        `this claim has ${matches.length} statements of ${name}: give the ${
          new Set(matches.map(statementName)).size > 1 ? 'span' : 'retractedAt'
        } of the one meant`,
      );
    else if (matches[0] === statements.self) report(`${at}.statement`, 'a statement cannot derive from itself');
  });
  const target = (d: BundleAttribution['derivedFrom'][number]) =>
    d.statement ? `statement ${refName(d.statement)}` : `source ${d.source}`;
  const seen = new Map<string, number>();
  a.derivedFrom.forEach((d, k) => {
    const id = `${d.kind} ${target(d)}`;
    if (seen.has(id)) report(`.derivedFrom[${k}]`, `duplicate ${id} (first at derivedFrom[${seen.get(id)}])`);
    else seen.set(id, k);
  });
}
