/** A field's value before and after a change, as the audit log records it. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields of `after` whose value differs from `before` (compared as JSON, so arrays and objects by
 * content); fields `after` leaves out are unchanged. Pass only fields fit for the audit log, never secrets.
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined || same(before[field], to)) continue;
    changes[field] = { from: before[field] ?? null, to };
  }
  return changes;
}
