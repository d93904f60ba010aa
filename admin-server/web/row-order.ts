/** Reordering the rows of a list (pure): one step up or down for the buttons, anywhere for drag and drop. */

/** `rows` with the one at `index` moved by `by` (−1 up, +1 down); unchanged at either end. */
export function moveRow<T>(rows: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= rows.length) return [...rows];
  const moved = [...rows];
  [moved[index], moved[to]] = [moved[to]!, moved[index]!];
  return moved;
}

/** `rows` with the one at `from` taken out and put in at `to` (the place it is dropped on); unchanged when either is outside. */
export function moveRowTo<T>(rows: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const moved = [...rows];
  const [row] = moved.splice(from, 1);
  moved.splice(to, 0, row!);
  return moved;
}
