import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A service started as its own process, as in production. */
export interface BenchProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a TypeScript entry point with the swc loader and waits until `readyPath` answers 200. */
export async function startProcess(entry: string, env: NodeJS.ProcessEnv, readyPath = '/health/ready'): Promise<BenchProcess> {
  const port = await freePort();
  const profile = process.env.BENCH_PROFILE_DIR && entry.includes(process.env.BENCH_PROFILE_ENTRY ?? '\u0000')
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, '-r', '@swc-node/register', entry], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}${readyPath}`, { method: readyPath === '/' ? 'POST' : 'GET' })
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${entry} was not ready in time`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
