import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test support for the polled adapters' specs (not imported by production code): a real local HTTP
 * server standing in for a platform API (no fetch mocks), answering from a queue so that one poll can
 * read several pages.
 */

export interface PlatformHit {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: string;
}

export interface PlatformAnswer {
  status: number;
  /** Objects are sent as JSON, strings as they are. */
  body: unknown;
  headers?: Record<string, string>;
}

export class FakePlatform {
  readonly hits: PlatformHit[] = [];
  url = '';
  private answers: PlatformAnswer[] = [];
  private server: Server | null = null;

  /** Answers for the next requests, in order; the last one keeps being given once the others are used. */
  answer(...answers: PlatformAnswer[]): void {
    this.answers = answers;
  }

  /** Forgets earlier requests and answers (between tests). */
  reset(): void {
    this.hits.length = 0;
    this.answers = [];
  }

  last(): PlatformHit {
    const hit = this.hits.at(-1);
    if (!hit) throw new Error('the fake platform received no request');
    return hit;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://fake.invalid');
        this.hits.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
        const next = (this.answers.length > 1 ? this.answers.shift() : this.answers[0]) ?? { status: 500, body: { error: 'no answer set in the test' } };
        const body = typeof next.body === 'string' ? next.body : JSON.stringify(next.body);
        res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  }
}

/** A port nothing listens on, for network-error cases. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
