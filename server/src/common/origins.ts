/**
 * `CORS_ORIGIN` as a list of origins (`https://care.example.com,http://localhost:5173`), or the reason it
 * is not one. Only scheme, host and port: a path or a wildcard is refused rather than silently widened.
 */
export function parseOriginList(value: string): string[] | { error: string } {
  const origins: string[] = [];
  for (const raw of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { error: `"${raw}" is not an origin like https://care.example.com` };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `"${raw}": only http and https origins` };
    if (raw.includes('*') || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
      return { error: `"${raw}" must be only scheme://host[:port], without a path or wildcard` };
    }
    // As browsers send it: lowercase host, no default port.
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

/** The host an `Origin` header names (`https://a.example:8443` → `a.example:8443`), or null when it is none. */
function originHost(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : null;
  } catch {
    return null;
  }
}

/**
 * Whether a browser page of `origin` may use the API or a socket. No Origin (curl, platforms, the server's
 * own tests) and the server's own host are always fine; any other origin only when CORS_ORIGIN lists it.
 * `ownHosts`: the Host header, and X-Forwarded-Host from a proxy that rewrites Host (a page cannot set
 * that header on a socket, nor on a request without a preflight we would refuse).
 */
export function originAllowed(origin: string | undefined, ownHosts: ReadonlyArray<string | undefined>, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  const host = originHost(origin);
  return host !== null && ownHosts.some((own) => own !== undefined && own.split(',')[0]!.trim().toLowerCase() === host);
}
