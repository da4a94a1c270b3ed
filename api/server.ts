import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../db/store';
import { loadCityPack } from '../seeds/packs';
import { createApp } from './app';
import { edgeSettingsOf } from './edge/envFields';
import { EnvError, parseEnv } from './env';
import { listenHttp } from './httpServer';
import { RETENTION_SWEEP_MS } from './privacy/settings';
import { ensureDemoAccounts } from './auth/demoAccounts';
import { OVERDUE_SWEEP_MS, createRuntime } from './runtime';
import { ALERT_EXPIRY_SWEEP_MS } from './alerts/expiry';
import { startSimulation } from './simulation/start';

async function main() {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv(process.env);
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(`citydesk: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const pack = await loadCityPack(env.CITY);
  const store = await openStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: join(env.DATA_DIR, 'pglite'),
    publicIdPrefix: pack.publicIdPrefix,
    timezone: pack.timezone,
  });
  const runtime = await createRuntime({
    store,
    pack,
    overdueSweepMs: OVERDUE_SWEEP_MS,
    alertExpirySweepMs: ALERT_EXPIRY_SWEEP_MS,
    analytics: { background: true },
    auth: { sessionIdleMs: env.SESSION_IDLE_MIN * 60_000, sessionMaxMs: env.SESSION_MAX_HOURS * 3_600_000 },
    map: { styleUrl: env.MAP_STYLE_URL, pmtilesFile: env.MAP_PMTILES },
    edge: edgeSettingsOf(env),
    privacy: {
      publicDelayMin: env.PUBLIC_DELAY_MIN,
      contactRetentionDays: env.CONTACT_RETENTION_DAYS,
      retentionSweepMs: RETENTION_SWEEP_MS,
    },
  });
  const dashboardDir = fileURLToPath(new URL('../dist/dashboard', import.meta.url));
  const app = createApp(runtime, { dashboardDir: existsSync(dashboardDir) ? dashboardDir : undefined });
  // Listen first, so the API answers (between backfill batches) while history loads.
  const { server, port } = await listenHttp(app.fetch, { port: env.PORT });
  const db = env.DATABASE_URL ? 'Postgres' : `embedded PGlite in ${env.DATA_DIR}`;
  console.log(`citydesk: ${pack.nameEn} on http://localhost:${port} (${db})`);
  await ensureDemoAccounts(store, pack, env.SIMULATE.mode !== 'off', (line) => console.log(line));
  const simulation = await startSimulation(runtime, env);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await simulation.stop();
    server.close();
    await runtime.stop();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`citydesk: failed to start: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
