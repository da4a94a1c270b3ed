import { describe, expect, it } from 'vitest';
import { awaySpells } from './analyticsRows';

describe('awaySpells: spells away from the open backlog, from the spell events', () => {
  // Positive: left the backlog (resolved, rejected, duplicate); negative: came back (reopened).
  it.each([
    ['never reopened', null, null],
    ['resolved, reopened, open now', '100,-250', [100, 250]],
    ['resolved, reopened, resolved for good (the last spell is the row’s end)', '100,-250,400', [100, 250]],
    ['twice round', '100,-250,400,-600', [100, 250, 400, 600]],
    // A second leaving event while away (none today: close leaves from resolved) keeps the first.
    ['a later leave while away does not move the start', '100,150,-250', [100, 250]],
    ['fractional milliseconds survive', '1773547200000.123,-1773633600000.5', [1773547200000.123, 1773633600000.5]],
  ])('%s', (_, text, away) => {
    expect(awaySpells(text)).toEqual(away);
  });
});
