// The raw-SQL baseline: a minimal HTTP server that answers each benchmark operation with its
// hand-written SQL over `pg`, as JSON. Run as its own process: DATABASE_URL, PORT, and the probe
// (JSON) in BENCH_PROBE.
import http from 'node:http';
import pg from 'pg';
import { operations } from './operations';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const ops = operations(JSON.parse(process.env.BENCH_PROBE!));

http
  .createServer(async (req, res) => {
    const op = ops[Number(req.url!.slice(1))];
    for await (const _chunk of req); // the body is not needed: each path is one fixed operation
    if (!op) return res.writeHead(404).end();
    try {
      const { rows } = await pool.query(op.sql, op.params);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: rows[0]?.data ?? null }));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
