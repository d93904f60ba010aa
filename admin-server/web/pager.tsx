/** Previous / next paging under a table. */
import type { AdminStrings } from './i18n';

export const PAGE_SIZE = 50;

export function Pager(props: { t: AdminStrings; offset: number; total: number; onOffset: (offset: number) => void }) {
  const { t, offset, total } = props;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div class="pager">
      <span class="muted">
        {t.total(total)} · {t.page(Math.floor(offset / PAGE_SIZE) + 1, pages)}
      </span>
      <button disabled={offset === 0} onClick={() => props.onOffset(Math.max(0, offset - PAGE_SIZE))}>
        {t.prev}
      </button>
      <button disabled={offset + PAGE_SIZE >= total} onClick={() => props.onOffset(offset + PAGE_SIZE)}>
        {t.next}
      </button>
    </div>
  );
}
