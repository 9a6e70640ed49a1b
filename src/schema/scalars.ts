import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { builder } from './builder';

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('Date', DateResolver);
builder.addScalarType('JSON', JSONResolver);

// Exact decimals travel as strings so that no client rounds a quantity through a float.
builder.scalarType('Decimal', {
  description: 'An exact decimal number, as a string (e.g. "10000" or "0.5").',
  serialize: (value) => value.toString(),
  parseValue: (value) => {
    if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value))
      throw new TypeError('Decimal must be a string such as "10000" or "-2.5"');
    return value;
  },
});
