/**
 * `npm start` serves the built dashboard; build it when it is missing or older than its sources,
 * so the README's two commands stay true on a fresh clone without a separate build step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist/dashboard/index.html');

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = [join(root, 'dashboard/src'), join(root, 'dashboard/index.html'), join(root, 'package-lock.json')];
const sourceMtimeMs = Math.max(
  ...sources.map((p) => (statSync(p).isDirectory() ? newestMtimeMs(p) : statSync(p).mtimeMs)),
);

if (!existsSync(built) || statSync(built).mtimeMs < sourceMtimeMs) {
  console.log('citydesk: building the dashboard…');
  await build({ configFile: join(root, 'dashboard/vite.config.ts'), logLevel: 'warn' });
}
