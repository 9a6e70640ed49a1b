import { ClaimValueFields } from '../fragments';
import { type FragmentOf, readFragment } from '../graphql';
import { DateText, DateTimeText } from './format';
import { EntityLink } from './links';

const number = (decimal: string) => Number(decimal).toLocaleString('en');

/** A claim's value as an analyst reads it: "approximately 10,000 troops", an entity, a date, a text. */
export function ClaimValueText({ value }: { value: FragmentOf<typeof ClaimValueFields> }) {
  const v = readFragment(ClaimValueFields, value);
  switch (v.__typename) {
    case 'EntityValue':
      return <EntityLink entity={v.entity} />;
    case 'QuantityValue': {
      const range = v.lowerBound && v.upperBound ? ` (${number(v.lowerBound)}–${number(v.upperBound)})` : '';
      return <>{`${v.approximate ? 'approximately ' : ''}${number(v.amount)}${v.unit ? ` ${v.unit}` : ''}${range}`}</>;
    }
    case 'TextValue':
      return <>“{v.text}”</>;
    case 'TimeValue':
      return v.precision === 'SECOND' ? (
        <DateTimeText value={v.time} />
      ) : (
        <DateText value={v.time} precision={v.precision} />
      );
    case 'UnknownValue':
      return <>{v.kind === 'NO_VALUE' ? 'no value' : 'some value (unknown)'}</>;
  }
  // A value kind the schema gains fails tsc here until it has words.
  return v satisfies never;
}
