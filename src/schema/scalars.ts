import { Kind } from 'graphql';
import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { builder } from './builder';

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('Date', DateResolver);
builder.addScalarType('JSON', JSONResolver);

// Exact decimals travel as strings so that no client rounds a quantity through a float. Any string
// (or number literal, as written) passes here: the rules on stored values judge it where it is used,
// so that "1e400" is an InputValidationError naming its argument rather than a request refused whole.
builder.scalarType('Decimal', {
  description: 'An exact decimal number, as a string (e.g. "10000" or "0.5").',
  serialize: (value) => value.toString(),
  parseValue: (value) => {
    if (typeof value !== 'string') throw new TypeError('Decimal must be a string such as "10000" or "-2.5"');
    return value;
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING && node.kind !== Kind.INT && node.kind !== Kind.FLOAT)
      throw new TypeError('Decimal must be a string such as "10000" or "-2.5"');
    return node.value;
  },
});
