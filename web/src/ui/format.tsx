/** A DateTime in UTC, as analysts compare reports across time zones. */
export function DateTimeText({ value }: { value: string }) {
  const iso = new Date(value).toISOString();
  return <time dateTime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`}</time>;
}

const precisionLength = { YEAR: 4, MONTH: 7, DAY: 10 };

/** A calendar date (a Date, or a DateTime known to a year, month or day), as YYYY, YYYY-MM or YYYY-MM-DD. */
export function DateText({ value, precision = 'DAY' }: { value: string; precision?: keyof typeof precisionLength }) {
  const date = value.slice(0, precisionLength[precision]);
  return <time dateTime={date}>{date}</time>;
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
