// The deploy drill's link to docs/operations.md: the shell blocks marked
// `<!-- deploy-step: NAME -->` there are read and run as written.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const doc = path.resolve(__dirname, '../../docs/operations.md');

/** The text of the shell block that follows `<!-- deploy-step: name -->` in docs/operations.md. */
export function deployBlock(name: string): string {
  const text = readFileSync(doc, 'utf8');
  const marker = `<!-- deploy-step: ${name} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`docs/operations.md has no ${marker}`);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at + marker.length));
  if (!block) throw new Error(`no sh block after ${marker}`);
  return block[1];
}

/**
 * Runs the doc's block `name` with bash (`set -e`) in `cwd` with exactly `env`.
 * In the foreground it returns what the block printed, and throws with its
 * output when a command fails; with `background` it returns the running
 * process (a block that ends in `exec camp-connect serve`).
 */
export function deployStep(name: string, env: NodeJS.ProcessEnv, cwd: string): string;
export function deployStep(name: string, env: NodeJS.ProcessEnv, cwd: string, opts: { background: true }): ChildProcess;
export function deployStep(
  name: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  opts?: { background: true },
): string | ChildProcess {
  const script = `set -euo pipefail\n${deployBlock(name)}`;
  if (opts?.background) {
    const child = spawn('bash', ['-c', script], { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
    return child;
  }
  try {
    return execFileSync('bash', ['-c', script], { env, cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`deploy step "${name}" failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** A TCP port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200 (60 s at most). */
export async function waitForHttp(url: string): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer 200 within 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
