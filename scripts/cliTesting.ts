import { spawn } from 'node:child_process';
import { join } from 'node:path';

const TSX = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * `npm run <script> -- …` as an operator runs it: its own process on the test's PGlite DATA_DIR
 * (never the machine's Postgres), with `stdin` written and closed.
 */
export function runCliScript(script: string, dataDir: string, args: string[], stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(import.meta.dirname, script), ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
    child.stdin.end(stdin);
  });
}
