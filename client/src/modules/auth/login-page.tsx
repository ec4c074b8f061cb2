import { useEffect, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiRequestError, NETWORK_ERROR_STATUS } from '../../lib/api-client';
import { saveSession } from '../../lib/session-store';
import { BrandMark } from '../../ui/brand-mark';
import { login } from './auth-api';
import { describeLockout, lockedUntil } from './login-lockout';

const DEMO_EMAIL = 'agent1@rapport.test';
const DEMO_PASSWORD = 'rapport-demo';
/** How often the wait left is told again while locked. */
const LOCKOUT_TICK_MS = 1000;

function describeLoginError(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.statusCode === 401) return error.message === 'This account is deactivated' ? 'This account is deactivated. Ask an admin to reactivate it.' : 'Wrong email or password.';
    if (error.statusCode === NETWORK_ERROR_STATUS) return error.message;
    if (error.statusCode >= 500) return 'The server had a problem signing you in. Try again shortly.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}

/** Until when sign-in is locked (429), re-rendered every second so the wait left stays true and the button comes back. */
function useLockout(): { until: number | null; now: number; lock: (until: number | null) => void } {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = window.setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) setUntil(null);
    }, LOCKOUT_TICK_MS);
    return () => window.clearInterval(timer);
  }, [until]);
  const lock = (next: number | null) => {
    setNow(Date.now());
    setUntil(next);
  };
  return { until, now, lock };
}

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const lockout = useLockout();
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: saveSession,
    onError: (error) => lockout.lock(lockedUntil(error instanceof ApiRequestError ? error : null, Date.now())),
  });
  const locked = lockout.until !== null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending || locked) return;
    mutation.mutate({ email: email.trim(), password });
  };

  const fillDemo = () => {
    setEmail(DEMO_EMAIL);
    setPassword(DEMO_PASSWORD);
    if (!locked) mutation.reset();
  };

  const message = lockout.until !== null ? describeLockout(lockout.until, lockout.now) : mutation.isError ? describeLoginError(mutation.error) : null;

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} aria-describedby="login-error">
        <div className="login-brand">
          <BrandMark size={36} />
          <div>
            <h1>Rapport</h1>
            <p className="muted">Sign in to your inbox</p>
          </div>
        </div>

        <label className="field">
          <span>Email</span>
          <input
            data-testid="login-email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>

        <div id="login-error" className="form-error" role="alert" data-testid="login-error" data-locked={locked ? 'true' : undefined}>
          {message}
        </div>

        <button data-testid="login-submit" className="button button-primary button-block" type="submit" disabled={mutation.isPending || locked}>
          {mutation.isPending ? 'Signing in…' : locked ? 'Sign-in locked' : 'Sign in'}
        </button>

        <p className="login-hint">
          Demo: <button type="button" className="link-button" onClick={fillDemo}>{DEMO_EMAIL}</button> / {DEMO_PASSWORD}
        </p>
      </form>
    </div>
  );
}
