import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_STYLE_URL, loadBasemap, normaliseMapConfig, themedStyleUrl } from './config';
import { isDarkStyle } from './styleTheme';

describe('normaliseMapConfig', () => {
  it('keeps a well-formed config', () => {
    const raw = {
      styleUrl: '/api/map/style.json',
      pmtiles: true,
      center: [105.85, 21.03],
      bbox: [105.28, 20.56, 106.02, 21.39],
      attribution: ['© OpenStreetMap contributors', ''],
    };
    expect(normaliseMapConfig(raw)).toEqual({ ...raw, attribution: ['© OpenStreetMap contributors'] });
  });
  it.each([null, 'nope', { center: [1], bbox: 'x', attribution: 3, styleUrl: '' }])('falls back on %j', (raw) => {
    expect(normaliseMapConfig(raw)).toEqual({
      styleUrl: DEFAULT_STYLE_URL,
      pmtiles: false,
      center: null,
      bbox: null,
      attribution: [],
    });
  });
});

describe('themedStyleUrl', () => {
  it('adds the theme hint', () => {
    expect(themedStyleUrl('/api/map/style.json', 'dark')).toBe('/api/map/style.json?theme=dark');
    expect(themedStyleUrl('/s.json?v=2', 'light')).toBe('/s.json?v=2&theme=light');
  });
});

describe('loadBasemap', () => {
  const style = {
    version: 8,
    sources: {},
    layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f8f8f8' } }],
  };

  it('fetches config then the themed style', async () => {
    const get = vi.fn(async (url: string) =>
      url === '/api/map/config' ? { styleUrl: '/custom.json', attribution: ['A'] } : style,
    );
    const b = await loadBasemap('dark', get);
    expect(get.mock.calls.map((c) => c[0])).toEqual(['/api/map/config', '/custom.json?theme=dark']);
    expect(b.ok).toBe(true);
    expect(b.config.attribution).toEqual(['A']);
    expect(isDarkStyle(b.style)).toBe(true);
  });

  it('falls back to a plain background rather than a blank map', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const b = await loadBasemap('light', async () => {
        throw new Error('HTTP 404');
      });
      expect(b.ok).toBe(false);
      expect(b.style.layers[0].type).toBe('background');
      expect(b.config.styleUrl).toBe(DEFAULT_STYLE_URL);
      expect(warn).toHaveBeenCalledTimes(2);
    } finally {
      warn.mockRestore();
    }
  });
});
