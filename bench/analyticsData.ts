/**
 * A million reports in Postgres in about a minute, for bench/analytics.ts: 60,000 place templates
 * drawn in JS (a commune weighted by population, a uniform point inside it, its H3 cells and
 * district; 6% of them around three problem spots), then one `INSERT … SELECT generate_series`
 * that gives each report a template, a time in the last 30 days and a lived lifecycle.
 *
 * The shape, not the content, is what the benchmarks need: dense urban wards and a sparse
 * countryside, an open backlog of ~10% (mostly recent reports), backlog clusters at the problem
 * spots (more of their reports stay open and late), one spot that heats up over the last five
 * days (for the emerging-hotspot run), ratings on most closed reports, some reopens. Times are
 * drawn from exponentials in wall-clock hours; working hours are a fixed fraction of them (the
 * working calendar is not walked per row here; the queries read the stored numbers either way).
 * The only events written are reopened reports' lifecycle moves, whose times the analytics read.
 */
import postgres from 'postgres';
import { HANDLED_STATUS_LIST, OPEN_STATUS_LIST } from '../core/statuses';
import { buildAreaIndex, locateAreas } from '../geo/areaIndex';
import { h3CellsFor } from '../geo/h3cells';
import { randomPointIn } from '../geo/randomPoint';
import type { CityPack } from '../core/cityPack';
import { seededRng } from './lib/reportPool';

const TEMPLATES = 60_000;
const HISTORY_DAYS = 30;
/** Share of templates placed around a problem spot. */
const PROBLEM_SHARE = 0.06;
/** ~40 working hours in a 168-hour week: the stored working hours are this share of wall-clock time. */
const WORKING_SHARE = 40 / 168;

/** Three spots where backlog piles up (a flooded street, a waste dump) and one that is getting worse. */
const PROBLEM_SPOTS = [
  { lat: 20.981, lng: 105.841, km: 0.8, emerging: false }, // Hoàng Mai, low ground that floods
  { lat: 21.036, lng: 105.79, km: 0.7, emerging: false }, // Cầu Giấy
  { lat: 21.07, lng: 105.9, km: 0.6, emerging: true }, // Long Biên: new construction site
];

interface Template {
  lat: number;
  lng: number;
  cells: ReturnType<typeof h3CellsFor>;
  district: string | null;
  commune: string;
  /** 0 ordinary, 1 a problem spot, 2 the emerging one. */
  kind: number;
}

function templates(pack: CityPack, n: number, seed: number): Template[] {
  const rng = seededRng(seed);
  const communes = pack.areas.filter((a) => a.level === 'commune');
  const districts = buildAreaIndex(pack.areas, 'district');
  const communeIndex = buildAreaIndex(pack.areas, 'commune');
  const weights = communes.map((c) => c.population ?? 10_000);
  const total = weights.reduce((a, b) => a + b, 0);
  const pickCommune = () => {
    let r = rng() * total;
    for (let i = 0; i < communes.length; i++) if ((r -= weights[i]!) <= 0) return communes[i]!;
    return communes[communes.length - 1]!;
  };
  const out: Template[] = [];
  while (out.length < n) {
    let lat: number;
    let lng: number;
    let commune: string | null;
    let kind = 0;
    if (rng() < PROBLEM_SHARE) {
      const spot = PROBLEM_SPOTS[Math.floor(rng() * PROBLEM_SPOTS.length)]!;
      // A disc of radius spot.km (1° latitude ≈ 111 km; longitude shrinks by cos 21°).
      const r = spot.km * Math.sqrt(rng());
      const a = 2 * Math.PI * rng();
      lat = spot.lat + (r * Math.sin(a)) / 111;
      lng = spot.lng + (r * Math.cos(a)) / 103.6;
      commune = communeIndex.lookup(lat, lng);
      kind = spot.emerging ? 2 : 1;
      if (!commune) continue;
    } else {
      const c = pickCommune();
      [lng, lat] = randomPointIn(c.geometry, rng);
      commune = c.code;
    }
    const { districtCode } = locateAreas(districts, communeIndex, lat, lng);
    out.push({ lat, lng, cells: h3CellsFor(lat, lng), district: districtCode, commune, kind });
  }
  return out;
}

/**
 * Loads `reports` rows into the database at `url` (schema migrated, city pack loaded, reports
 * empty), ending at `now`. Returns the seconds it took.
 */
export async function loadAnalyticsDataset(
  url: string,
  pack: CityPack,
  reports: number,
  now: Date,
  seed = 2026,
): Promise<number> {
  const t0 = performance.now();
  const ts = templates(pack, TEMPLATES, seed);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const categories = pack.categories.map((c) => c.code);
    const agencies = pack.categories.map((c) => c.agencyCode);
    const severities = pack.categories.map((c) => c.severity);
    await sql`set synchronous_commit = off`;
    await sql`select setseed(${(seed % 1000) / 1000})`;
    await sql`create temp table tpl as select * from unnest(
      ${sql.array(ts.map((_, i) => i))}::int[], ${sql.array(ts.map((t) => t.lat))}::float8[], ${sql.array(ts.map((t) => t.lng))}::float8[],
      ${sql.array(ts.map((t) => t.cells.h3r6))}::text[], ${sql.array(ts.map((t) => t.cells.h3r7))}::text[],
      ${sql.array(ts.map((t) => t.cells.h3r8))}::text[], ${sql.array(ts.map((t) => t.cells.h3r9))}::text[],
      ${sql.array(ts.map((t) => t.cells.h3r10))}::text[], ${sql.array(ts.map((t) => t.district ?? ''))}::text[],
      ${sql.array(ts.map((t) => t.commune))}::text[], ${sql.array(ts.map((t) => t.kind))}::int[]
    ) as t(i, lat, lng, h3r6, h3r7, h3r8, h3r9, h3r10, district_code, commune_code, kind)`;
    await sql`create unique index on tpl (i)`;
    await sql`create temp table cat as select * from unnest(
      ${sql.array(categories.map((_, i) => i))}::int[], ${sql.array(categories)}::text[],
      ${sql.array(agencies)}::text[], ${sql.array(severities)}::text[]) as c(i, code, agency, severity)`;
    // Indexes are built once after the load: maintaining seven of them row by row costs ~3×.
    const indexes = await sql<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes
      where tablename = 'reports' and indexname not like '%_pkey' and indexdef not like '%UNIQUE%'`;
    for (const i of indexes) await sql.unsafe(`drop index ${i.indexname}`);
    const nowIso = now.toISOString();
    await sql`
      insert into reports (id, public_id, category, severity, status, title, description, lat, lng,
        h3r6, h3r7, h3r8, h3r9, h3r10, district_code, commune_code, agency_code, created_at,
        accepted_at, clock_started_at, due_at, overdue_at, resolved_at, resolved_on_time, accept_working_hours,
        resolve_working_hours, closed_at, ended_at, updated_at, reopened_count, rating, source)
      select r.g, 'HN-B-' || r.g, c.code, c.severity, s.status, 'Phản ánh ' || r.g, 'Nội dung phản ánh (mẫu).', t.lat, t.lng,
        t.h3r6, t.h3r7, t.h3r8, t.h3r9, t.h3r10, nullif(t.district_code, ''), t.commune_code, c.agency, rc.created_at,
        case when s.status <> 'received' and s.status <> 'rejected' then rc.created_at + r.accept_h * interval '1 hour' end,
        case when s.status <> 'received' and s.status <> 'rejected' then rc.created_at + r.accept_h * interval '1 hour' end,
        case when s.open then rc.created_at + d.due_h * interval '1 hour' end,
        case when s.open and a.age_h > d.due_h then ${nowIso}::timestamptz end,
        case when s.handled then least(${nowIso}::timestamptz, rc.created_at + (r.accept_h + r.resolve_h) * interval '1 hour') end,
        case when s.handled then r.resolve_h <= 60 end,
        case when s.status <> 'received' and s.status <> 'rejected' then r.accept_h * ${WORKING_SHARE} end,
        case when s.handled then (r.accept_h + r.resolve_h) * ${WORKING_SHARE} end,
        case when s.status = 'closed' then least(${nowIso}::timestamptz, rc.created_at + (r.accept_h + r.resolve_h + 24) * interval '1 hour') end,
        case when not s.open then least(${nowIso}::timestamptz, rc.created_at + (r.accept_h + r.resolve_h) * interval '1 hour') end,
        ${nowIso}::timestamptz,
        case when (s.handled or s.status = 'reopened') and r.u4 < 0.04 then 1 else 0 end,
        case when s.status = 'closed' and r.u4 < 0.7 then (array[5,5,5,5,5,4,4,4,3,2,1])[1 + floor(r.u3 * 11)::int] end,
        'import'
      -- Every draw in the select list of one subquery: an uncorrelated lateral with random() would
      -- be planned as an init plan and drawn once for all rows.
      from (select g, random() as u_tpl, random() as u_cat, random() as u_age, -ln(1 - random()) * 6 as accept_h,
          -ln(1 - random()) * 40 as resolve_h, random() as u2, random() as u3, random() as u4
        from generate_series(1, ${reports}) g) r
      join tpl t on t.i = floor(r.u_tpl * ${TEMPLATES})::int
      join cat c on c.i = floor(r.u_cat * ${categories.length})::int
      -- The emerging spot's reports crowd into the last five days.
      cross join lateral (select ${nowIso}::timestamptz
        - (case when t.kind = 2 then 5 * power(r.u_age, 2) else ${HISTORY_DAYS} * r.u_age end) * interval '1 day' as created_at) rc
      cross join lateral (select extract(epoch from (${nowIso}::timestamptz - rc.created_at)) / 3600 as age_h) a
      cross join lateral (select
        case
          when r.u2 < 0.9 * exp(-a.age_h / 48) + 0.03 + case when t.kind > 0 then 0.3 else 0 end then
            case when a.age_h < 4 then 'received' when r.u3 < 0.4 then 'accepted' when r.u3 < 0.95 then 'in_progress' else 'reopened' end
          when r.u3 < 0.07 then 'rejected'
          when r.u3 < 0.12 then 'duplicate'
          when r.u3 < 0.45 then 'resolved'
          else 'closed'
        end as status) s0
      cross join lateral (select s0.status, s0.status in ${sql(OPEN_STATUS_LIST)} as open,
        s0.status in ${sql(HANDLED_STATUS_LIST)} as handled) s
      -- Problem spots run late: their deadlines are tighter than their agencies manage.
      cross join lateral (select case when s.status = 'received' then 24
        else r.accept_h + case when t.kind > 0 then 16 else 72 end end as due_h) d`;
    // A reopened report's history is in its events (the analytics read its spells away from the
    // backlog there): resolved at 40% of its life so far, reopened at 60%, and resolved again at
    // its resolution if it has one.
    await sql`
      insert into events (at, type, report_id, district_code, commune_code, payload)
      select e.at, e.type, r.id, r.district_code, r.commune_code, '{}'::jsonb
      from reports r
      cross join lateral (select coalesce(r.resolved_at, ${nowIso}::timestamptz) - r.created_at as life) l
      cross join lateral (values
        (1, r.created_at + 0.4 * l.life, 'report.resolved'),
        (2, r.created_at + 0.6 * l.life, 'report.reopened'),
        (3, r.resolved_at, 'report.resolved')) as e(step, at, type)
      where r.reopened_count > 0 and e.at is not null
      order by r.id, e.step`;
    for (const i of indexes) await sql.unsafe(i.indexdef);
    await sql`select setval(pg_get_serial_sequence('reports', 'id'), ${reports})`;
    await sql`analyze reports`;
  } finally {
    await sql.end();
  }
  return (performance.now() - t0) / 1000;
}
