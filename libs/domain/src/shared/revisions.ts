/** The proposed values that are given and differ from the current ones (lists compared by content). */
export function changedFields<T extends object>(proposed: T, current: object): Partial<T> {
  const now = current as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(proposed).filter(([key, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(now[key])),
  ) as Partial<T>;
}

/** Events keep only the fields that were given, so a replay compares equal to the original. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
