// The load balancer of the deploy drill (tests/deploy.spec.ts): terminates
// TLS, as docs/operations.md asks of the real one, and sends requests to the
// instances in turn, so a person's requests land on both. Each answer names
// the instance that gave it in `x-upstream`, for the test to check.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const port = Number(process.env.PROXY_PORT);
const upstreams = (process.env.PROXY_UPSTREAMS ?? '').split(',').filter(Boolean);
if (!port || upstreams.length === 0) {
  console.error('PROXY_PORT and PROXY_UPSTREAMS (host:port,host:port) are required');
  process.exit(2);
}
// Pages and everything else (scripts, styles, server functions) take turns
// apart: with one shared turn, a page without JavaScript (the page, then
// its stylesheet) would land on the same instance every time.
const turns = { document: 0, other: 0 };

const server = https.createServer(
  { key: readFileSync(process.env.PROXY_KEY), cert: readFileSync(process.env.PROXY_CERT) },
  (req, res) => {
    const kind = req.headers['sec-fetch-dest'] === 'document' ? 'document' : 'other';
    const target = upstreams[turns[kind]++ % upstreams.length];
    const [host, upstreamPort] = target.split(':');
    const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress, 'x-forwarded-proto': 'https' };
    const forward = http.request({ host, port: Number(upstreamPort), method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-upstream': target });
      answer.pipe(res);
    });
    forward.on('error', (err) => {
      res.writeHead(502, { 'content-type': 'text/plain', 'x-upstream': target });
      res.end(`upstream ${target}: ${err.message}`);
    });
    req.pipe(forward);
  },
);

server.listen(port, '127.0.0.1', () => console.log(`TLS proxy at https://127.0.0.1:${port} → ${upstreams.join(', ')}`));
