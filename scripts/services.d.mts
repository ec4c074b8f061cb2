// Types of the helpers in services.mjs that TypeScript code (the chaos suite) imports.
export const repoRoot: string;
export function tcpOpen(host: string, port: number | string, timeoutMs?: number): Promise<boolean>;
/** null when `SELECT 1` works against url, else the error. */
export function pgError(url: string): Promise<(Error & { code?: string }) | null>;
export function ensureDatabase(url: string, name: string): Promise<string>;
export function redisAnswers(url: string, timeoutMs?: number): Promise<boolean>;
/** First executable of that name on PATH or in extraDirs, else null. */
export function findBinary(name: string, extraDirs?: string[]): string | null;
/** /usr/lib/postgresql/<version>/bin, newest version first. */
export function postgresBinDirs(): string[];
/** Runs a command synchronously (as `user` via runuser when given); throws with its output on failure. */
export function exec(cmd: string, args: string[], user?: string | null): string;
/** The unprivileged account to run Postgres as when we are root, else null. */
export function postgresUser(): string | null;
export function ensureServices(options?: { log?: (line: string) => void; databaseUrl?: string; redisUrl?: string; database?: string }): Promise<{ databaseUrl: string; adminDatabaseUrl: string; redisUrl: string; stop: () => Promise<void> }>;
export function buildWorkspaces(workspaces: string[], options?: { log?: (line: string) => void }): void;
