/** A title with the characters the search matched marked. */
export function HighlightedTitle(props: { title: string; ranges: Array<[number, number]> }) {
  const parts: preact.ComponentChildren[] = [];
  let at = 0;
  for (const [start, end] of props.ranges) {
    if (start > at) parts.push(props.title.slice(at, start));
    parts.push(<mark key={start}>{props.title.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(props.title.slice(at));
  return <>{parts}</>;
}
