import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A TypeScript child process run by node itself (`node --import tsx`), so that its pid is the
 * process that does the work (for /proc RSS and CPU), talking to us over IPC. BENCH_NODE_ARGS adds
 * node flags to every child, e.g. `BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'`.
 */
export class Child {
  readonly proc: ChildProcess;
  private waiters: Array<{ match: (m: any) => boolean; resolve: (m: any) => void }> = [];
  private exited = false;
  readonly exitedPromise: Promise<number | null>;
  private stderr = '';

  constructor(file: string, env: Record<string, string> = {}, label = file) {
    const path = fileURLToPath(new URL(`../${file}`, import.meta.url));
    this.proc = fork(path, [], {
      execArgv: [
        '--import',
        'tsx',
        '--expose-gc',
        '--max-old-space-size=4096',
        ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      ],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.proc.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.proc.on('message', (m: any) => {
      const i = this.waiters.findIndex((w) => w.match(m));
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve(m);
    });
    this.exitedPromise = new Promise((resolve) =>
      this.proc.once('exit', (code) => {
        this.exited = true;
        for (const w of this.waiters) w.resolve({ type: 'exited', code, stderr: this.stderr });
        this.waiters = [];
        if (code && code !== 0) console.error(`${label} exited with ${code}: ${this.stderr}`);
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.proc.pid!;
  }

  /** Next message of this type (or the exit, which rejects). */
  next<T = any>(type: string, timeoutMs = 120_000): Promise<T> {
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(new Error(`child exited before "${type}": ${this.stderr}`));
      const timer = setTimeout(
        () => reject(new Error(`timeout waiting for "${type}" from child ${this.pid}`)),
        timeoutMs,
      );
      this.waiters.push({
        match: (m) => m?.type === type || m?.type === 'exited' || m?.type === 'error',
        resolve: (m) => {
          clearTimeout(timer);
          if (m.type === 'exited') reject(new Error(`child exited (${m.code}) before "${type}": ${m.stderr}`));
          else if (m.type === 'error' && type !== 'error') reject(new Error(`child error: ${m.message}`));
          else resolve(m);
        },
      });
    });
  }

  send(msg: unknown) {
    this.proc.send(msg as never);
  }

  /** Sends a request and waits for its reply type. */
  async ask<T = any>(msg: { cmd: string; [k: string]: unknown }, reply: string, timeoutMs?: number): Promise<T> {
    const p = this.next<T>(reply, timeoutMs);
    this.send(msg);
    return p;
  }

  async stop(timeoutMs = 10_000) {
    if (this.exited) return;
    try {
      this.send({ cmd: 'stop' });
    } catch {}
    const t = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    await this.exitedPromise;
    clearTimeout(t);
  }
}
