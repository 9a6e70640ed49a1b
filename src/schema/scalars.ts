import { Kind } from 'graphql';
import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { builder } from './builder';

// Descriptions say the wire format, which is what a client's code generator maps (README: scalars).
builder.addScalarType('DateTime', DateTimeResolver, {
  description:
    'An instant, as an RFC 3339 string. Answers are in UTC with milliseconds (2024-10-24T12:00:00.000Z); arguments may carry any offset (2024-10-24T14:00:00+02:00).',
});
builder.addScalarType('Date', DateResolver, {
  description: 'A calendar day, as an RFC 3339 full-date string (2022-05-26), without time or zone.',
});
builder.addScalarType('JSON', JSONResolver, {
  description: 'Any JSON value (object, array, string, number, boolean or null), as it is.',
});

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
