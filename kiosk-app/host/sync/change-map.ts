/** Folds one feed change into an id → item map, the latest state of one entity. */
export type KeyedChange<T> = { op: 'upsert'; id: string; data: T } | { op: 'delete'; id: string };

export function applyToMap<T>(items: Map<string, T>, change: KeyedChange<T>): void {
  if (change.op === 'upsert') items.set(change.id, change.data);
  else items.delete(change.id);
}
