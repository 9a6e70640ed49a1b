import fs from 'node:fs';
import path from 'node:path';

// docker-compose.yml restarts what crashes: each service names a restart policy.
test('every service in docker-compose.yml restarts unless stopped', () => {
  const compose = fs.readFileSync(path.resolve(__dirname, '../../docker-compose.yml'), 'utf8');
  const services = compose.slice(compose.indexOf('\nservices:\n'), compose.indexOf('\nvolumes:\n'));
  const blocks = services.split(/\n(?= {2}\w[\w-]*:\n)/).slice(1);
  expect(blocks.map((b) => b.trim().split(':')[0])).toEqual(['db', 'kb']);
  for (const block of blocks) expect(block).toMatch(/\n {4}restart: unless-stopped\n/);
});
