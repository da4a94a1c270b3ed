import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('defaults to the embedded database, port 8080 and the live demo', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 8080, DATA_DIR: './data', CITY: 'hanoi', SIMULATE: { mode: 'on' } });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.BACKFILL).toEqual({ days: 30 });
  });

  it.each([
    ['2/s', 2],
    ['30/min', 0.5],
    ['86400/day', 1],
  ])('reads SIMULATE=%s as %d per second', (value, perSecond) => {
    expect(parseEnv({ SIMULATE: value }).SIMULATE).toEqual({ mode: 'rate', perSecond });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['SIMULATE', 'sometimes'],
    ['DATABASE_URL', 'mysql://x'],
    ['CITY', 'atlantis'],
    ['BACKFILL', 'lots'],
  ])('rejects %s=%s with a one-line message naming it', (name, value) => {
    let error: unknown;
    try {
      parseEnv({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as Error).message.startsWith(`${name}=`)).toBe(true);
    expect((error as Error).message).not.toContain('\n');
  });

  it('takes a backfill as days or as a report count', () => {
    expect(parseEnv({ BACKFILL: '7d' }).BACKFILL).toEqual({ days: 7 });
    expect(parseEnv({ BACKFILL: '1000000' }).BACKFILL).toEqual({ reports: 1_000_000 });
  });
});

describe('parseEnv: the basemap', () => {
  it('defaults to the offline style with no PMTiles file', () => {
    const env = parseEnv({});
    expect(env.MAP_STYLE_URL).toBeUndefined();
    expect(env.MAP_PMTILES).toBeUndefined();
  });

  it('takes a style URL and an existing PMTiles file', () => {
    const file = new URL(import.meta.url).pathname;
    const env = parseEnv({ MAP_STYLE_URL: 'https://tiles.example.org/style.json', MAP_PMTILES: file });
    expect(env).toMatchObject({ MAP_STYLE_URL: 'https://tiles.example.org/style.json', MAP_PMTILES: file });
  });

  it.each([
    ['MAP_STYLE_URL', 'not a url'],
    ['MAP_STYLE_URL', 'ftp://tiles.example.org/style.json'],
    ['MAP_PMTILES', '/nonexistent/city.pmtiles'],
    ['MAP_PMTILES', '/tmp'],
  ])('rejects %s=%s with one line naming it', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    try {
      parseEnv({ [name]: value });
    } catch (e) {
      expect((e as Error).message).toMatch(new RegExp(`^${name}=`));
      expect((e as Error).message).not.toContain('\n');
    }
  });
});
