// A tiny stand-in for the Graph API, pointed at by the bench channel's `apiBaseUrl`:
//   GET  /{version}/{psid}?fields=first_name,last_name  → { first_name, last_name, id }   (User Profile API)
//   POST /{version}/{page-id}/messages                  → { recipient_id, message_id }     (Send API)
// Every answer waits `delayMs` first (0 for a healthy platform, 2000 for a slow one).
import http from 'node:http';

export async function startFakeGraph({ delayMs = 0 } = {}) {
  const counts = { profile: 0, send: 0, other: 0 };
  let nextMessage = 1;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://graph.local');
    const parts = url.pathname.split('/').filter(Boolean);
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let status = 200;
      let body;
      if (req.method === 'GET' && parts.length === 2) {
        counts.profile++;
        const psid = decodeURIComponent(parts[1]);
        body = { first_name: 'Bench', last_name: `Customer ${psid.slice(-4)}`, id: psid };
      } else if (req.method === 'POST' && parts.length === 3 && parts[2] === 'messages') {
        counts.send++;
        let recipient = null;
        try {
          recipient = JSON.parse(Buffer.concat(chunks).toString('utf8'))?.recipient?.id ?? null;
        } catch {
          /* answered anyway */
        }
        body = { recipient_id: recipient, message_id: `m_bench_reply_${nextMessage++}` };
      } else {
        counts.other++;
        status = 404;
        body = { error: { message: `Unknown path ${url.pathname}`, type: 'GraphMethodException', code: 100 } };
      }
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      }, delayMs);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
