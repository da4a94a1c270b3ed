import type { FeatureCollection } from 'geojson';
import { describe, expect, it, vi } from 'vitest';
import { createOverlayLoader, isLive, overlayUrl, overlaysToFetch, type Loaded } from './overlayData';
import type { OverlayInfo } from './types';

const o = (code: string, kind: OverlayInfo['kind'], live?: boolean): OverlayInfo => ({
  code,
  kind,
  nameVi: code,
  nameEn: code,
  source: 's',
  licence: 'l',
  simulated: false,
  live,
});
const fc = (n: number): FeatureCollection => ({
  type: 'FeatureCollection',
  features: Array(n).fill({ type: 'Feature', properties: {}, geometry: null }),
});

const air = o('air', 'environment');
const bus = o('bus', 'transit');
const plan = o('plan', 'planning');

describe('isLive', () => {
  it('defaults by kind and honours the flag', () => {
    expect(isLive(air)).toBe(true);
    expect(isLive(o('t', 'traffic'))).toBe(true);
    expect(isLive(bus)).toBe(false);
    expect(isLive(o('p', 'planning', true))).toBe(true);
  });
});

describe('overlaysToFetch', () => {
  const loaded = new Map<string, Loaded>([
    ['air', { data: fc(1), version: 1 }],
    ['bus', { data: fc(1), version: 1 }],
  ]);
  it.each([
    ['only enabled ones', new Set(['plan']), new Set<string>(), 1, ['plan']],
    ['static overlays once', new Set(['bus']), new Set<string>(), 5, []],
    ['live overlays again on a new version', new Set(['air', 'bus']), new Set<string>(), 2, ['air']],
    ['live overlays not again at the same version', new Set(['air']), new Set<string>(), 1, []],
    ['nothing already in flight', new Set(['plan', 'air']), new Set(['plan']), 2, ['air']],
  ])('%s', (_, enabled, inFlight, version, want) => {
    expect(overlaysToFetch([air, bus, plan], enabled, loaded, inFlight, version).map((x) => x.code)).toEqual(want);
  });
});

describe('createOverlayLoader', () => {
  it('fetches each enabled overlay and publishes a new map each time', async () => {
    const get = vi.fn(async (url: string) => (url === overlayUrl('air') ? fc(2) : fc(3)));
    const seen: ReadonlyMap<string, Loaded>[] = [];
    const loader = createOverlayLoader(get, (m) => seen.push(m), { minIntervalMs: 0 });
    await loader.sync([air, bus], new Set(['air', 'bus']), 0);
    expect(get).toHaveBeenCalledTimes(2);
    expect(seen.at(-1)!.get('air')!.data.features).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    const busData = seen.at(-1)!.get('bus')!.data;

    await loader.sync([air, bus], new Set(['air', 'bus']), 1);
    expect(get).toHaveBeenCalledTimes(3); // only the live one
    expect(seen.at(-1)!.get('bus')!.data).toBe(busData); // untouched reference
    loader.dispose();
  });

  it('catches up with a version bump that came while a fetch was in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const get = vi.fn(async () => {
      if (get.mock.calls.length === 1) await gate;
      return fc(1);
    });
    const versions: number[] = [];
    const loader = createOverlayLoader(get, (m) => versions.push(m.get('air')!.version), { minIntervalMs: 0 });
    const first = loader.sync([air], new Set(['air']), 1);
    await loader.sync([air], new Set(['air']), 2); // skipped: in flight
    release();
    await first;
    expect(versions).toEqual([1, 2]);
  });

  it('refetches a live overlay at most once per interval, then catches up with the latest version', async () => {
    let clock = 0;
    const timers: (() => void)[] = [];
    const get = vi.fn(async () => fc(1));
    const versions: number[] = [];
    const loader = createOverlayLoader(get, (m) => versions.push(m.get('air')!.version), {
      minIntervalMs: 20_000,
      now: () => clock,
      setTimeout: (fn) => timers.push(fn),
      clearTimeout: () => {},
    });
    const enabled = new Set(['air']);
    await loader.sync([air], enabled, 1); // first load: at once
    clock = 5_000;
    await loader.sync([air], enabled, 2); // too soon: deferred
    clock = 9_000;
    await loader.sync([air], enabled, 3); // still too soon; one timer only
    expect(get).toHaveBeenCalledTimes(1);
    expect(timers).toHaveLength(1);
    clock = 20_000;
    timers[0]();
    await vi.waitFor(() => expect(versions).toEqual([1, 3]));
    expect(get).toHaveBeenCalledTimes(2);
    loader.dispose();
  });

  it('reports a failed fetch and retries on the next sync', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const get = vi.fn().mockRejectedValueOnce(new Error('HTTP 500')).mockResolvedValue(fc(1));
      const onChange = vi.fn();
      const loader = createOverlayLoader(get, onChange);
      await loader.sync([bus], new Set(['bus']), 0);
      expect(onChange).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledOnce();
      await loader.sync([bus], new Set(['bus']), 0);
      expect(onChange).toHaveBeenCalledOnce();
    } finally {
      warn.mockRestore();
    }
  });

  it('rejects what is not a FeatureCollection', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const onChange = vi.fn();
      await createOverlayLoader(async () => ({ error: 'x' }), onChange).sync([bus], new Set(['bus']), 0);
      expect(onChange).not.toHaveBeenCalled();
      expect(String(warn.mock.calls[0][0])).toMatch(/not a GeoJSON FeatureCollection/);
    } finally {
      warn.mockRestore();
    }
  });
});
