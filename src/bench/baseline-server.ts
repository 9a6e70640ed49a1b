// The raw-SQL baseline: a minimal HTTP server that answers each benchmark operation with its
// hand-written SQL over `pg`, as JSON: `/<i>` sends the statement unprepared, `/prepared/<i>` as a
// named prepared statement (as the service sends its own), so the report can tell what the
// layers above pg cost from what preparing saves. Run as its own process: DATABASE_URL, PORT, and
// the probe (JSON) in BENCH_PROBE.
import http from 'node:http';
import pg from 'pg';
import { operations } from './operations';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const ops = operations(JSON.parse(process.env.BENCH_PROBE!) as Parameters<typeof operations>[0]);

async function answer(req: http.IncomingMessage, res: http.ServerResponse) {
  const [, prepared, index] = /^\/(prepared\/)?(\d+)$/.exec(req.url!) ?? [];
  const op = ops[Number(index)];
  for await (const _chunk of req); // the body is not needed: each path is one fixed operation
  if (!op) {
    res.writeHead(404).end();
    return;
  }
  try {
    const { rows } = await pool.query<{ data: unknown }>({
      name: prepared ? `op${index}` : undefined,
      text: op.sql,
      values: op.params,
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: rows[0]?.data ?? null }));
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
}

http.createServer((req, res) => void answer(req, res)).listen(Number(process.env.PORT), '127.0.0.1');
