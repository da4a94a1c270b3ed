import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The dependency arrows between the project's folders, checked on every import statement of
 * every .ts/.tsx file. Tests are exempt: they hold one layer against another (the simulator's
 * plans against the API's SLA, a query against the batcher that feeds it), which is their job.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Layer = 'core' | 'geo' | 'db' | 'seeds' | 'api' | 'dashboard' | 'scripts' | 'bench';

/** Which layers each layer may import (itself always); `typeOnly` ones only with `import type`. */
const ALLOWED: Record<Layer, { any: Layer[]; typeOnly?: Layer[] }> = {
  // The shared vocabulary: pure, depends on nothing of ours.
  core: { any: [] },
  geo: { any: ['core'] },
  // Storage knows the vocabulary and geometry, never the pack builders (db compiles without seeds/).
  db: { any: ['core', 'geo'] },
  // Pack builders and the simulator; seeds/packs.ts stores nothing, so no db either.
  seeds: { any: ['core', 'geo'] },
  api: { any: ['core', 'geo', 'db', 'seeds'] },
  // The browser bundle: shared vocabulary and geometry, and the API's wire types (erased at build).
  dashboard: { any: ['core', 'geo'], typeOnly: ['api'] },
  // Tools around the server may use any of it, but nothing leans on them.
  scripts: { any: ['core', 'geo', 'db', 'seeds', 'api'] },
  bench: { any: ['core', 'geo', 'db', 'seeds', 'api', 'scripts'] },
};

const SOURCE_DIRS: Array<[Layer, string]> = [
  ['core', 'core'],
  ['geo', 'geo'],
  ['db', 'db'],
  ['seeds', 'seeds'],
  ['api', 'api'],
  ['dashboard', 'dashboard/src'],
  ['scripts', 'scripts'],
  ['bench', 'bench'],
];

/** `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, with whether it is type-only. */
const IMPORT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

interface ImportEdge {
  file: string;
  spec: string;
  typeOnly: boolean;
}

function importsOf(file: string, text: string): ImportEdge[] {
  const out: ImportEdge[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    out.push({ file, spec, typeOnly: Boolean(m[2]) });
  }
  return out;
}

/** The layer a path inside the repository belongs to, or null (node_modules, root config). */
function layerOf(repoPath: string): Layer | null {
  for (const [layer, dir] of SOURCE_DIRS) if (repoPath === dir || repoPath.startsWith(`${dir}/`)) return layer;
  return null;
}

/** The arrows that point the wrong way among `edges` (paths relative to the repository root). */
function violations(edges: ImportEdge[]): string[] {
  const out: string[] = [];
  for (const { file, spec, typeOnly } of edges) {
    if (!spec.startsWith('.')) continue;
    const from = layerOf(file);
    const to = layerOf(
      relative(ROOT, resolve(ROOT, dirname(file), spec))
        .split('\\')
        .join('/'),
    );
    if (!from || !to || from === to) continue;
    const rule = ALLOWED[from];
    if (rule.any.includes(to)) continue;
    if (typeOnly && rule.typeOnly?.includes(to)) continue;
    out.push(`${file}: ${from} → ${to}${typeOnly ? ' (type)' : ''} via '${spec}'`);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'e2e') out.push(...sourceFiles(path));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe('layering', () => {
  const files = SOURCE_DIRS.flatMap(([, dir]) => sourceFiles(dir));

  it('reads the imports of every source file', () => {
    // Guards the reader itself: a regex that matched nothing would make the next test pass vacuously.
    expect(files.length).toBeGreaterThan(100);
    const edges = files.flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(edges.filter((e) => e.spec.startsWith('.')).length).toBeGreaterThan(files.length);
  });

  it('has every arrow pointing the allowed way', () => {
    const edges = files.flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(violations(edges)).toEqual([]);
  });

  // [file, source, expected finding]
  it.each([
    ['core/x.ts', "import { openStore } from '../db/store';", 'core → db'],
    ['core/x.ts', "import type { CityPack } from '../seeds/hanoi/pack';", 'core → seeds (type)'],
    ['geo/x.ts', "export { a } from '../api/app';", 'geo → api'],
    ['db/x.ts', "import type { CityPack } from '../seeds/packs';", 'db → seeds (type)'],
    ['seeds/x.ts', "const m = await import('../db/store');", 'seeds → db'],
    ['seeds/simulator/x.ts', "import { decideTransition } from '../../api/domain/lifecycle';", 'seeds → api'],
    ['dashboard/src/data/x.ts', "import { app } from '../../../api/app';", 'dashboard → api'],
    ['api/x.ts', "import { App } from '../dashboard/src/App';", 'api → dashboard'],
    ['db/x.ts', "import '../bench/run';", 'db → bench'],
  ])('catches %s importing the wrong way: %s', (file, source, finding) => {
    const found = violations(importsOf(file, source));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(finding);
  });

  it.each([
    ['dashboard/src/data/x.ts', "import type { AppType } from '../../../api/app';"],
    ['dashboard/src/data/x.ts', "import { REPORT_STATUSES } from '../../../core/statuses';"],
    ['api/x.ts', "import { loadCityPack } from '../seeds/packs';"],
    ['db/queries/x.ts', "import type { CityPack } from '../../core/cityPack';"],
    ['core/x.ts', "import { OPEN_STATUS_LIST } from './statuses';"],
    ['core/x.ts', "import { z } from 'zod';"],
  ])('lets %s import %s', (file, source) => {
    expect(violations(importsOf(file, source))).toEqual([]);
  });
});
