import { z } from 'zod';
import { secretsKeyBytes } from '../modules/channels/secret-box.js';
import { parseOriginList } from '../common/origins.js';
import { lifetimeSeconds } from '../modules/auth/domain/token-lifetime.js';

const bool = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');

/** Public, so only for demos: production refuses it like the JWT_SECRET placeholder. */
export const DEMO_SECRETS_KEY = 'cmFwcG9ydC1kZW1vLXNlY3JldHMta2V5LTMyLWJ5dGU=';
const KEY_FORMAT = '32 bytes as base64 or 64 hex characters (openssl rand -base64 32)';
const secretsKey = z.string().refine((v) => secretsKeyBytes(v) !== null, KEY_FORMAT);

/** Every setting Rapport reads from the environment, with demo defaults where they are safe. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  ROLE: z.enum(['api', 'worker', 'all']).default('all'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/rapport'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Prefix of every Redis key and BullMQ queue, so that several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().min(1).default('rapport'),
  JWT_SECRET: z.string().min(8).default('change-me-in-production'),
  /** Lifetime of an access token (e.g. 15m, 1h); the client renews it with its refresh token. */
  JWT_TTL: z.string().refine((v) => lifetimeSeconds(v) !== null, 'seconds, or a number with s, m, h or d (e.g. 15m)').default('15m'),
  /** Lifetime of a refresh token: how long a session lasts without signing in again. */
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Failed sign-ins of one account within 15 minutes before it is locked (429) until the window passes. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  /** Failed sign-ins from one address, across accounts, within 15 minutes before it is locked. */
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10000).default(20),
  /** Seals channel tokens and secrets at rest (AES-256-GCM); see README, "Rotating SECRETS_KEY". */
  SECRETS_KEY: secretsKey.default(DEMO_SECRETS_KEY),
  /** Keys that sealed before a rotation, comma-separated: only opened with, never sealed with. */
  SECRETS_KEY_PREVIOUS: z
    .string()
    .refine((v) => v.split(',').every((key) => key.trim() === '' || secretsKeyBytes(key) !== null), `each key: ${KEY_FORMAT}`)
    .optional(),
  API_CHANNEL_SECRET: z.string().min(1).default('rapport-demo-api-secret'),
  META_APP_SECRET: z.string().min(1).default('rapport-demo-meta-secret'),
  META_VERIFY_TOKEN: z.string().min(1).default('rapport-demo-verify-token'),
  X_CONSUMER_SECRET: z.string().min(1).default('rapport-demo-x-secret'),
  TELEGRAM_WEBHOOK_SECRET: z.string().min(1).default('rapport-demo-telegram-secret'),
  /** Inbound jobs (webhooks, polled pages) one worker process holds at once; their messages are stored in batches. */
  INBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(128),
  /** Worker processes a ROLE=all server runs beside itself for the queues (0: everything in one process). */
  WORKER_PROCESSES: z.coerce.number().int().min(0).max(32).default(1),
  /** Postgres connections per process; unset: enough for every worker at once plus the API. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).optional(),
  /** How long an agent without a socket keeps their work (away, no new work); after it it is re-routed. */
  ROUTING_OFFLINE_GRACE_SECONDS: z.coerce.number().int().min(0).max(86400).default(120),
  /** First admin of a real deployment, created once when no user has this email. */
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').optional(),
  SIMULATOR: bool.default(true),
  /** Port of the platform simulator (with SIMULATOR=on). */
  SIMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  /** Simulated customer messages per minute (0 pauses the traffic). */
  SIMULATOR_RATE: z.coerce.number().min(0).max(600).default(6),
  DEMO_SEED: bool.default(true),
  /** Where the built client lives; served at `/` when present. */
  CLIENT_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  /** Days a resolved conversation is kept after it was resolved (then deleted by a daily job, figures kept); unset or 0: forever. */
  RETENTION_DAYS: z.coerce.number().int().min(0).max(36500).default(0),
  /** json: one JSON object per line; pretty: coloured lines for a person; auto: pretty only on a terminal outside production. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** Other origins (comma-separated) whose pages may call the API and open sockets; unset: the server's own origin only. */
  CORS_ORIGIN: z
    .string()
    .transform((value, ctx) => {
      const origins = parseOriginList(value);
      if (Array.isArray(origins)) return origins;
      ctx.addIssue({ code: 'custom', message: origins.error });
      return z.NEVER;
    })
    .default([]),
});

export type AppConfig = z.infer<typeof envSchema>;

/** Workers per queue besides inbound: outbound, poll, routing and profile lookups. */
export const WORKER_CONCURRENCY = { outbound: 4, poll: 4, routing: 4, profiles: 4, sla: 4, timers: 2, maintenance: 1 } as const;
/**
 * Inbound transactions (batches of messages) one process writes at once. One: under load the next batch
 * gathers while this one commits, and bigger batches cost less per message than parallel small ones.
 */
export const INBOUND_WRITERS = 1;
/** Connections the API (requests, sockets, the relay) needs besides the workers. */
const API_CONNECTIONS = 8;

/** The pool fits every job the process may run at once, so no worker waits for a connection. */
export function databasePoolSize(config: AppConfig): number {
  if (config.DATABASE_POOL_SIZE) return config.DATABASE_POOL_SIZE;
  // Inbound: the message batches, and a few for delivery receipts of the jobs in flight.
  const inbound = INBOUND_WRITERS + 8;
  const workers = config.ROLE === 'api' ? 0 : inbound + Object.values(WORKER_CONCURRENCY).reduce((a, b) => a + b, 0);
  return workers + (config.ROLE === 'worker' ? 2 : API_CONNECTIONS);
}

/** Validates the environment once at start; a bad value stops the process with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}\nSee .env.example for every variable.`);
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production' && config.JWT_SECRET === 'change-me-in-production') {
    throw new Error('Invalid configuration:\n  JWT_SECRET: set a secret of your own in production.');
  }
  if (config.NODE_ENV === 'production' && config.SECRETS_KEY === DEMO_SECRETS_KEY) {
    throw new Error(`Invalid configuration:\n  SECRETS_KEY: set a key of your own in production, ${KEY_FORMAT}.`);
  }
  return config;
}

export const CONFIG = Symbol('CONFIG');
