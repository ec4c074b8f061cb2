// The open-loop load generator, in its own thread so that socket listeners never delay a send.
// Requests are scheduled on a clock (request i at t0 + i / rate), never waiting for earlier answers;
// when the thread falls behind it sends everything already due at once. Send and answer times and
// statuses go into shared memory that the main thread reads.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { hrMs } from './util.mjs';

const { host, port, path, bodies, signatures, signatureHeader, rate, maxSockets, timeoutMs, warmPath, warmConnections, shared } = workerData;
const sendAt = new Float64Array(shared.sendAt);
const answerAt = new Float64Array(shared.answerAt);
const status = new Int32Array(shared.status);
const total = bodies.length;

const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });

// Everything a request needs is built before the clock starts.
const payloads = bodies.map((body) => Buffer.from(body));
const headers = payloads.map((payload, i) => ({
  'content-type': 'application/json',
  'content-length': String(payload.length),
  ...(signatureHeader ? { [signatureHeader]: signatures[i] } : {}),
}));

let settled = 0;
let staleRetries = 0;
const errorCodes = {};
function settle(i, code) {
  if (status[i] !== 0) return;
  answerAt[i] = hrMs();
  status[i] = code;
  if (++settled === total) parentPort.postMessage({ type: 'done', staleRetries, errorCodes });
}

const TIMEOUT = -2;
const NETWORK_ERROR = -1;

/**
 * A kept-alive connection the server closed just as it was reused fails at once with ECONNRESET/EPIPE
 * before the server read anything; as Node's documentation advises, such a request is sent again (its
 * send time stays that of the first attempt).
 */
function send(i, attempt = 0) {
  if (attempt === 0) sendAt[i] = hrMs();
  const req = http.request({ agent, host, port, path, method: 'POST', headers: headers[i] }, (res) => {
    res.on('error', () => settle(i, NETWORK_ERROR));
    res.on('end', () => settle(i, res.statusCode));
    res.resume();
  });
  req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
  req.on('error', (err) => {
    if (req.reusedSocket && attempt < 2 && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
      staleRetries++;
      send(i, attempt + 1);
      return;
    }
    const code = err.message === 'timeout' ? 'timeout' : (err.code ?? err.message);
    errorCodes[code] = (errorCodes[code] ?? 0) + 1;
    settle(i, err.message === 'timeout' ? TIMEOUT : NETWORK_ERROR);
  });
  req.end(payloads[i]);
}

/** Opens keep-alive connections before the clock starts, so the first second is not all TCP handshakes. */
function warm() {
  if (!warmPath || !warmConnections) return Promise.resolve();
  const one = () =>
    new Promise((resolve) => {
      const req = http.get({ agent, host, port, path: warmPath }, (res) => {
        res.on('end', resolve);
        res.on('error', resolve);
        res.resume();
      });
      req.on('error', resolve);
    });
  return Promise.all(Array.from({ length: warmConnections }, one));
}

function run() {
  const interval = 1000 / rate;
  const t0 = hrMs() + 5;
  let next = 0;
  let maxLag = 0;
  const tick = () => {
    const now = hrMs();
    const due = Math.min(total, Math.floor((now - t0) / interval) + 1);
    while (next < due) {
      send(next);
      maxLag = Math.max(maxLag, sendAt[next] - (t0 + next * interval));
      next++;
    }
    if (next < total) {
      setTimeout(tick, Math.max(0, t0 + next * interval - hrMs()));
    } else {
      parentPort.postMessage({ type: 'scheduled', t0, maxLagMs: maxLag });
    }
  };
  setTimeout(tick, Math.max(0, t0 - hrMs()));
}

parentPort.on('message', (message) => {
  if (message.type === 'start') run();
  if (message.type === 'close') {
    agent.destroy();
    parentPort.close();
  }
});

await warm();
parentPort.postMessage({ type: 'ready' });
