/** The server accepts IANA names only (an offset would mean the opposite sign to Postgres). */
const IANA_NAME = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/;

/** The browser's IANA timezone, so the server groups by the same local days and hours the page shows. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && IANA_NAME.test(zone) ? zone : 'UTC';
}
