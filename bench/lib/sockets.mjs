// socket.io listeners: every socket records, for every bench message of the current run, when its
// `message.created` arrived. The text of each bench message starts with `<run prefix><index>`.
import { io } from 'socket.io-client';
import { hrMs, sleep } from './util.mjs';

export class SocketPool {
  constructor(label) {
    this.label = label;
    this.sockets = [];
    this.run = null;
    this.events = 0;
    this.disconnects = 0;
    this.sample = null;
  }

  /**
   * Opens `count` sockets (websocket transport, no reconnection) and resolves once each one got the
   * server's `ready` (Rapport sends it after placing the socket in its rooms).
   */
  async connect(url, { token, count = 1, batch = 25, timeoutMs = 30_000 } = {}) {
    const openOne = () =>
      new Promise((resolve, reject) => {
        const socket = io(url, { transports: ['websocket'], auth: token ? { token } : {}, forceNew: true, reconnection: false, timeout: timeoutMs });
        const k = this.sockets.length;
        this.sockets.push(socket);
        socket.on('message.created', (payload) => this.record(k, payload));
        socket.onAny(() => {
          this.events++;
        });
        const timer = setTimeout(() => reject(new Error(`${this.label}: socket ${k} got no "ready" within ${timeoutMs} ms`)), timeoutMs);
        socket.once('ready', () => {
          clearTimeout(timer);
          socket.on('disconnect', () => {
            this.disconnects++;
          });
          resolve();
        });
        socket.once('connect_error', (err) => {
          clearTimeout(timer);
          reject(new Error(`${this.label}: socket ${k} could not connect: ${err.message}`));
        });
      });
    for (let opened = 0; opened < count; opened += batch) {
      await Promise.all(Array.from({ length: Math.min(batch, count - opened) }, openOne));
    }
  }

  get size() {
    return this.sockets.length;
  }

  /** Starts recording a run of `n` messages whose texts start with `prefix`. */
  track(prefix, n) {
    this.run = { prefix, n, width: this.sockets.length, arrivals: new Float64Array(n * this.sockets.length).fill(NaN), delivered: 0, duplicates: 0, events0: this.events, disconnects0: this.disconnects };
    return this.run;
  }

  stopTracking() {
    const run = this.run;
    this.run = null;
    if (run) {
      run.events = this.events - run.events0;
      run.disconnects = this.disconnects - run.disconnects0;
    }
    return run;
  }

  record(k, payload) {
    const at = hrMs();
    const run = this.run;
    if (!run || k >= run.width) return;
    const text = payload?.message?.text;
    if (typeof text !== 'string' || !text.startsWith(run.prefix)) return;
    const i = Number.parseInt(text.slice(run.prefix.length), 10);
    if (!(i >= 0 && i < run.n)) return;
    const slot = k * run.n + i;
    if (!Number.isNaN(run.arrivals[slot])) {
      run.duplicates++;
      return;
    }
    run.arrivals[slot] = at;
    run.delivered++;
    this.sample ??= payload;
  }

  /** Resolves once no event has arrived for `quietMs` (or after `maxMs`): connection storms settle. */
  async quiet(quietMs = 1000, maxMs = 30_000) {
    const until = hrMs() + maxMs;
    let last = this.events;
    let since = hrMs();
    while (hrMs() < until) {
      await sleep(100);
      if (this.events !== last) {
        last = this.events;
        since = hrMs();
      } else if (hrMs() - since >= quietMs) return;
    }
  }

  close() {
    for (const socket of this.sockets) socket.disconnect();
    this.sockets = [];
  }
}
