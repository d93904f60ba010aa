/** What a screen shows for data it is loading: a loading line, a failure with 重试, or the data. */
import type { ComponentChildren } from 'preact';
import type { ErrorCode, Locale } from '@linli/protocol';
import { STRINGS } from './i18n';
import type { Loaded } from './use-loaded';

export function LoadedView<T>(props: {
  loaded: Loaded<T>;
  retry: () => void;
  locale: Locale;
  /** Said when the host answers that the thing asked for is not there (rather than "try again"). */
  gone?: string;
  /** What the failure means in words (the server unreachable, a feature not set up), said above 重试. */
  failed?: (code: ErrorCode) => string;
  children: (value: T) => ComponentChildren;
}) {
  const t = STRINGS[props.locale];
  const { loaded } = props;
  if (loaded.state === 'loaded') return <>{props.children(loaded.value)}</>;
  if (loaded.state === 'loading')
    return (
      <p class="loading" role="status">
        {t.loading}
      </p>
    );
  if (loaded.code === 'NOT_FOUND' && props.gone)
    return (
      <p class="load-gone" role="status">
        {props.gone}
      </p>
    );
  return (
    <div class="load-failed" role="alert">
      <p>{props.failed?.(loaded.code) ?? t.loadFailed}</p>
      <button class="primary" onClick={props.retry}>
        {t.retry}
      </button>
    </div>
  );
}
