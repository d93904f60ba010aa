/** Write or edit a notice: kind, title, text, publish and expiry times, and where it goes. */
import { useEffect, useState } from 'preact/hooks';
import {
  LinliError,
  NOTICE_KINDS,
  NOTICE_KIND_NAMES,
  type MediaItem,
  type Locale,
  type NoticeInput,
  type NoticeView,
  type OrgTree,
} from '@linli/protocol';
import { api } from './api';
import { fromLocalInput, toLocalInput } from './datetime-input';
import { Field, ErrorBox, fieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import { TargetPicker } from './target-picker';

export function NoticeEditor(props: {
  t: AdminStrings;
  locale: Locale;
  tree: OrgTree;
  notice?: NoticeView;
  onDone: (message?: string) => void;
}) {
  const { t, tree } = props;
  const initial: NoticeInput = props.notice ?? {
    kind: 'announcement',
    title: '',
    body: '',
    publishAt: null,
    expireAt: null,
    targets: { orgIds: [], groupIds: [] },
  };
  const [input, setInput] = useState<NoticeInput>(initial);
  const [media, setMedia] = useState<MediaItem[]>([]);
  const [error, setError] = useState<LinliError | null>(null);
  useEffect(
    () =>
      void api.listMedia({ limit: 200 }).then(
        (list) => setMedia(list.items),
        () => setMedia([]),
      ),
    [],
  );
  const attached = input.attachments ?? [];
  const toggleAttachment = (item: MediaItem) =>
    setInput({
      ...input,
      attachments: attached.some((a) => a.sha256 === item.sha256)
        ? attached.filter((a) => a.sha256 !== item.sha256)
        : [...attached, { sha256: item.sha256, name: item.name }],
    });
  const windowProblem =
    input.publishAt && input.expireAt && input.expireAt <= input.publishAt ? t.expireBeforePublish : '';
  const save = async (event: Event) => {
    event.preventDefault();
    if (windowProblem) return;
    try {
      if (props.notice) await api.notices.update(props.notice.id, input, props.notice.version);
      else await api.notices.create(input);
      props.onDone(t.noticeSaved);
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };
  const problems = fieldErrors(t, error, 'notice');
  return (
    <form class="editor" onSubmit={save}>
      <ErrorBox error={error} t={t} />
      <div class="row">
        <label class="field">
          <span>{t.noticeKind}</span>
          <select
            name="kind"
            value={input.kind}
            onChange={(e) => setInput({ ...input, kind: (e.target as HTMLSelectElement).value as NoticeInput['kind'] })}
          >
            {NOTICE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {NOTICE_KIND_NAMES[props.locale][kind]}
              </option>
            ))}
          </select>
        </label>
        <Field label={t.noticeTitle} note={problems.note('title')}>
          <input
            name="title"
            required
            maxLength={80}
            value={input.title}
            onInput={(e) => setInput({ ...input, title: (e.target as HTMLInputElement).value })}
            {...problems.control('title')}
          />
        </Field>
      </div>
      <Field label={t.noticeBody} note={problems.note('body')}>
        <textarea
          name="body"
          rows={10}
          required
          maxLength={20000}
          value={input.body}
          onInput={(e) => setInput({ ...input, body: (e.target as HTMLTextAreaElement).value })}
          {...problems.control('body')}
        />
      </Field>
      <div class="row">
        <Field label={t.publishAt} note={problems.note('publishAt')}>
          <input
            name="publishAt"
            type="datetime-local"
            value={toLocalInput(input.publishAt)}
            onInput={(e) => setInput({ ...input, publishAt: fromLocalInput((e.target as HTMLInputElement).value) })}
            {...problems.control('publishAt')}
          />
        </Field>
        <div class="field">
          <label class="field">
            <span>{t.expireAt}</span>
            <input
              name="expireAt"
              type="datetime-local"
              value={toLocalInput(input.expireAt)}
              onInput={(e) => setInput({ ...input, expireAt: fromLocalInput((e.target as HTMLInputElement).value) })}
              {...problems.control('expireAt')}
              {...(windowProblem && { 'aria-invalid': 'true', 'aria-describedby': 'notice-window-problem' })}
            />
          </label>
          {windowProblem ? (
            <span class="field-error" role="alert" id="notice-window-problem">
              {windowProblem}
            </span>
          ) : (
            problems.note('expireAt')
          )}
        </div>
      </div>
      <TargetPicker
        t={t}
        tree={tree}
        targets={input.targets}
        onChange={(targets) => setInput({ ...input, targets })}
        problems={problems}
      />
      {media.length > 0 && (
        <fieldset class="targets" {...problems.control('attachments', true)}>
          <legend>{t.attachments}</legend>
          <p class="muted">{t.attachmentsHint}</p>
          {media.map((item) => (
            <label key={item.id} class="inline">
              <input
                type="checkbox"
                name="attachment"
                value={item.sha256}
                checked={attached.some((a) => a.sha256 === item.sha256)}
                onChange={() => toggleAttachment(item)}
              />
              {item.name} <span class="muted">{t.mediaKinds[item.kind]}</span>
            </label>
          ))}
          {problems.note('attachments', true)}
        </fieldset>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={Boolean(windowProblem)}>
          {t.save}
        </button>
        <button type="button" onClick={() => props.onDone()}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
