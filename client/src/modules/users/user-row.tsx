import { useState } from 'react';
import { ROLES, type Role, type UserAccount } from '@rapport/shared';
import { ROLE_LABELS } from './users-rules';

interface UserRowProps {
  account: UserAccount;
  isMe: boolean;
  /** Why the role cannot change now, or null. */
  roleBlock: string | null;
  /** Why they cannot be deactivated now, or null. */
  deactivateBlock: string | null;
  /** A change of this row is on its way: its controls rest. */
  saving: boolean;
  onRole: (role: Role) => void;
  onActive: (active: boolean) => void;
}

/** Deactivate or reactivate, asked first in place: deactivating signs them out at once. */
function ActiveAction({ account, block, saving, onActive }: { account: UserAccount; block: string | null; saving: boolean; onActive: (active: boolean) => void }) {
  const [confirming, setConfirming] = useState(false);
  const verb = account.active ? 'Deactivate' : 'Reactivate';
  const testId = account.active ? 'user-deactivate' : 'user-reactivate';
  if (confirming) {
    return (
      <span className="row-confirm" role="group" aria-label={`${verb} ${account.name}?`}>
        <span className="row-confirm-text">{account.active ? 'Sign them out and stop their work?' : 'Let them sign in again?'}</span>
        <button
          type="button"
          className={account.active ? 'button button-danger button-small' : 'button button-primary button-small'}
          data-testid={`${testId}-confirm`}
          disabled={saving}
          onClick={() => {
            setConfirming(false);
            onActive(!account.active);
          }}
        >
          {verb}
        </button>
        <button type="button" className="button button-quiet button-small" data-testid={`${testId}-cancel`} autoFocus onClick={() => setConfirming(false)}>
          Keep
        </button>
      </span>
    );
  }
  return (
    <button
      type="button"
      className={account.active ? 'button button-quiet button-small button-danger-quiet' : 'button button-quiet button-small'}
      data-testid={testId}
      aria-label={`${verb} ${account.name}`}
      title={block ?? undefined}
      disabled={saving || block !== null}
      onClick={() => setConfirming(true)}
    >
      {verb}
    </button>
  );
}

export function UserRow({ account, isMe, roleBlock, deactivateBlock, saving, onRole, onActive }: UserRowProps) {
  return (
    <tr className={account.active ? 'user-row' : 'user-row is-disabled'} data-testid="user-row" data-user-id={account.id} data-email={account.email} data-active={account.active ? 'true' : 'false'}>
      <td>
        <span className="user-identity">
          <span className="user-name">
            {account.name}
            {isMe ? <span className="muted"> (you)</span> : null}
          </span>
          <span className="muted user-email">{account.email}</span>
        </span>
      </td>
      <td>
        <select
          className="select select-compact"
          data-testid="user-role"
          aria-label={`Role of ${account.name}`}
          title={roleBlock ?? undefined}
          value={account.role}
          disabled={saving || roleBlock !== null}
          onChange={(e) => onRole(e.target.value as Role)}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span className={account.active ? 'status-pill status-open' : 'status-pill'} data-testid="user-status">
          {account.active ? 'Active' : 'Deactivated'}
        </span>
      </td>
      <td className="cell-end">
        <ActiveAction account={account} block={deactivateBlock} saving={saving} onActive={onActive} />
      </td>
    </tr>
  );
}
