/**
 * The filled form before it is printed, laid out like the paper: its title and one row per printed
 * field, name on the left, text on the right. Card values appear as the card screen shows them
 * (masked); the host prints them in full from the card it holds.
 */
import type { FormSummary, Locale, MaskedIdCard } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { previewRows, type Answers } from './form-answers';

export function FormPreview(props: {
  form: FormSummary;
  answers: Answers;
  card: MaskedIdCard | null;
  today: Date;
  locale: Locale;
}) {
  const t = STRINGS[props.locale];
  const rows = previewRows(props.form.fields, props.answers, props.card, props.today);
  const textOf = (row: (typeof rows)[number]) => {
    switch (row.kind) {
      case 'card-hidden':
        return <span class="preview-from-card">{t.fromCard}</span>;
      case 'same-as-card':
        return <span class="preview-from-card">{t.sameAsCardAddress}</span>;
      case 'empty':
        return <span class="muted">{t.notAnswered}</span>;
      default:
        return row.text;
    }
  };
  return (
    <figure class="form-preview" aria-labelledby="form-preview-title">
      <div class="form-paper">
        <p class="form-paper-title" id="form-preview-title">
          {props.form.title}
        </p>
        <table>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-field={row.id}>
                <th scope="row">{row.label}</th>
                <td>{textOf(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption class="muted">{t.previewNote}</figcaption>
    </figure>
  );
}
