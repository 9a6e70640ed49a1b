/**
 * Where a page needs something today's API does not offer: said plainly, with what is missing, rather
 * than worked around with numbers the API cannot vouch for.
 */
export function NotYetAvailable({ what, missing }: { what: string; missing: string }) {
  return (
    <aside class="not-available" role="note">
      <strong>Not yet available:</strong> {what}. <span class="muted">The API does not offer {missing} yet.</span>
    </aside>
  );
}

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
