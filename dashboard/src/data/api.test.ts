import { describe, expect, it } from 'vitest';
import { query } from './api';

describe('query', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(query({ a: 'x y', b: undefined, c: '', d: 0 })).toBe('?a=x+y&d=0');
    expect(query({})).toBe('');
  });
});
