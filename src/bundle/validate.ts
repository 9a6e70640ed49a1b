import { createHash } from 'node:crypto';
import type { UnscSeat } from '../generated/prisma/enums';
import { codePoints, quotationProblem } from '../rules/quotation';
import { decisionProblems } from '../rules/unsc-charter';
import { type Bundle, bundleSchema } from './format';
import { BundleValidationError, type Problem, zodProblems } from './problems';
import type { World } from './world';

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Checks the shape of a parsed JSON document; throws BundleValidationError naming each bad element. */
export function parseBundle(json: unknown): Bundle {
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) throw new BundleValidationError(zodProblems(parsed.error));
  return parsed.data;
}

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
  firstIndex(bundle.unsc.drafts, 'unsc.drafts', (d) => d.key);
  firstIndex(bundle.unsc.drafts, 'unsc.drafts', (d) => d.symbol);
  firstIndex(bundle.unsc.drafts, 'unsc.drafts', (d) => d.decision?.resolution);
  firstIndex(bundle.unsc.memberships, 'unsc.memberships', (m) => m.year);
  firstIndex(bundle.sources, 'sources', (s) => s.url);

  const entityKeys = new Set([...world.entities.keys(), ...bundle.entities.map((e) => e.key)]);
  const needEntity = (path: string, key: string | undefined) => {
    if (key !== undefined && !entityKeys.has(key)) report(path, `unknown entity ${key}`);
  };
  const sourceTexts = new Map([...world.sources].map(([key, s]) => [key, s.text]));
  for (const s of bundle.sources) sourceTexts.set(s.key, s.text ?? world.sources.get(s.key)?.text ?? null);
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
    const stored = world.sources.get(s.key)?.text;
    if (s.text !== undefined && stored != null && stored !== s.text) {
      report(
        `sources[${i}].text`,
        `differs from the text stored for ${s.key}; a changed text is a new source derived from the old (REVISION_OF)`,
      );
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
    c.attributions.forEach((a, j) => {
      const path = `${at}.attributions[${j}]`;
      needEntity(`${path}.agent`, a.agent);
      needEntity(`${path}.onBehalfOf`, a.onBehalfOf);
      if (!sourceTexts.has(a.source)) {
        report(`${path}.source`, `unknown source ${a.source}`);
        return;
      }
      const problem = quotationProblem(a.source, points(a.source), a.quotation, a.span);
      if (problem) report(path, problem);
    });
    firstIndex(c.attributions, `${at}.attributions`, (a) => `${a.agent} in ${a.source} at ${a.span.join('-')}`);
    c.unscRecords.forEach((r, j) => {
      if (!draftKeys.has(r.draft)) report(`${at}.unscRecords[${j}].draft`, `unknown UNSC draft ${r.draft}`);
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

  bundle.unsc.drafts.forEach((d, i) => {
    const at = `unsc.drafts[${i}]`;
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
