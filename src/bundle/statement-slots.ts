import type { Stance, Wording } from '../generated/prisma/enums';
import { grouped } from '../grouped';

// A statement's slot is its claim, agent, source and span. A slot holds at most one statement that is not
// retracted and any number that are (migration statement_slots): an analyst retracts a wrong statement and
// records its correction at the same span. So a bundle names a statement by its slot and, for a retracted
// one, the instant of its retraction. The rules here are shared by the validation and the import: which
// statement a reference names, and which stored statement a bundle statement is.

/** A statement as references name it: its agent and source, its span (null: none), when it was retracted (ms; null: not). */
export type Slotted<K> = { agent: K; source: K; span: readonly number[] | null; retractedAt: number | null };
/** A reference to a statement of the same claim; its span and retraction instant tell statements apart. */
export type SlotRef<K> = { agent: K; source: K; span?: readonly number[]; retractedAt?: number };

/** An instant as a bundle writes it, in ms, so that two spellings of one instant are equal. */
export const instant = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

/** A bundle statement as references name it. */
export const bundleStatement = (a: {
  agent: string;
  source: string;
  span?: readonly number[];
  retraction?: { at: string };
}): Slotted<string> => ({
  agent: a.agent,
  source: a.source,
  span: a.span ?? null,
  retractedAt: instant(a.retraction?.at) ?? null,
});

/**
 * The statements of `statements` that `ref` names: those of its agent and source (at its span, where it
 * gives one), and of them the one retracted at `ref.retractedAt` where it gives one, or else those not
 * retracted, or else (none stands) all. One is a match; several are ambiguous.
 */
export function named<K, S extends Slotted<K>>(statements: readonly S[], ref: SlotRef<K>): S[] {
  const ofRef = statements.filter(
    (s) => s.agent === ref.agent && s.source === ref.source && (!ref.span || s.span?.join() === ref.span.join()),
  );
  if (ref.retractedAt !== undefined) return ofRef.filter((s) => s.retractedAt === ref.retractedAt);
  const current = ofRef.filter((s) => s.retractedAt === null);
  return current.length ? current : ofRef;
}

/** As `named`, among a bundle's statements of the claim, or where it names none of them, the stored ones. */
export function namedIn<K, S extends Slotted<K>>(bundle: readonly S[], stored: readonly S[], ref: SlotRef<K>): S[] {
  const inBundle = named(bundle, ref);
  return inBundle.length ? inBundle : named(stored, ref);
}

/** What a statement says, as its row holds it; two statements of one slot that say the same are one. */
type Said = {
  onBehalfOfId: number | null;
  quotation: string | null;
  stance: Stance;
  wording: Wording;
  statedAt: Date | null;
  retractedAt?: Date | null;
};
const retracted = (s: Said) => Boolean(s.retractedAt);
const sameSaid = (a: Said, b: Said) =>
  a.onBehalfOfId === b.onBehalfOfId &&
  a.quotation === b.quotation &&
  a.stance === b.stance &&
  a.wording === b.wording &&
  a.statedAt?.getTime() === b.statedAt?.getTime();

/** Whether bundle statement `b` is stored statement `s`, in the order the rules are tried; `lone`: b is its slot's one. */
const RULES: ((b: Said, s: Said, lone: boolean) => boolean)[] = [
  // A retracted statement is the one retracted at the same instant,
  (b, s) => retracted(b) && b.retractedAt!.getTime() === s.retractedAt?.getTime(),
  // or one that says the same: retracted too, or else the standing one, which the import retracts.
  (b, s) => retracted(b) && retracted(s) && sameSaid(b, s),
  (b, s) => retracted(b) && !retracted(s) && sameSaid(b, s),
  // A standing statement is one that says the same: the standing one, or else a retracted one, which stays
  // retracted (an import never un-retracts),
  (b, s) => !retracted(b) && !retracted(s) && sameSaid(b, s),
  (b, s) => !retracted(b) && retracted(s) && sameSaid(b, s),
  // or else the standing one, whose fields it updates.
  (b, s) => !retracted(b) && !retracted(s),
  // A slot's lone statement, retracted, is its standing one (as versions up to 4, a statement a slot, read it).
  (b, s, lone) => lone && !retracted(s),
];

/**
 * Which stored statement each bundle statement is, slot by slot (`slot` names a row's slot), each stored
 * one taken once; a bundle statement left out is new. RULES says the order, so that importing a bundle
 * again changes nothing, a correction beside its retracted statement is recorded, and a bundle older than
 * a retraction leaves it in place.
 */
export function storedStatements<B extends Said, S extends Said>(
  bundle: readonly B[],
  stored: readonly S[],
  slot: (row: B | S) => string,
): Map<B, S> {
  const pairs = new Map<B, S>();
  const storedBySlot = grouped(stored, slot);
  for (const [key, statements] of grouped(bundle, slot)) {
    const free = storedBySlot.get(key) ?? [];
    for (const rule of RULES)
      for (const b of statements) {
        const i = pairs.has(b) ? -1 : free.findIndex((s) => rule(b, s, statements.length === 1));
        if (i >= 0) pairs.set(b, free.splice(i, 1)[0]!);
      }
  }
  return pairs;
}
