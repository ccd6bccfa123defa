/** One service of the pipeline as its own child process, for bench:e2e and test:chaos. */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { TcpProxy } from '@front-agent/testing';
import { sleep } from './bench-helpers';

export type ServiceName = 'webhook-ingress' | 'integration-settings' | 'conversation-sync' | 'ai-responder';

const ENTRY: Record<ServiceName, string> = {
  'webhook-ingress': 'apps/webhook-ingress/src/main.ts',
  'integration-settings': 'apps/integration-settings/src/main.ts',
  'conversation-sync': 'apps/conversation-sync/src/main.ts',
  'ai-responder': 'apps/ai-responder/src/main.ts',
};

/** One service process; restartable on the same port with the same env. */
export class ServiceProcess {
  child: ChildProcess | undefined;
  readonly url: string;
  private log: WriteStream | undefined;
  starts = 0;

  constructor(
    readonly name: ServiceName,
    readonly replica: number,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logFile: string | undefined,
    readonly proxies: { amqp: TcpProxy; pg: TcpProxy } | undefined,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get id(): string {
    return `${this.name}#${this.replica}`;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    this.starts += 1;
    this.log ??= this.logFile ? createWriteStream(this.logFile, { flags: 'a' }) : undefined;
    const profiled = process.env.BENCH_PROFILE_DIR && this.name === process.env.BENCH_PROFILE_ENTRY;
    const profile = profiled ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    const child = spawn(process.execPath, [...profile, '-r', '@swc-node/register', ENTRY[this.name]], {
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', this.log ? 'pipe' : 'ignore', this.log ? 'pipe' : 'inherit'],
    });
    if (this.log) {
      child.stdout?.pipe(this.log, { end: false });
      child.stderr?.pipe(this.log, { end: false });
    }
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.id} exited (${child.exitCode ?? child.signalCode})`);
      const ok = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) })
        .then((response) => response.ok)
        .catch(() => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${this.id} was not ready within ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  /** Sends a signal and waits for the process to exit. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** SIGKILL right now, without waiting (for use inside a synchronous hook). */
  killNow(): void {
    this.child?.kill('SIGKILL');
  }

  async close(): Promise<void> {
    await this.kill('SIGTERM');
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    this.log = undefined;
  }
}
