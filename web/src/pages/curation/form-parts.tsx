import type { ComponentChildren } from 'preact';
import { useApiKey } from '../../api-key';
import { valuesOf } from '../../ui/labels';
import type { Outcome } from './outcome';

/** What a Field gives its control: its id and name, and its error's description when it has one. */
type ControlProps = { id: string; name: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };

/** A select of an enum's values, each in words. */
export function EnumSelect<Value extends string>({
  labels,
  value,
  choose,
  ...props
}: { labels: Record<Value, string>; value: Value; choose: (value: Value) => void } & ControlProps) {
  return (
    <select {...props} value={value} onChange={(event) => choose((event.target as HTMLSelectElement).value as Value)}>
      {valuesOf(labels).map((option) => (
        <option key={option} value={option}>
          {labels[option]}
        </option>
      ))}
    </select>
  );
}

/** A labelled control with its error beside it, tied to the control for screen readers. */
export function Field({
  id,
  label,
  outcome,
  children,
}: {
  id: string;
  label: string;
  outcome: Outcome;
  children: (props: ControlProps) => ComponentChildren;
}) {
  const error = outcome.fields[id];
  return (
    <>
      <label for={`f-${id}`}>{label}</label>
      {children({
        id: `f-${id}`,
        name: id,
        ...(error ? { 'aria-invalid': true, 'aria-describedby': `f-${id}-error` } : {}),
      })}
      {error && (
        <p class="field-error" id={`f-${id}-error`} role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** The form's submit button, and what the service answered that belongs to no one field. */
export function Submit({ label, busy, outcome }: { label: string; busy: boolean; outcome: Outcome }) {
  return (
    <>
      <p>
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : label}
        </button>
      </p>
      {outcome.form && (
        <p class="error form-status" role="alert">
          Refused: {outcome.form}
        </p>
      )}
      {outcome.saved && (
        <p class="form-status ok" role="status">
          {outcome.saved}
        </p>
      )}
    </>
  );
}

/** A form's fields by name (every control here holds text). */
export const formValues = (form: HTMLFormElement) =>
  Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, typeof value === 'string' ? value : '']));

/** A submit handler that keeps the page where it is and hands the form to `save`, which reports its outcome itself. */
export const submitTo = (save: (form: HTMLFormElement) => Promise<void>) => (event: SubmitEvent) => {
  event.preventDefault();
  void save(event.currentTarget as HTMLFormElement);
};

/** The API key typed into the page, kept for this tab only. */
export function KeyPanel() {
  const { key, setKey } = useApiKey();
  return (
    <section aria-labelledby="api-key">
      <h2 id="api-key">API key</h2>
      {key ? (
        <p>
          A key starting <code>{key.slice(0, 10)}</code> is set for this tab; every request sends it.{' '}
          <button type="button" class="secondary" onClick={() => setKey('')}>
            Forget the key
          </button>
        </p>
      ) : (
        <form
          class="stacked"
          onSubmit={(event) => {
            event.preventDefault();
            setKey(formValues(event.currentTarget).key ?? '');
          }}
        >
          <label for="api-key-input">
            Your API key (kept in this browser tab only, until it closes; never stored anywhere else)
          </label>
          <input id="api-key-input" name="key" type="password" autocomplete="off" spellcheck={false} required />
          <p>
            <button type="submit">Use this key</button>
          </p>
        </form>
      )}
    </section>
  );
}
