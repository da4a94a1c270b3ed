import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, settingsToQuery, statusList } from './settings';

describe('settings in the URL', () => {
  it('round-trips every setting', () => {
    const s = {
      ...DEFAULT_SETTINGS,
      window: '30d' as const,
      group: 'field' as const,
      status: 'overdue' as const,
      metric: 'overdue' as const,
      level: 'commune' as const,
      lang: 'en' as const,
      overlays: ['environment_air_quality', 'transit_bus_stops'],
      view: { longitude: 105.8524, latitude: 21.0287, zoom: 12.5 },
      hexes: false,
      choropleth: true,
    };
    expect(parseSettings(settingsToQuery(s))).toEqual(s);
  });

  it('keeps default settings out of the URL', () => {
    expect(settingsToQuery(DEFAULT_SETTINGS).toString()).toBe('');
  });

  it('ignores values it does not know', () => {
    const s = parseSettings(new URLSearchParams('w=1y&m=<script>&o=a,b;drop&lng=x&lat=1&z=2'));
    expect(s).toMatchObject({ window: '7d', metric: 'open', overlays: ['a'], view: null });
  });

  it('maps status filters to API statuses', () => {
    expect(statusList('handled')).toBe('resolved,closed');
    expect(statusList('')).toBeUndefined();
  });
});
