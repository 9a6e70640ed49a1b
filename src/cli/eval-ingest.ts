import fs from 'node:fs/promises';
import path from 'node:path';
import { readBundleFile } from '../bundle/read';
import { type Answers, answersGold, bundleGold, type Gold, type Scores, scoreProposals } from '../ingest/evaluate';
import { bundleKnowledge, type Knowledge } from '../ingest/knowledge';
import { loadNlp } from '../ingest/nlp';
import { proposeFor, type ReportContext } from '../ingest/propose';
import { runCli } from './run';

// npm run eval:ingest: the proposer on the seed article, with the curated seed bundle as the answer,
// and on the test reports (test/ingest/reports) with their answer files. Prints markdown tables.

const SEED_BUNDLE = 'prisma/seed/dprk-troops-and-unsc.bundle.json';
const SEED_SOURCE = 'source:seed-article';
const REPORTS = 'test/ingest/reports';

type Run = { name: string; scores: Scores; coldMs: number; warmMs: number };

async function evaluate(
  name: string,
  text: string,
  knowledge: Knowledge,
  report: ReportContext,
  gold: Gold,
  cold: boolean,
): Promise<Run> {
  const t0 = performance.now();
  const proposals = await proposeFor(text, knowledge, report);
  const coldMs = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await proposeFor(text, knowledge, report);
    warm.push(performance.now() - t);
  }
  const median = warm.toSorted((a, b) => a - b)[2]!;
  return { name, scores: scoreProposals(proposals, gold), coldMs: cold ? coldMs : Number.NaN, warmMs: median };
}

const fixed = (n: number) => n.toFixed(2);
const ms = (n: number) => (Number.isNaN(n) ? '-' : `${Math.round(n)} ms`);

function table(runs: Run[]): string {
  const rows = ['entities', 'statements', 'agents', 'ownWords', 'modality', 'derivations', 'links'] as const;
  const head = `| measure | ${runs.map((r) => `${r.name} P | ${r.name} R`).join(' | ')} |`;
  const rule = `|---|${runs.map(() => '---:|---:').join('|')}|`;
  const lines = rows.map(
    (k) =>
      `| ${k} | ${runs.map((r) => `${fixed(r.scores[k].precision)} | ${fixed(r.scores[k].recall)}`).join(' | ')} |`,
  );
  const perStatement = `| derivations per statement | ${runs.map(({ scores: { statementDerivations: d } }) => (d ? `${fixed(d.precision)} | ${fixed(d.recall)}` : '- | -')).join(' | ')} |`;
  const counts = `| proposed / curated statements | ${runs.map((r) => `${r.scores.statements.predicted} | ${r.scores.statements.expected}`).join(' | ')} |`;
  const links = `| links made / curated statements of a held claim | ${runs.map((r) => `${r.scores.links.predicted} | ${r.scores.links.expected}`).join(' | ')} |`;
  const modal = `| modality right, of found | ${runs.map((r) => `${fixed(r.scores.modalityOfFound)} (${r.scores.found} found) | `).join(' | ')} |`;
  const time = `| time: first proposal / warm median | ${runs.map((r) => `${ms(r.coldMs)} | ${ms(r.warmMs)}`).join(' | ')} |`;
  return [head, rule, ...lines, perStatement, counts, links, modal, time].join('\n');
}

async function main() {
  const t0 = performance.now();
  await loadNlp();
  const loadMs = performance.now() - t0;
  const bundle = await readBundleFile(SEED_BUNDLE);
  const seed = bundle.sources.find((s) => s.key === SEED_SOURCE);
  const article = await fs
    .readFile(process.env.KB_SEED_ARTICLE ?? '/work/shared/seed/article.txt', 'utf8')
    .catch(() => seed?.text ?? '');
  if (!seed?.text || article !== seed.text)
    process.stderr.write('note: the seed article differs from the seed source text; scoring the bundle text\n');
  // The article's source record is not in the knowledge base, so derivations are proposed as for a new
  // report; its statements are, and the proposals should link to their claims (the links row).
  const knowledge = bundleKnowledge(bundle, { withoutSources: [SEED_SOURCE] });
  const runs: Run[] = [
    await evaluate(
      'seed',
      seed!.text!,
      knowledge,
      { publisher: seed!.publisher!, title: seed!.title },
      bundleGold(bundle, SEED_SOURCE),
      true,
    ),
  ];
  for (const file of (await fs.readdir(REPORTS)).filter((f) => f.endsWith('.txt')).toSorted()) {
    const text = await fs.readFile(path.join(REPORTS, file), 'utf8');
    const answers = JSON.parse(
      await fs.readFile(path.join(REPORTS, file.replace(/\.txt$/, '.answers.json')), 'utf8'),
    ) as Answers;
    runs.push(await evaluate(file.replace(/\.txt$/, ''), text, knowledge, answers, answersGold(text, answers), false));
  }
  process.stdout.write(`${table(runs)}\n\nloading wink-nlp's model and compromise: ${ms(loadMs)}\n`);
}

runCli(main, 'eval:ingest');
