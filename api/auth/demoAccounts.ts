import type { CityPack } from '../../core/cityPack';
import type { Role } from '../../core/roles';
import type { Store } from '../../db/store';
import { checkAccount } from './accounts';
import { hashPassword } from './password';

/**
 * The demo's accounts, one per role, made on an empty users table when the demo runs
 * (SIMULATE not off), so anyone can try each desk; documented in the README. Never on a real
 * deployment (SIMULATE=off): there the first admin is made with `npm run user`.
 */
export const DEMO_PASSWORD = 'citydesk-demo';

export interface DemoAccount {
  name: string;
  role: Role;
  areaCode?: string;
  agencyCode?: string;
  displayName: string;
}

/** The pack's first district, its first commune and the agency with the most categories. */
export function demoAccounts(pack: Pick<CityPack, 'areas' | 'categories' | 'languages'>): DemoAccount[] {
  // Display names in the pack's first language (New York's desk shows no Vietnamese).
  const vi = pack.languages[0] === 'vi';
  const named = (x: { nameVi: string; nameEn: string }) => (vi ? x.nameVi : x.nameEn);
  const district = pack.areas.find((a) => a.level === 'district');
  const commune = pack.areas.find((a) => a.level === 'commune' && a.parentCode === district?.code);
  const counts = new Map<string, number>();
  for (const c of pack.categories) counts.set(c.agencyCode, (counts.get(c.agencyCode) ?? 0) + 1);
  const agency = pack.categories.find((c) => counts.get(c.agencyCode) === Math.max(...counts.values()));
  return [
    { name: 'demo-admin', role: 'admin', displayName: vi ? 'Quản trị (demo)' : 'Administrator (demo)' },
    {
      name: 'demo-operator',
      role: 'operator',
      displayName: vi ? 'Trung tâm điều hành (demo)' : 'Operations centre (demo)',
    },
    ...(district
      ? [{ name: 'demo-district', role: 'chief' as const, areaCode: district.code, displayName: named(district) }]
      : []),
    ...(commune
      ? [{ name: 'demo-ward', role: 'chief' as const, areaCode: commune.code, displayName: named(commune) }]
      : []),
    ...(agency
      ? [
          {
            name: 'demo-agency',
            role: 'agency' as const,
            agencyCode: agency.agencyCode,
            displayName: vi ? agency.agencyVi : agency.agencyEn,
          },
        ]
      : []),
  ];
}

/**
 * On an empty users table: with the demo on, makes the demo accounts and says how to sign in;
 * with it off, makes none and says how to make the first admin. Returns the accounts made.
 * Two processes starting at once make each account once (names are unique).
 */
export async function ensureDemoAccounts(
  store: Pick<Store, 'users' | 'audit'>,
  pack: Pick<CityPack, 'areas' | 'categories' | 'languages'>,
  demoOn: boolean,
  log: (line: string) => void,
  at = new Date(),
): Promise<DemoAccount[]> {
  if ((await store.users.count()) > 0) return [];
  if (!demoOn) {
    log('citydesk: no user accounts yet. Create the first admin (prints a one-time password):');
    log('citydesk:   npm run user -- add admin --role admin');
    return [];
  }
  // One hash for all: the same documented password, and one scrypt instead of five at start-up.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const made: DemoAccount[] = [];
  for (const a of demoAccounts(pack)) {
    const fields = checkAccount(pack, a);
    const user = await store.users.add({ ...fields, passwordHash, at });
    if (!user) continue;
    made.push(a);
    await store.audit.record({
      action: 'user.added',
      detail: {
        user: user.id,
        name: user.name,
        role: user.role,
        areaCode: user.areaCode,
        agencyCode: user.agencyCode,
        demo: true,
      },
      at,
    });
  }
  if (made.length) {
    log(`citydesk: demo accounts, password "${DEMO_PASSWORD}" (sign in at /signin; SIMULATE=off makes none):`);
    for (const a of made)
      log(
        `citydesk:   ${a.name.padEnd(14)} ${a.role}${a.areaCode ? ` ${a.areaCode}` : ''}${a.agencyCode ? ` ${a.agencyCode}` : ''} — ${a.displayName}`,
      );
  }
  return made;
}
