import { describe, expect, it } from 'vitest';
import { fallbackStyle, invertColour, isDarkStyle, parseColour, themeStyle, type MapStyle } from './styleTheme';

const light: MapStyle = {
  version: 8,
  sources: { base: { type: 'vector', url: 'pmtiles:///tiles/hanoi.pmtiles' } },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#f2efe9' } },
    { id: 'water', type: 'fill', source: 'base', paint: { 'fill-color': '#aad3df', 'fill-opacity': 0.8 } },
    {
      id: 'roads',
      type: 'line',
      source: 'base',
      paint: {
        'line-color': ['match', ['get', 'kind'], 'highway', 'rgb(255, 200, 100)', 'hsl(0, 0%, 100%)'],
        'line-width': 2,
      },
    },
  ],
};

describe('parseColour', () => {
  it.each([
    ['#fff', { r: 255, g: 255, b: 255, a: 1 }],
    ['#00000080', { r: 0, g: 0, b: 0, a: 128 / 255 }],
    ['rgba(10, 20, 30, 0.5)', { r: 10, g: 20, b: 30, a: 0.5 }],
    ['rgb(10 20 30 / 50%)', { r: 10, g: 20, b: 30, a: 0.5 }],
    ['hsl(0, 100%, 50%)', { r: 255, g: 0, b: 0, a: 1 }],
    ['highway', null],
    ['#ggg', null],
  ])('%s', (s, want) => expect(parseColour(s)).toEqual(want));
});

describe('themeStyle', () => {
  it('darkens a light style for the dark theme, colours inside expressions too', () => {
    expect(isDarkStyle(light)).toBe(false);
    const dark = themeStyle(light, 'dark');
    expect(isDarkStyle(dark)).toBe(true);
    expect(dark.layers[1].paint?.['fill-opacity']).toBe(0.8);
    const expr = dark.layers[2].paint?.['line-color'] as unknown[];
    expect(expr[2]).toBe('highway');
    expect(expr[4]).toBe(invertColour('hsl(0, 0%, 100%)'));
    expect(parseColour(expr[4] as string)!.r).toBeLessThan(30);
    expect(light.layers[0].paint?.['background-color']).toBe('#f2efe9'); // input untouched
  });

  it('leaves a style already in the theme key alone (same object)', () => {
    expect(themeStyle(light, 'light')).toBe(light);
    const dark = themeStyle(light, 'dark');
    expect(themeStyle(dark, 'dark')).toBe(dark);
  });

  it('drops text layers when the style has no glyphs (they would fail validation offline)', () => {
    const withText: MapStyle = {
      ...light,
      layers: [
        ...light.layers,
        { id: 'names', type: 'symbol', source: 'base', layout: { 'text-field': ['get', 'name'] } },
      ],
    };
    expect(themeStyle(withText, 'light').layers.map((l) => l.id)).toEqual(['background', 'water', 'roads']);
    expect(themeStyle({ ...withText, glyphs: '/fonts/{fontstack}/{range}.pbf' }, 'light').layers).toHaveLength(4);
  });

  it('keeps alpha when inverting', () => {
    expect(invertColour('rgba(255, 255, 255, 0.5)')).toBe('rgba(20, 20, 20, 0.5)');
    expect(invertColour('not a colour')).toBe('not a colour');
  });

  it('has a plain fallback per theme', () => {
    expect(isDarkStyle(fallbackStyle('dark'))).toBe(true);
    expect(isDarkStyle(fallbackStyle('light'))).toBe(false);
  });
});
