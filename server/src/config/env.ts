import { z } from 'zod';

const bool = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');

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
  JWT_TTL: z.string().default('12h'),
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
});

export type AppConfig = z.infer<typeof envSchema>;

/** Workers per queue besides inbound: outbound, poll, routing and profile lookups. */
export const WORKER_CONCURRENCY = { outbound: 4, poll: 4, routing: 4, profiles: 4, sla: 4, timers: 2 } as const;
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
  return config;
}

export const CONFIG = Symbol('CONFIG');
