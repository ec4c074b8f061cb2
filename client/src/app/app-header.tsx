import type { User } from '@rapport/shared';
import { BrandMark } from '../ui/brand-mark';
import { logout } from '../modules/auth/use-session';
import { ConnectionIndicator } from './connection-indicator';

const ROLE_LABELS: Record<User['role'], string> = { agent: 'Agent', lead: 'Team lead', manager: 'Manager', admin: 'Admin' };

export function AppHeader({ user }: { user: User }) {
  return (
    <header className="app-header">
      <div className="app-brand">
        <BrandMark size={22} />
        <span>Rapport</span>
      </div>
      <ConnectionIndicator />
      <div className="app-user">
        <span className="app-user-name" data-testid="current-user">
          {user.name}
        </span>
        <span className="role-badge">{ROLE_LABELS[user.role] ?? user.role}</span>
        <button type="button" className="button button-quiet button-small" data-testid="logout" onClick={logout}>
          Log out
        </button>
      </div>
    </header>
  );
}
