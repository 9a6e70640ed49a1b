/** One part of a stacked bar. */
export type BarPart = { label: string; value: number; colour: string };

/**
 * A horizontal stacked bar drawn with CSS, for the first page: it costs no chart library (ECharts'
 * parse alone is a long task), so the overview is interactive as soon as its figures arrive. The
 * figures themselves are in the text beside it.
 */
export function StackedBar({ parts, scale }: { parts: readonly BarPart[]; scale?: number }) {
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  const width = scale ? `${(100 * total) / scale}%` : '100%';
  return (
    <div class="stacked-bar" style={{ width }} aria-hidden="true">
      {parts.map((part) =>
        part.value > 0 ? (
          <span
            key={part.label}
            title={`${part.label}: ${part.value}`}
            style={{ flexGrow: part.value, background: part.colour }}
          />
        ) : null,
      )}
    </div>
  );
}

export function BarLegend({ parts }: { parts: readonly Omit<BarPart, 'value'>[] }) {
  return (
    <ul class="legend">
      {parts.map((part) => (
        <li key={part.label}>
          <span class="swatch" style={{ background: part.colour }} /> {part.label}
        </li>
      ))}
    </ul>
  );
}
