import fs from 'node:fs/promises';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createApiKey, revokeApiKey } from '../auth/api-keys';
import { exportBundle } from '../bundle/export';
import { importBundle, type Progress, RECORD_KINDS } from '../bundle/import';
import { readBundleFile } from '../bundle/read';
import { unscVotesCsv } from '../bundle/unsc-csv';
import { loadConfig } from '../config';
import type { ApiRole } from '../generated/prisma/enums';
import { SourceKind } from '../generated/prisma/enums';
import { proposeDraft } from '../ingest/drafts';
import { TextRejectedError } from '../ingest/errors';
import { createLogger } from '../logger';
import { claimProvJson } from '../provenance/prov-json';
import { openCliDatabase } from './database';
import { runCli } from './run';

const program = new Command('kb')
  .description(
    'Import and export knowledge bundles (the format is described by schema/bundle.schema.json), and manage API keys.',
  )
  .addHelpText(
    'after',
    '\nThe database is DATABASE_URL, or the embedded server in KB_DATA_DIR (started if the service is not running).',
  );

function progressPrinter(): ((p: Progress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => process.stderr.write(`\r\x1b[2K  ${p.kind.padEnd(16)} ${p.done}/${p.total}`);
}

program
  .command('import')
  .description(
    'Validate a bundle and import it in one transaction: all or nothing; importing it again changes nothing.',
  )
  .argument('<file>', 'bundle JSON file')
  .option('--actor <name>', 'who the change log names for this import', `cli:${process.env.USER ?? 'unknown'}`)
  .action(async (file: string, options: { actor: string }) => {
    const config = loadConfig();
    const bundle = await readBundleFile(file);
    const db = await openCliDatabase(config, createLogger('warn'));
    try {
      const report = await importBundle(db.prisma, bundle, { actor: options.actor, onProgress: progressPrinter() });
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
      const rows = RECORD_KINDS.filter((k) => report[k].created + report[k].updated + report[k].unchanged > 0);
      const total = (field: 'created' | 'updated' | 'unchanged') => rows.reduce((sum, k) => sum + report[k][field], 0);
      process.stdout.write(
        `imported ${file}: ${total('created')} created, ${total('updated')} updated, ${total('unchanged')} unchanged\n`,
      );
      for (const k of rows)
        process.stdout.write(
          `  ${k.padEnd(16)} ${report[k].created} created, ${report[k].updated} updated, ${report[k].unchanged} unchanged\n`,
        );
    } finally {
      await db.close();
    }
  });

program
  .command('export')
  .description("Write the knowledge base, a claim's provenance, or the UNSC votes.")
  .addOption(
    new Option('--format <format>', 'what to write').choices(['bundle', 'prov-json', 'unsc-csv']).default('bundle'),
  )
  .option('--claim <key>', 'with --format prov-json: the claim whose provenance to write')
  .option('--out <file>', 'write to a file instead of standard output')
  .action(async (options: { format: 'bundle' | 'prov-json' | 'unsc-csv'; claim?: string; out?: string }) => {
    if (options.format === 'prov-json' && !options.claim) program.error('--format prov-json needs --claim <key>');
    const db = await openCliDatabase(loadConfig(), createLogger('warn'));
    try {
      const output =
        options.format === 'bundle'
          ? JSON.stringify(await exportBundle(db.prisma), null, 2) + '\n'
          : options.format === 'prov-json'
            ? JSON.stringify(await claimProvJson(db.prisma, options.claim!), null, 2) + '\n'
            : await unscVotesCsv(db.prisma);
      if (options.out) await fs.writeFile(options.out, output);
      else process.stdout.write(output);
    } finally {
      await db.close();
    }
  });

program
  .command('propose')
  .description(
    'Propose entities, attributed statements, quantities and derivations for a report, as a draft to review (kept apart from the knowledge base).',
  )
  .argument('<file>', 'the report as UTF-8 text')
  .requiredOption('--title <title>', "the report's title")
  .requiredOption('--publisher <key>', "entity key of its publisher, the agent of the report's own statements")
  .option('--published <date>', 'when it was published (ISO 8601)')
  .option('--kind <kind>', 'source kind', 'NEWS_ARTICLE')
  .option('--url <url>', 'where it was found')
  .option('--actor <name>', 'who the draft names as its proposer', `cli:${process.env.USER ?? 'unknown'}`)
  .action(
    async (
      file: string,
      options: { title: string; publisher: string; published?: string; kind: string; url?: string; actor: string },
    ) => {
      const bytes = await fs.readFile(file);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new TextRejectedError('BINARY', `${file} is not UTF-8 text`);
      }
      const publishedAt = options.published ? new Date(options.published) : null;
      if (publishedAt && Number.isNaN(publishedAt.getTime()))
        program.error(`--published ${options.published} is not a date`);
      if (!(options.kind in SourceKind)) program.error(`--kind must be one of ${Object.keys(SourceKind).join(', ')}`);
      const db = await openCliDatabase(loadConfig(), createLogger('warn'));
      try {
        const id = await proposeDraft(db.prisma, options.actor, {
          text,
          source: {
            title: options.title,
            publisher: options.publisher,
            publishedAt,
            kind: options.kind as SourceKind,
            url: options.url ?? null,
          },
        });
        const counts = await db.prisma.draftProposal.groupBy({ by: ['kind'], where: { draftId: id }, _count: true });
        process.stdout.write(
          `draft ${id} (${encodeGlobalID('Draft', id)}): ${counts.map((c) => `${c._count} ${c.kind.toLowerCase()}`).join(', ')} proposed\n`,
        );
      } finally {
        await db.close();
      }
    },
  );

const keys = program
  .command('keys')
  .description('API keys: only their hashes are stored; a key is shown once, when created.');

keys
  .command('create')
  .description('Create a key and print it (once).')
  .requiredOption('--owner <name>', 'who the key belongs to; the change log names them for its writes')
  .addOption(
    new Option('--role <role>', 'what the key may do').choices(['reader', 'analyst', 'admin']).makeOptionMandatory(),
  )
  .action(async (options: { owner: string; role: 'reader' | 'analyst' | 'admin' }) => {
    const db = await openCliDatabase(loadConfig(), createLogger('warn'));
    try {
      const { key, record } = await createApiKey(db.prisma, {
        owner: options.owner,
        role: options.role.toUpperCase() as ApiRole,
        createdBy: `cli:${process.env.USER ?? 'unknown'}`,
      });
      process.stdout.write(`${key}\n`);
      process.stderr.write(
        `key ${record.id} (${record.prefix}...) for ${record.owner} as ${record.role}; it is not shown again\n`,
      );
    } finally {
      await db.close();
    }
  });

keys
  .command('list')
  .description('List keys: id, prefix, owner, role, created, revoked.')
  .action(async () => {
    const db = await openCliDatabase(loadConfig(), createLogger('warn'));
    try {
      for (const k of await db.prisma.apiKey.findMany({ orderBy: { id: 'asc' } })) {
        process.stdout.write(
          `${k.id}\t${k.prefix}...\t${k.owner}\t${k.role}\t${k.createdAt.toISOString()}\t${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'}\n`,
        );
      }
    } finally {
      await db.close();
    }
  });

keys
  .command('revoke')
  .description('Revoke a key by its id.')
  .argument('<id>', 'the key id, as listed', (value) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError('the id is a number, as `kb keys list` shows');
    return Number(value);
  })
  .action(async (id: number) => {
    const db = await openCliDatabase(loadConfig(), createLogger('warn'));
    try {
      const key = await revokeApiKey(db.prisma, { id }, `cli:${process.env.USER ?? 'unknown'}`);
      if (key) process.stdout.write(`key ${id} (${key.owner}) revoked\n`);
      else program.error(`no API key ${id}`);
    } finally {
      await db.close();
    }
  });

runCli(() => program.parseAsync().then(() => undefined), 'kb');
