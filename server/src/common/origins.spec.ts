import { describe, expect, it } from '@jest/globals';
import { originAllowed, parseOriginList } from './origins.js';

describe('parseOriginList', () => {
  it('takes comma-separated origins as browsers send them', () => {
    expect(parseOriginList('https://care.example.com, http://localhost:5173')).toEqual(['https://care.example.com', 'http://localhost:5173']);
  });

  it('normalises case, a trailing slash and a default port, and drops repeats', () => {
    expect(parseOriginList('HTTPS://Care.Example.com/,https://care.example.com:443')).toEqual(['https://care.example.com']);
  });

  it('is empty for nothing but commas and spaces', () => {
    expect(parseOriginList(' , ')).toEqual([]);
  });

  it.each([
    ['a wildcard', 'https://*.example.com'],
    ['a bare star', '*'],
    ['a path', 'https://care.example.com/inbox'],
    ['a query', 'https://care.example.com?x=1'],
    ['credentials', 'https://user:pw@care.example.com'],
    ['another scheme', 'ftp://care.example.com'],
    ['a host without scheme', 'care.example.com'],
  ])('refuses %s with a reason', (_, value) => {
    expect(parseOriginList(`https://ok.example,${value}`)).toEqual({ error: expect.stringContaining(`"${value}"`) });
  });
});

describe('originAllowed', () => {
  const allowed = ['https://care.example.com'];

  it('lets through requests without an Origin (platforms, curl, the server itself)', () => {
    expect(originAllowed(undefined, ['rapport.example.com'], allowed)).toBe(true);
  });

  it('lets through the server’s own host, whatever the scheme a proxy in front speaks', () => {
    expect(originAllowed('http://localhost:3000', ['localhost:3000'], [])).toBe(true);
    expect(originAllowed('https://rapport.example.com', ['rapport.example.com'], [])).toBe(true);
    expect(originAllowed('https://Rapport.example.com', ['RAPPORT.example.com'], [])).toBe(true);
  });

  it('takes the host a proxy forwards, when it rewrites Host', () => {
    expect(originAllowed('https://rapport.example.com', ['server:3000', 'rapport.example.com'], [])).toBe(true);
    expect(originAllowed('https://rapport.example.com', ['server:3000', 'rapport.example.com, proxy.internal'], [])).toBe(true);
    expect(originAllowed('https://rapport.example.com', ['server:3000', undefined], [])).toBe(false);
  });

  it('lets through a listed origin', () => {
    expect(originAllowed('https://care.example.com', ['rapport.example.com'], allowed)).toBe(true);
  });

  it.each([
    ['another site', 'https://evil.example', 'rapport.example.com'],
    ['the same host on another port', 'http://localhost:4000', 'localhost:3000'],
    ['a listed host with another scheme', 'http://care.example.com', 'rapport.example.com'],
    ['a sandboxed page', 'null', 'rapport.example.com'],
    ['a request without Host', 'https://evil.example', undefined],
  ])('refuses %s', (_, origin, host) => {
    expect(originAllowed(origin, [host], allowed)).toBe(false);
  });
});
