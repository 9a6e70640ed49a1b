// A strict reader of Prometheus' text exposition format (version 0.0.4), written for the tests: the
// parsers on npm drop the labels of histograms, which are what the metrics tests look at.

type Sample = { name: string; labels: Record<string, string>; value: number };
export type Family = { name: string; type: string; help: string; samples: Sample[] };

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const META = /^# (HELP|TYPE) (\S+) (.*)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)",?/y;

/** A sample line: its name, its labels (read one after another, each anchored where the last ended), and its value. */
function sampleOf(line: string): Sample {
  const open = line.indexOf('{');
  const close = open < 0 ? -1 : line.indexOf('} ', open);
  const name = open < 0 ? line.slice(0, line.indexOf(' ')) : line.slice(0, open);
  const labels: Record<string, string> = {};
  if (open >= 0) {
    const body = line.slice(open + 1, close);
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < body.length) {
      const match = LABEL.exec(body);
      if (!match) throw new Error(`bad labels: ${line}`);
      labels[match[1]!] = match[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
  }
  const [value, timestamp, ...rest] = line.slice(open < 0 ? name.length + 1 : close + 2).split(' ');
  if (!NAME.test(name) || value === undefined || rest.length || (timestamp && !/^-?\d+$/.test(timestamp)))
    throw new Error(`not a sample: ${line}`);
  return { name, labels, value: number(value) };
}

const SUFFIXES: Record<string, string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/** A value as Prometheus reads it (Go's ParseFloat: NaN and Inf in any case; prom-client writes "Nan"). */
const number = (text: string) => {
  const special = { nan: NaN, '+inf': Infinity, inf: Infinity, '-inf': -Infinity }[text.toLowerCase()];
  const value = special ?? Number(text);
  if (Number.isNaN(value) && special === undefined) throw new Error(`not a number: ${text}`);
  return value;
};

/** Every family with its samples; throws on any line that is not a comment, a type, or a sample of a declared family. */
export function parsePrometheus(text: string): Family[] {
  const families = new Map<string, Family>();
  let current: Family | undefined;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = META.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      if (!NAME.test(name)) throw new Error(`bad name: ${line}`);
      current = families.get(name) ?? { name, type: 'untyped', help: '', samples: [] };
      families.set(name, current);
      if (kind === 'HELP') current.help = rest;
      else if (rest in SUFFIXES) current.type = rest;
      else throw new Error(`unknown type: ${line}`);
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = sampleOf(line);
    if (!current || !SUFFIXES[current.type]!.some((suffix) => sample.name === current!.name + suffix))
      throw new Error(`sample outside its family: ${line}`);
    current.samples.push(sample);
  }
  return [...families.values()];
}
