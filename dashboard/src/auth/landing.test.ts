import { describe, expect, it } from 'vitest';
import { afterSignIn, landingFor, type SignedIn, safeNext, signInHref } from './landing';

const operator: SignedIn = { role: 'operator' };
const admin: SignedIn = { role: 'admin' };
const districtChief: SignedIn = { role: 'chief', areaCode: '001' };
const communeChief: SignedIn = { role: 'chief', areaCode: '00070' };
const agency: SignedIn = { role: 'agency', agencyCode: 'dept_construction' };

describe('landingFor', () => {
  it.each([
    ['an operator', operator, '/'],
    ['an admin', admin, '/'],
    ['a district chief', districtChief, '/area/001'],
    ['a commune chief', communeChief, '/area/00070'],
    // The server fills the city desk with the agency's reports only.
    ['an agency', agency, '/'],
  ])('lands %s on %s', (_who, user, path) => {
    expect(landingFor(user)).toBe(path);
  });
});

describe('safeNext', () => {
  it.each([
    ['/area/002?w=24h', '/area/002?w=24h'],
    ['/wall', '/wall'],
    ['/?lang=en#x', '/?lang=en#x'],
    ['//evil.example/x', null],
    ['https://evil.example/', null],
    ['/\\evil.example', null],
    ['javascript:alert(1)', null],
    ['/signin?next=/wall', null],
    ['', null],
    [null, null],
  ])('%o → %o', (raw, expected) => {
    expect(safeNext(raw)).toBe(expected);
  });
});

describe('signInHref', () => {
  it('remembers where the viewer was, with its query', () => {
    expect(signInHref('/area/002?w=24h')).toBe('/signin?next=%2Farea%2F002%3Fw%3D24h');
    expect(new URLSearchParams(signInHref('/area/002?w=24h').split('?')[1]).get('next')).toBe('/area/002?w=24h');
  });

  it('says why when the session expired, and leaves out a next of / (the landing is the default)', () => {
    expect(signInHref('/', 'expired')).toBe('/signin?reason=expired');
    expect(signInHref('/wall', 'expired')).toBe('/signin?next=%2Fwall&reason=expired');
  });

  it('never sends the viewer back to another site', () => {
    expect(signInHref('//evil.example/')).toBe('/signin');
  });
});

describe('afterSignIn', () => {
  // The chief of 001 may open 001 and its communes; nothing else.
  const mayOpen = (user: SignedIn) => (code: string) =>
    user.role !== 'chief' || code === user.areaCode || code.startsWith('0000');

  it.each([
    ['an operator, no next', operator, null, '/'],
    ['an operator back to the wall', operator, '/wall?w=24h', '/wall?w=24h'],
    ['an operator back to any area', operator, '/area/002', '/area/002'],
    ['a chief, no next', districtChief, null, '/area/001'],
    ['a chief sent from the city desk', districtChief, '/', '/area/001'],
    ['a chief back to its own area', districtChief, '/area/001?w=30d', '/area/001?w=30d'],
    ['a chief back to one of its communes', districtChief, '/area/00004', '/area/00004'],
    ['a chief whose next is another area', districtChief, '/area/002', '/area/001'],
    ['an agency, no next', agency, null, '/'],
    ['anyone, with a next off the site', operator, 'https://evil.example/', '/'],
  ])('takes %s to %s', (_case, user, next, expected) => {
    expect(afterSignIn(user, next, mayOpen(user))).toBe(expected);
  });
});
