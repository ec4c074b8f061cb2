import type { User } from '@rapport/shared';
import { BrandMark } from '../ui/brand-mark';
import { logout } from '../modules/auth/use-session';
import type { AppRoute } from './app-route';
import { ConnectionIndicator } from './connection-indicator';
import { AvailabilityToggle } from './availability-toggle';
import { AlertsToggle } from './alerts-toggle';

const ROLE_LABELS: Record<User['role'], string> = { agent: 'Agent', lead: 'Team lead', manager: 'Manager', admin: 'Admin' };

export interface AppNav {
  view: AppRoute['view'];
  onInbox: () => void;
  /** Given to those who may open the view. */
  onTeam?: () => void;
  onChannels?: () => void;
  onReports?: () => void;
  onAudit?: () => void;
  onUsers?: () => void;
}

function NavLink({ active, testId, onClick, children }: { active: boolean; testId: string; onClick: () => void; children: string }) {
  return (
    <button type="button" className={active ? 'app-nav-link is-active' : 'app-nav-link'} aria-current={active ? 'page' : undefined} data-testid={testId} onClick={onClick}>
      {children}
    </button>
  );
}

function Nav({ view, onInbox, onTeam, onChannels, onReports, onAudit, onUsers }: AppNav) {
  return (
    <nav className="app-nav" aria-label="Views">
      <NavLink active={view === 'inbox'} testId="nav-inbox" onClick={onInbox}>
        Inbox
      </NavLink>
      {onTeam ? (
        <NavLink active={view === 'team'} testId="nav-team" onClick={onTeam}>
          Team
        </NavLink>
      ) : null}
      {onChannels ? (
        <NavLink active={view === 'channels'} testId="nav-channels" onClick={onChannels}>
          Channels
        </NavLink>
      ) : null}
      {onReports ? (
        <NavLink active={view === 'reports'} testId="nav-reports" onClick={onReports}>
          Reports
        </NavLink>
      ) : null}
      {onAudit ? (
        <NavLink active={view === 'audit'} testId="nav-audit" onClick={onAudit}>
          Audit
        </NavLink>
      ) : null}
      {onUsers ? (
        <NavLink active={view === 'users'} testId="nav-users" onClick={onUsers}>
          Users
        </NavLink>
      ) : null}
    </nav>
  );
}

/** `nav` is given only to those who have more than one view (supervisors). */
export function AppHeader({ user, nav }: { user: User; nav?: AppNav }) {
  return (
    <header className="app-header">
      <div className="app-brand">
        <BrandMark size={22} />
        <span>Rapport</span>
      </div>
      {nav ? <Nav {...nav} /> : null}
      <ConnectionIndicator />
      <div className="app-user">
        <AlertsToggle />
        {user.role === 'agent' || user.role === 'lead' ? <AvailabilityToggle /> : null}
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
