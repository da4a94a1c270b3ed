import type { AppDeps } from '../context';
import { OverlaySimulator } from '../overlays/simulator';
import type { Env } from '../env';
import { AlertSimulation } from './alerts';
import { backfill } from './backfill';
import { InitiativeSimulation } from './initiatives';
import { LiveSimulation } from './live';
import { ReceptionSimulation } from './reception';

/**
 * The demo: on a database with no reports yet, backfill history; then keep citizens and agencies
 * busy live, and the overlays' readings ticking. `SIMULATE=off` does none of it.
 */
export async function startSimulation(deps: AppDeps, env: Pick<Env, 'SIMULATE' | 'BACKFILL'>) {
  if (env.SIMULATE.mode === 'off') return { stop: async () => {} };
  const { reports } = await deps.store.reports.counts();
  if (reports === 0) {
    const started = Date.now();
    const what = 'days' in env.BACKFILL ? `${env.BACKFILL.days} days` : `${env.BACKFILL.reports} reports`;
    console.log(`citydesk: first run, backfilling ${what} of history…`);
    let shown = 0;
    const n = await backfill(deps, env.BACKFILL, deps.now(), 2026, (stored) => {
      if (stored - shown >= 50_000) console.log(`citydesk: … ${(shown = stored)} reports`);
    });
    console.log(`citydesk: backfilled ${n} reports in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const rateSpec =
    env.SIMULATE.mode === 'rate'
      ? { mode: 'rate' as const, perSecond: env.SIMULATE.perSecond }
      : { mode: 'on' as const };
  const live = new LiveSimulation(deps, rateSpec);
  await live.start();
  const rate = env.SIMULATE.mode === 'rate' ? `${env.SIMULATE.perSecond}/s` : 'the daily rhythm';
  console.log(`citydesk: live simulator on (${rate}); ${live.planned} agency actions planned`);
  // Overlays (air quality, congestion, incidents) are simulated too: no open live feed exists.
  const overlays = new OverlaySimulator(deps.store.layers, deps.now, {
    center: deps.pack.center,
    timezone: deps.pack.timezone,
  });
  await overlays.start();
  if (overlays.layers.length) console.log(`citydesk: overlay simulator on (${overlays.layers.join(', ')})`);
  // Alerts and news, ideas, and reception bookings: only where the pack brings their content
  // (their text is Hanoi's, in Vietnamese; see seeds/README.md).
  const extras = deps.pack.simulator.extras;
  // A few alerts an hour (some drawn, some over an area), each expiring by itself, and some news.
  const alerts = extras.includes('alerts') ? new AlertSimulation(deps) : null;
  if (alerts) {
    await alerts.start();
    console.log('citydesk: alert simulator on');
  }
  // Ideas filed, supported and answered (a week of them on a first run).
  const initiatives = extras.includes('initiatives') ? new InitiativeSimulation(deps, rateSpec) : null;
  if (initiatives) {
    await initiatives.start();
    console.log(`citydesk: initiative simulator on (${initiatives.counters.submitted} backfilled)`);
  }
  // Every office's sessions for the coming week of working days, booked through the day, attendance marked.
  const reception = extras.includes('reception') ? new ReceptionSimulation(deps) : null;
  if (reception) {
    await reception.start();
    console.log(`citydesk: reception simulator on (${reception.counters.published} sessions published)`);
  }
  return {
    stop: async () => {
      await reception?.stop();
      await alerts?.stop();
      await initiatives?.stop();
      await overlays.stop();
      await live.stop();
    },
  };
}
