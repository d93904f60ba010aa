/** The page's table as a download, CSV or Excel: links, so the browser saves the server's file. */
import type { TableFormat } from '@linli/protocol';

export function TableDownloads(props: { urlOf: (format: TableFormat) => string; csv: string; xlsx: string }) {
  return (
    <div class="buttons">
      <a class="button" href={props.urlOf('csv')} download>
        {props.csv}
      </a>
      <a class="button" href={props.urlOf('xlsx')} download>
        {props.xlsx}
      </a>
    </div>
  );
}
