/** Figures computed in the page from one page of records: said when they cover only part of them. */
export function SampleNote({ read, total, what }: { read: number; total: number; what: string }) {
  return read >= total ? (
    <p class="muted small">
      Computed from all {total} {what}.
    </p>
  ) : (
    <aside class="not-available" role="note">
      <strong>Partial:</strong> computed from the first {read} of {total} {what}; the API has no aggregate for this yet.
    </aside>
  );
}
