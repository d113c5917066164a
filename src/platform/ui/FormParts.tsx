// Pieces of GOV.UK-pattern forms (as in SignForm): visible labels, hints, an error
// summary linking to each field, inline messages, entered values kept.
export type FormState = { values: Record<string, string>; errors: Record<string, string> };

export const fieldId = (f: string) => `f-${f}`;

function describedBy(f: string, hint: boolean, error: boolean) {
  return [hint ? `${fieldId(f)}-hint` : '', error ? `${fieldId(f)}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function ErrorSummary(props: { title: string; errors: Record<string, string>; order: readonly string[] }) {
  const keys = Object.keys(props.errors).sort((a, b) => props.order.indexOf(a) - props.order.indexOf(b));
  if (keys.length === 0) return null;
  // autofocus (no script needed, so the CSP stays strict): after a failed submit the browser
  // moves focus to the summary and scrolls it into view, as the GOV.UK pattern does.
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">{props.title}</h2>
      <ul>
        {keys.map((f) => (
          <li>
            <a href={`#${fieldId(props.order.includes(f) ? f : 'submit')}`}>{props.errors[f]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type FieldProps = { name: string; label: string; hint?: string; form: FormState; required?: boolean };

function FieldFrame(props: FieldProps & { children: unknown }) {
  const error = props.form.errors[props.name];
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={fieldId(props.name)}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${fieldId(props.name)}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {error ? (
        <span class="error-message" id={`${fieldId(props.name)}-error`}>
          {error}
        </span>
      ) : null}
      {props.children}
    </div>
  );
}

function controlAttrs(props: FieldProps) {
  const error = props.form.errors[props.name];
  return {
    id: fieldId(props.name),
    name: props.name,
    required: props.required,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy(props.name, !!props.hint, !!error),
  };
}

export function TextField(props: FieldProps & { type?: string; autocomplete?: string; spellcheck?: boolean }) {
  return (
    <FieldFrame {...props}>
      <input
        {...controlAttrs(props)}
        type={props.type ?? 'text'}
        value={props.form.values[props.name] ?? ''}
        autocomplete={props.autocomplete ?? 'off'}
        spellcheck={props.spellcheck}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { rows?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea {...controlAttrs(props)} rows={props.rows ?? 5}>
        {props.form.values[props.name] ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(props: FieldProps & { options: readonly (readonly [string, string])[]; choose?: string }) {
  const value = props.form.values[props.name] ?? '';
  return (
    <FieldFrame {...props}>
      <select {...controlAttrs(props)}>
        {props.choose !== undefined ? <option value="">{props.choose}</option> : null}
        {props.options.map(([v, label]) => (
          <option value={v} selected={v === value}>
            {label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
