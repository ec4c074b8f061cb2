import type { BulkAssignBody } from '@rapport/shared';

/** One choice in the bulk "Assign to" picker, encoded as the `<option>` value. */
export type BulkTarget = { kind: 'nobody' } | { kind: 'agent'; id: string } | { kind: 'team'; id: string };

export function encodeBulkTarget(target: BulkTarget): string {
  return target.kind === 'nobody' ? 'nobody' : `${target.kind}:${target.id}`;
}

export function decodeBulkTarget(value: string): BulkTarget | null {
  if (value === 'nobody') return { kind: 'nobody' };
  const [kind, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  if ((kind === 'agent' || kind === 'team') && id !== '') return { kind, id };
  return null;
}

/** The request for a target: to an agent, to nobody, or back into a team's waiting queue. */
export function bulkAssignBody(ids: readonly string[], target: BulkTarget): BulkAssignBody {
  switch (target.kind) {
    case 'nobody':
      return { ids: [...ids], assigneeId: null };
    case 'agent':
      return { ids: [...ids], assigneeId: target.id };
    case 'team':
      return { ids: [...ids], assigneeId: null, teamId: target.id };
  }
}

/** The checked conversations still on screen, in list order (one may have left the list since). */
export function visibleSelection(checked: ReadonlySet<string>, visibleIds: readonly string[]): string[] {
  return visibleIds.filter((id) => checked.has(id));
}

export function toggleInSet(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
