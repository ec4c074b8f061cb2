import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { contentSecurityPolicy, policyFor, servedOverHttps } from './security-headers.js';

const directives = (policy: string): Map<string, string[]> =>
  new Map(policy.split('; ').map((d) => {
    const [name, ...values] = d.split(' ');
    return [name!, values];
  }));

describe('policyFor', () => {
  it.each([
    ['/', 'app'],
    ['/c/123', 'app'],
    ['/assets/index.js', 'app'],
    ['/api/conversations', 'app'],
    ['/api/docs', 'docs'],
    ['/api/docs/swagger-ui-init.js', 'docs'],
    ['/api/docs-json', 'app'],
    ['/admin/queues', 'board'],
    ['/admin/queues/api/queues', 'board'],
    ['/admin/queuesx', 'app'],
  ])('%s → %s', (path, policy) => {
    expect(policyFor(path)).toBe(policy);
  });
});

describe('contentSecurityPolicy', () => {
  it('keeps the client to its own scripts and styles, unframeable, with its socket on this host', () => {
    const csp = directives(contentSecurityPolicy('app', { host: 'localhost:3000', https: false }));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://localhost:3000', 'wss://localhost:3000']);
    expect(csp.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:', 'https:']));
  });

  it('upgrades insecure requests only over https', () => {
    expect(contentSecurityPolicy('app', { host: 'a.example', https: false })).not.toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy('app', { host: 'a.example', https: true })).toContain('upgrade-insecure-requests');
  });

  it('never puts an odd Host header into the policy', () => {
    const csp = contentSecurityPolicy('app', { host: 'evil; script-src *', https: false });
    expect(directives(csp).get('connect-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('*');
  });

  it('allows inline styles for the Swagger UI and the board, and the board its fonts, but never inline scripts', () => {
    const docs = directives(contentSecurityPolicy('docs', { host: 'a.example', https: false }));
    const board = directives(contentSecurityPolicy('board', { host: 'a.example', https: false }));
    expect(docs.get('style-src')).toContain("'unsafe-inline'");
    expect(board.get('style-src')).toEqual(["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com']);
    expect(board.get('font-src')).toContain('https://fonts.gstatic.com');
    for (const csp of [docs, board]) {
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    }
  });
});

describe('servedOverHttps', () => {
  const request = (headers: Record<string, string>, secure?: boolean) => ({ headers, secure }) as unknown as IncomingMessage & { secure?: boolean };

  it('is true over TLS, and behind a proxy that says https', () => {
    expect(servedOverHttps(request({}, true))).toBe(true);
    expect(servedOverHttps(request({ 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(servedOverHttps(request({ 'x-forwarded-proto': 'HTTPS, http' }))).toBe(true);
  });

  it('is false on plain http', () => {
    expect(servedOverHttps(request({}))).toBe(false);
    expect(servedOverHttps(request({ 'x-forwarded-proto': 'http' }))).toBe(false);
  });
});
