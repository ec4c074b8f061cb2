import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiRequestError, NETWORK_ERROR_STATUS } from '../../lib/api-client';
import { saveSession } from '../../lib/session-store';
import { BrandMark } from '../../ui/brand-mark';
import { login } from './auth-api';

const DEMO_EMAIL = 'agent1@rapport.test';
const DEMO_PASSWORD = 'rapport-demo';

function describeLoginError(error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.statusCode === 401) return 'Wrong email or password.';
    if (error.statusCode === 429) return 'Too many attempts. Wait a moment and try again.';
    if (error.statusCode === NETWORK_ERROR_STATUS) return error.message;
    if (error.statusCode >= 500) return 'The server had a problem signing you in. Try again shortly.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({ mutationFn: login, onSuccess: saveSession });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.mutate({ email: email.trim(), password });
  };

  const fillDemo = () => {
    setEmail(DEMO_EMAIL);
    setPassword(DEMO_PASSWORD);
    mutation.reset();
  };

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

        <div id="login-error" className="form-error" role="alert" data-testid="login-error">
          {mutation.isError ? describeLoginError(mutation.error) : null}
        </div>

        <button data-testid="login-submit" className="button button-primary button-block" type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Signing in…' : 'Sign in'}
        </button>

        <p className="login-hint">
          Demo: <button type="button" className="link-button" onClick={fillDemo}>{DEMO_EMAIL}</button> / {DEMO_PASSWORD}
        </p>
      </form>
    </div>
  );
}
