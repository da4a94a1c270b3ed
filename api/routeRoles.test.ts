import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DRIVERS } from '../db/testing';
import { eventIds, openSse, reachedId, type SseMessage } from './sseClient';
import { HOAN_KIEM_LAKE, postJson, reportBody, startTestApp, type TestApp } from './testing';
import { as } from './testClient';
import { nextWorkingDate, receptionFixture, TEST_CITIZEN } from './reception/testFixtures';
import { issueApiKey } from './open311/keys';

/**
 * Who may call what, route by route: every route of the app (enumerated from the app itself, so a
 * new route without a row here fails) × every kind of caller, the status each gets, and that a
 * refused answer says nothing but its error. The table is the README's Security section and the
 * feature sections' statements (Initiatives, Citizen reception, Alerts and news, Hanoi Chat, Places).
 * Every row is asked again by citizens holding an X-Citizen-Token (TOKEN_WHO): the token opens only
 * what it was issued for, and nothing of staff's.
 *
 * The report everything is asked about: filed in Hoàn Kiếm (district 002, commune 00070, whose
 * parent is 002), category traffic_roads → agency dept_construction, with the reporter's contact.
 */
const WHO = [
  'anonymous',
  'admin',
  'operator',
  'chiefOfDistrict',
  'chiefOfCommune',
  'chiefElsewhere',
  'agencyOfReport',
  'otherAgency',
] as const;
type Who = (typeof WHO)[number];
/**
 * Citizens without an account, by the X-Citizen-Token they send: the token of what the row asks
 * about (the report's, the general thread's, the initiative's), another report's, one of the right
 * shape never issued, and one that cannot be a token. Where a route does not read the token, each
 * is the anonymous caller (a citizen's key is no staff credential); where it does, only its own opens.
 */
const TOKEN_WHO = ['ownToken', 'anotherToken', 'forgedToken', 'malformedToken'] as const;
type TokenWho = (typeof TOKEN_WHO)[number];
type Caller = Who | TokenWho;
const CALLERS: readonly Caller[] = [...WHO, ...TOKEN_WHO];
/** The routes that read the token: its own token opens them, any other finds nothing (404). */
const OWN_TOKEN = (ok: number): Record<TokenWho, number> => ({
  ownToken: ok,
  anotherToken: 404,
  forgedToken: 404,
  malformedToken: 404,
});

const DISTRICT = '002';
const COMMUNE = '00070';
const ELSEWHERE = '016'; // Sóc Sơn
const AGENCY = 'dept_construction';
const OTHER_AGENCY = 'dept_agriculture_environment';
const CONTACT = { name: 'Nguyễn Thị Riêng', phone: '0912345678', email: 'rieng@example.vn' };
const SOC_SON = { lat: 21.2573, lng: 105.8486 };
/** An Open311 filing beside the report (the key is the fixture's). */
const OPEN311_FORM = {
  service_code: 'traffic_roads',
  lat: String(HOAN_KIEM_LAKE.lat),
  long: String(HOAN_KIEM_LAKE.lng),
  description: 'Nắp cống hở trên phố Đinh Tiên Hoàng',
};

type Statuses = Record<Who, number>;
const every = (status: number): Statuses => Object.fromEntries(WHO.map((w) => [w, status])) as Statuses;
/** Open to anyone: the public endpoints, the catalogue, the map. */
const PUBLIC = every(200);
/** Any signed-in staff member; each sees its own scope's figures. */
const STAFF: Statuses = { ...every(200), anonymous: 401 };
/** One report: only viewers whose scope holds it; for the others it does not exist. */
const IN_SCOPE: Statuses = { ...STAFF, chiefElsewhere: 404, otherAgency: 404 };
/** An area filter: a chief may name only areas of its own. */
const AREA_FILTER_COMMUNE: Statuses = { ...STAFF, chiefElsewhere: 403 };
const AREA_FILTER_DISTRICT: Statuses = { ...STAFF, chiefOfCommune: 403, chiefElsewhere: 403 };
/** The operations centre and the chiefs; an agency's scope is not a place. */
const PLACES: Statuses = { ...STAFF, agencyOfReport: 403, otherAgency: 403 };
const ADMIN_ONLY: Statuses = { ...every(403), anonymous: 401, admin: 200 };
/** Alerts: the operations centre anywhere, a chief in its own area (another area's alert does not exist for it). */
const ALERT_ACT: Statuses = {
  ...every(200),
  anonymous: 401,
  chiefElsewhere: 404,
  agencyOfReport: 403,
  otherAgency: 403,
};
/** News: the operations centre's voice alone. */
const NEWS_ACT = (ok: number): Statuses => ({ ...every(403), anonymous: 401, admin: ok, operator: ok });
/** The alert the alert rows act on (in the report's commune), and fresh ones to withdraw. */
const alertFixture = {
  id: 0,
  /** One over the whole district 002: it touches the ward 00070 without lying in it. */
  districtId: 0,
  fresh: async (): Promise<number> => 0,
  freshNews: async (): Promise<number> => 0,
};
const ALERT_BODY = () => ({
  kind: 'power_outage',
  severity: 'warning',
  titleVi: 'Cắt điện phường Hàng Trống',
  titleEn: 'Power cut in Hang Trong',
  bodyVi: 'Cắt điện từ 8:00 đến 12:00.',
  bodyEn: 'No power from 8:00 to 12:00.',
  area: COMMUNE,
  expiresAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
});
const NEWS_BODY = { titleVi: 'Tin thành phố', titleEn: 'City news', bodyVi: 'Nội dung', bodyEn: 'Text' };
/** The published initiative the initiative rows read (in the report's commune), and fresh unpublished ones to act on. */
const initiativeFixture = {
  publicId: '',
  /** The citizen token its filing returned. */
  token: '',
  /** A published one with no place: city-wide. */
  cityWide: '',
  fresh: async (place: object = HOAN_KIEM_LAKE): Promise<string> => String(place),
};
const INITIATIVE_BODY = {
  title: 'Thêm ghế đá quanh hồ Hoàn Kiếm',
  text: 'Đề xuất đặt thêm ghế đá cho người cao tuổi quanh hồ.',
  topic: 'planning',
  ...HOAN_KIEM_LAKE,
  submitter: CONTACT,
};
/** An initiative: the operations centre and the chiefs of its place; another area's chief finds none, an agency handles none. */
const INITIATIVE_IN_PLACE: Statuses = { ...PLACES, chiefElsewhere: 404 };
const PLACES_REFUSED: Partial<Statuses> = { agencyOfReport: 403, otherAgency: 403 };
/** A reception office's slot or booking: its managers (the operations centre, the area's chiefs); another area's chief finds nothing, an agency manages none. */
const IN_OFFICE: Statuses = { ...STAFF, chiefElsewhere: 404, agencyOfReport: 403, otherAgency: 403 };
/** Naming a reception office: another area's chief is refused it. */
const OFFICE_NAMED = (ok: number): Statuses => ({
  ...every(ok),
  anonymous: 401,
  chiefElsewhere: 403,
  agencyOfReport: 403,
  otherAgency: 403,
});

/** The city's own office: the operations centre's alone; no chief manages it, however large its area. */
const CITY_OFFICE = (ok: number): Statuses => ({ ...OFFICE_NAMED(ok), chiefOfDistrict: 403, chiefOfCommune: 403 });
/** A city-wide initiative (no place): the operations centre's; for every chief it is in no area of its own. */
const CITY_WIDE_INITIATIVE: Statuses = { ...PLACES, chiefOfDistrict: 404, chiefOfCommune: 404, chiefElsewhere: 404 };
/** An alert over the district: its ward's chief sees it (it touches the ward) but may not change it (it reaches beyond). */
const DISTRICT_ALERT_ACT: Statuses = { ...ALERT_ACT, chiefOfCommune: 403 };

interface Fixture {
  report: { id: number; publicId: string; title: string; cells: Record<string, string> };
  layer: string;
  featureId: number;
  /** A new report where the one under test lies (transitions change it, so one per caller). */
  freshReport(): Promise<number>;
  /** Citizens' tokens: the report's, another report's (in Sóc Sơn), the general thread's, the initiative's. */
  tokens: { report: string; otherReport: string; thread: string; initiative: string };
  /** An Open311 client's api_key (npm run apikey). */
  apiKey: string;
  /** The reception office of the report's commune: a slot, a booking on it, fresh ones for the moves. */
  reception: {
    slotId: number;
    booking: { id: number; code: string };
    /** A working day ahead, for a slot the calendar accepts. */
    date: string;
    /** A booking of each caller's to cancel (a cancelled booking cannot be cancelled again). */
    cancelCodes: Record<Caller, string>;
    freshSlot(): Promise<number>;
    freshBegunBooking(): Promise<{ id: number; code: string }>;
  };
}

interface Row {
  /** `METHOD /path` as the app registers it. */
  route: string;
  /** The path asked for, when the route has parameters (default: the route's own path). */
  path?: (f: Fixture) => string | Promise<string>;
  /** The query string, with its `?`. */
  query?: string;
  body?: unknown | ((who: Caller, f: Fixture) => unknown);
  /** A form-encoded body instead (Open311's POST). */
  form?: (f: Fixture) => Record<string, string>;
  expect: Statuses;
  /** What the citizens' tokens get, where the route reads one (else each gets the anonymous status). */
  citizen?: Record<TokenWho, number>;
  /** The token of what the row asks about (default the report's). */
  ownToken?: (f: Fixture) => string;
  /** Callers whose 200 must not mention the report (its id, title, cells or contact). */
  blind?: Who[];
}

const OUT_OF_SCOPE: Who[] = ['anonymous', 'chiefElsewhere', 'otherAgency'];

/** The same callers, with 201 where a write was allowed. */
const CREATED = (s: Statuses): Statuses =>
  Object.fromEntries(Object.entries(s).map(([w, v]) => [w, v === 200 ? 201 : v])) as Statuses;
/** A general chat thread is the operations centre's: the other staff find none. */
const GENERAL_THREAD: Statuses = { ...every(404), anonymous: 401, admin: 200, operator: 200 };
/** The chat the rows below ask about: a citizen's message on the report, a general thread an operator opened. */
const chat = { messageId: 0, threadId: 0, threadMessageId: 0 };

const ROWS: Row[] = [
  { route: 'GET /healthz', expect: PUBLIC },
  { route: 'GET /readyz', expect: PUBLIC },
  // Prometheus figures: an admin's token, or a scraper on the same host (app.request has no address).
  { route: 'GET /metrics', expect: ADMIN_ONLY },
  // Signing in and out is for anyone; a wrong password is refused alike, whoever holds a token.
  {
    route: 'POST /api/auth/signin',
    body: (who: Who) => ({ name: `nobody-${who.toLowerCase()}`, password: 'not the password' }),
    expect: every(401),
  },
  { route: 'POST /api/auth/signout', body: {}, expect: every(204) },
  { route: 'GET /api/auth/me', expect: PUBLIC },
  // Filing stays open: citizens have no accounts.
  { route: 'POST /api/reports', body: reportBody(), expect: every(201) },
  { route: 'GET /api/reports', expect: STAFF, blind: OUT_OF_SCOPE },
  { route: 'GET /api/reports', query: `?area=${COMMUNE}`, expect: AREA_FILTER_COMMUNE },
  { route: 'GET /api/reports', query: `?area=${DISTRICT}`, expect: AREA_FILTER_DISTRICT },
  // Issue 11's export: the list's filter and scope, as a file.
  { route: 'GET /api/reports/export.csv', expect: STAFF, blind: OUT_OF_SCOPE },
  { route: 'GET /api/reports/export.csv', query: `?area=${COMMUNE}`, expect: AREA_FILTER_COMMUNE },
  { route: 'GET /api/reports/export.geojson', expect: STAFF, blind: OUT_OF_SCOPE },
  { route: 'GET /api/reports/export.geojson', query: `?area=${DISTRICT}`, expect: AREA_FILTER_DISTRICT },
  { route: 'GET /api/reports/:id', path: (f) => `/api/reports/${f.report.id}`, expect: IN_SCOPE },
  { route: 'GET /api/reports/:id', path: (f) => `/api/reports/${f.report.publicId}`, expect: IN_SCOPE },
  {
    route: 'POST /api/reports/:id/transitions',
    path: async (f) => `/api/reports/${await f.freshReport()}/transitions`,
    body: { action: 'accept', note: 'Đã tiếp nhận' },
    expect: IN_SCOPE,
  },
  // Hanoi Chat: a report's thread is its scope's staff's; the citizen's token is api/chat/chat.test.ts's.
  {
    route: 'GET /api/reports/:id/chat',
    path: (f) => `/api/reports/${f.report.id}/chat`,
    expect: IN_SCOPE,
    citizen: OWN_TOKEN(200),
  },
  {
    route: 'POST /api/reports/:id/chat/messages',
    path: (f) => `/api/reports/${f.report.id}/chat/messages`,
    body: { text: 'Đã nhận, đang xử lý.' },
    expect: CREATED(IN_SCOPE),
    citizen: OWN_TOKEN(201),
  },
  {
    route: 'POST /api/reports/:id/chat/read',
    path: (f) => `/api/reports/${f.report.id}/chat/read`,
    body: () => ({ lastReadId: chat.messageId }),
    expect: IN_SCOPE,
    citizen: OWN_TOKEN(200),
  },
  { route: 'GET /api/chats', expect: STAFF, blind: OUT_OF_SCOPE },
  {
    route: 'POST /api/chats',
    body: { subject: 'Hỏi về cấp nước', text: 'Chào anh, khu nhà anh mất nước từ bao giờ?' },
    expect: { ...every(403), anonymous: 401, admin: 201, operator: 201 },
  },
  // A general thread opens to its own token only: the report's is "another" there.
  {
    route: 'GET /api/chats/:id',
    path: () => `/api/chats/${chat.threadId}`,
    expect: GENERAL_THREAD,
    citizen: OWN_TOKEN(200),
    ownToken: (f) => f.tokens.thread,
  },
  {
    route: 'POST /api/chats/:id/messages',
    path: () => `/api/chats/${chat.threadId}/messages`,
    body: { text: 'Chị cho xin địa chỉ ạ.' },
    expect: CREATED(GENERAL_THREAD),
    citizen: OWN_TOKEN(201),
    ownToken: (f) => f.tokens.thread,
  },
  {
    route: 'POST /api/chats/:id/read',
    path: () => `/api/chats/${chat.threadId}/read`,
    body: () => ({ lastReadId: chat.threadMessageId }),
    expect: GENERAL_THREAD,
    citizen: OWN_TOKEN(200),
    ownToken: (f) => f.tokens.thread,
  },
  { route: 'GET /api/hexes', expect: STAFF, blind: OUT_OF_SCOPE },
  { route: 'GET /api/hexes', query: `?area=${COMMUNE}`, expect: AREA_FILTER_COMMUNE },
  { route: 'GET /api/areas', query: `?level=commune`, expect: STAFF, blind: OUT_OF_SCOPE },
  { route: 'GET /api/areas', query: `?area=${DISTRICT}`, expect: AREA_FILTER_DISTRICT },
  { route: 'GET /api/areas/series', query: `?level=commune`, expect: STAFF, blind: OUT_OF_SCOPE },
  { route: 'GET /api/areas/series', query: `?area=${COMMUNE}`, expect: AREA_FILTER_COMMUNE },
  { route: 'GET /api/timeseries', expect: STAFF, blind: OUT_OF_SCOPE },
  { route: 'GET /api/timeseries', query: `?area=${DISTRICT}`, expect: AREA_FILTER_DISTRICT },
  { route: 'GET /api/kpis', expect: STAFF },
  { route: 'GET /api/kpis', query: `?area=${COMMUNE}`, expect: AREA_FILTER_COMMUNE },
  { route: 'GET /api/kpis/areas', expect: STAFF },
  { route: 'GET /api/hotspots', expect: PLACES, blind: OUT_OF_SCOPE },
  { route: 'GET /api/admin/audit', expect: ADMIN_ONLY },
  // Anyone may listen; what each hears is the stream table below.
  { route: 'GET /api/stream', expect: PUBLIC },
  // The catalogue, the overlays and the basemap describe the city, not a report or a person.
  { route: 'GET /api/categories', expect: PUBLIC },
  { route: 'GET /api/areas/geojson', query: `?level=district`, expect: PUBLIC },
  { route: 'GET /api/city', expect: PUBLIC },
  { route: 'GET /api/layers', expect: PUBLIC },
  { route: 'GET /api/layers/:code/geojson', path: (f) => `/api/layers/${f.layer}/geojson`, expect: PUBLIC },
  {
    route: 'GET /api/layers/:code/readings',
    path: (f) => `/api/layers/${f.layer}/readings?featureId=${f.featureId}`,
    expect: PUBLIC,
  },
  // Public places from OpenStreetMap by name: no report, no person.
  { route: 'GET /api/poi/search', query: '?q=benh+vien', expect: PUBLIC, blind: [...WHO] },
  // Citizen reception: the offices and their open slots are public; a booking is the code's holder's.
  { route: 'GET /api/reception/offices', expect: PUBLIC, blind: [...WHO] },
  {
    route: 'GET /api/reception/offices/:office/slots',
    path: () => '/api/reception/offices/00070/slots',
    expect: PUBLIC,
    blind: [...WHO],
  },
  {
    route: 'POST /api/reception/slots/:id/bookings',
    path: (f) => `/api/reception/slots/${f.reception.slotId}/bookings`,
    body: TEST_CITIZEN,
    expect: every(201),
    blind: [...WHO],
  },
  {
    route: 'POST /api/reception/bookings/lookup',
    body: (_w: Who, f: Fixture) => ({ code: f.reception.booking.code }),
    expect: PUBLIC,
    blind: [...WHO],
  },
  {
    route: 'POST /api/reception/bookings/cancel',
    body: (w: Caller, f: Fixture) => ({ code: f.reception.cancelCodes[w] }),
    expect: PUBLIC,
    blind: [...WHO],
  },
  // Managing slots: the operations centre any office's, a chief its area's, an agency none.
  { route: 'GET /api/reception/slots', expect: { ...STAFF, agencyOfReport: 403, otherAgency: 403 }, blind: [...WHO] },
  { route: 'GET /api/reception/slots', query: '?office=00070', expect: OFFICE_NAMED(200), blind: [...WHO] },
  { route: 'GET /api/reception/slots', query: '?office=hanoi', expect: CITY_OFFICE(200), blind: [...WHO] },
  {
    route: 'POST /api/reception/slots',
    body: (_w: Caller, f: Fixture) => ({
      office: '00070',
      date: f.reception.date,
      start: '09:00',
      end: '10:00',
      capacity: 2,
    }),
    expect: OFFICE_NAMED(201),
  },
  {
    route: 'POST /api/reception/slots',
    body: (_w: Caller, f: Fixture) => ({
      office: 'hanoi',
      date: f.reception.date,
      start: '14:00',
      end: '15:00',
      capacity: 20,
    }),
    expect: CITY_OFFICE(201),
  },
  {
    route: 'PATCH /api/reception/slots/:id',
    path: async (f) => `/api/reception/slots/${await f.reception.freshSlot()}`,
    body: { capacity: 30 },
    expect: IN_OFFICE,
  },
  {
    route: 'POST /api/reception/slots/:id/cancel',
    path: async (f) => `/api/reception/slots/${await f.reception.freshSlot()}/cancel`,
    body: {},
    expect: IN_OFFICE,
  },
  {
    route: 'GET /api/reception/slots/:id/bookings',
    path: (f) => `/api/reception/slots/${f.reception.slotId}/bookings`,
    expect: IN_OFFICE,
    blind: [...WHO],
  },
  // A booking's contact: the office's chiefs and the operations centre, each read logged.
  {
    route: 'GET /api/reception/bookings/:id/contact',
    path: (f) => `/api/reception/bookings/${f.reception.booking.id}/contact`,
    expect: IN_OFFICE,
  },
  {
    route: 'POST /api/reception/bookings/:id/attendance',
    path: async (f) => `/api/reception/bookings/${(await f.reception.freshBegunBooking()).id}/attendance`,
    body: { outcome: 'attended' },
    expect: IN_OFFICE,
  },
  { route: 'GET /api/map/config', expect: PUBLIC },
  { route: 'GET /api/map/style.json', expect: PUBLIC },
  { route: 'GET /api/map/mask.geojson', expect: PUBLIC },
  // The contract and its reference page (api/openapi/): the same for every caller, about no report.
  { route: 'GET /api/openapi.json', expect: PUBLIC, blind: [...WHO] },
  { route: 'GET /api/docs', expect: PUBLIC, blind: [...WHO] },
  { route: 'GET /api/docs/:file', path: () => '/api/docs/swagger-ui.css', expect: PUBLIC, blind: [...WHO] },
  // No MAP_PMTILES in tests: not found for everyone alike.
  { route: 'GET /tiles/city.pmtiles', expect: every(404) },
  // The press's endpoints: counts only, the same for every caller.
  { route: 'GET /api/public/hexes', expect: PUBLIC, blind: [...WHO] },
  { route: 'GET /api/public/kpis', expect: PUBLIC, blind: [...WHO] },
  { route: 'GET /api/public/timeseries', expect: PUBLIC, blind: [...WHO] },
  { route: 'GET /api/public/areas', expect: PUBLIC, blind: [...WHO] },
  // The public view as a file: its aggregates, never a report.
  { route: 'GET /api/public/export.csv', expect: PUBLIC, blind: [...WHO] },
  { route: 'GET /api/public/export.geojson', query: '?kind=areas', expect: PUBLIC, blind: [...WHO] },
  // Alerts and news: published to be seen by all; changed by the operations centre, a chief in its area.
  { route: 'GET /api/public/alerts', expect: PUBLIC, blind: [...WHO] },
  { route: 'GET /api/public/news', expect: PUBLIC, blind: [...WHO] },
  { route: 'GET /api/alerts', query: '?active=1', expect: STAFF, blind: OUT_OF_SCOPE },
  { route: 'GET /api/alerts', query: `?area=${COMMUNE}`, expect: AREA_FILTER_COMMUNE },
  {
    route: 'POST /api/alerts',
    body: ALERT_BODY,
    expect: { ...ALERT_ACT, admin: 201, operator: 201, chiefOfDistrict: 201, chiefOfCommune: 201, chiefElsewhere: 403 },
  },
  {
    route: 'GET /api/alerts/:id',
    path: () => `/api/alerts/${alertFixture.id}`,
    expect: { ...STAFF, chiefElsewhere: 404 },
  },
  {
    route: 'PATCH /api/alerts/:id',
    path: () => `/api/alerts/${alertFixture.id}`,
    body: { severity: 'danger' },
    expect: ALERT_ACT,
  },
  {
    route: 'GET /api/alerts/:id',
    path: () => `/api/alerts/${alertFixture.districtId}`,
    expect: { ...STAFF, chiefElsewhere: 404 },
  },
  {
    route: 'PATCH /api/alerts/:id',
    path: () => `/api/alerts/${alertFixture.districtId}`,
    body: { severity: 'danger' },
    expect: DISTRICT_ALERT_ACT,
  },
  {
    route: 'POST /api/alerts/:id/withdraw',
    path: async () => `/api/alerts/${await alertFixture.fresh()}/withdraw`,
    body: { reason: 'Đã có điện' },
    expect: ALERT_ACT,
  },
  { route: 'GET /api/news', expect: STAFF },
  { route: 'POST /api/news', body: NEWS_BODY, expect: NEWS_ACT(201) },
  {
    route: 'POST /api/news/:id/withdraw',
    path: async () => `/api/news/${await alertFixture.freshNews()}/withdraw`,
    body: {},
    expect: NEWS_ACT(200),
  },
  // Initiatives: anyone submits, and supports a published one (once per phone: one number per caller).
  { route: 'POST /api/initiatives', body: INITIATIVE_BODY, expect: every(201) },
  {
    route: 'POST /api/initiatives/:id/supports',
    path: () => `/api/initiatives/${initiativeFixture.publicId}/supports`,
    body: (who: Caller) => ({ phone: `09000000${String(CALLERS.indexOf(who)).padStart(2, '0')}` }),
    expect: every(201),
  },
  // An unpublished one does not exist for the public, whoever asks.
  {
    route: 'POST /api/initiatives/:id/supports',
    path: async () => `/api/initiatives/${await initiativeFixture.fresh()}/supports`,
    body: { phone: '0900000099' },
    expect: every(404),
  },
  // The submitter's own view needs the token its filing returned: without it, nobody finds it.
  {
    route: 'GET /api/initiatives/:id/citizen',
    path: () => `/api/initiatives/${initiativeFixture.publicId}/citizen`,
    expect: every(404),
    citizen: OWN_TOKEN(200),
    ownToken: () => initiativeFixture.token,
  },
  { route: 'GET /api/initiatives', expect: PLACES },
  { route: 'GET /api/initiatives', query: `?area=${DISTRICT}`, expect: { ...AREA_FILTER_DISTRICT, ...PLACES_REFUSED } },
  {
    route: 'GET /api/initiatives/:id',
    path: () => `/api/initiatives/${initiativeFixture.publicId}`,
    expect: INITIATIVE_IN_PLACE,
  },
  {
    route: 'GET /api/initiatives/:id',
    path: () => `/api/initiatives/${initiativeFixture.cityWide}`,
    expect: CITY_WIDE_INITIATIVE,
  },
  {
    route: 'POST /api/initiatives/:id/moves',
    path: async () => `/api/initiatives/${await initiativeFixture.fresh({})}/moves`,
    body: { to: 'under_review', answer: { vi: 'Đang xem xét' } },
    expect: CITY_WIDE_INITIATIVE,
  },
  {
    route: 'POST /api/initiatives/:id/moves',
    path: async () => `/api/initiatives/${await initiativeFixture.fresh()}/moves`,
    body: { to: 'under_review', answer: { vi: 'Đang xem xét' } },
    expect: INITIATIVE_IN_PLACE,
  },
  // Publishing makes the text public: the operations centre's decision alone.
  {
    route: 'POST /api/initiatives/:id/publish',
    path: async () => `/api/initiatives/${await initiativeFixture.fresh()}/publish`,
    body: {},
    expect: { ...every(403), anonymous: 401, admin: 200, operator: 200 },
  },
  { route: 'GET /api/kpis/initiatives', expect: PLACES },
  { route: 'GET /api/public/initiatives', expect: PUBLIC, blind: [...WHO] },
  {
    route: 'GET /api/public/initiatives/:publicId',
    path: () => `/api/public/initiatives/${initiativeFixture.publicId}`,
    expect: PUBLIC,
    blind: [...WHO],
  },
  {
    route: 'GET /api/public/initiatives/:publicId',
    path: async () => `/api/public/initiatives/${await initiativeFixture.fresh()}`,
    expect: every(404),
  },
  // Open311 GeoReport v2: the catalogue is anyone's; reads give the public only what is older than the
  // public delay (the report here is fresh: nobody without staff credentials finds it), staff their scope
  // in detail; filing takes an api_key, whoever holds it, and a staff credential is no key.
  {
    route: 'GET /open311/v2/:doc{discovery\\.(?:json|xml)}',
    path: () => '/open311/v2/discovery.json',
    expect: PUBLIC,
    blind: [...WHO],
  },
  {
    route: 'GET /open311/v2/:doc{services\\.(?:json|xml)}',
    path: () => '/open311/v2/services.xml',
    expect: PUBLIC,
    blind: [...WHO],
  },
  {
    route: 'GET /open311/v2/services/:doc{[^/]+\\.(?:json|xml)}',
    path: () => '/open311/v2/services/traffic_roads.json',
    expect: PUBLIC,
    blind: [...WHO],
  },
  {
    route: 'POST /open311/v2/:doc{requests\\.(?:json|xml)}',
    path: () => '/open311/v2/requests.json',
    form: (f) => ({ ...OPEN311_FORM, api_key: f.apiKey }),
    expect: every(201),
  },
  {
    route: 'POST /open311/v2/:doc{requests\\.(?:json|xml)}',
    path: () => '/open311/v2/requests.xml',
    form: () => ({ ...OPEN311_FORM, api_key: 'cdt_a-staff-token-is-no-key' }),
    expect: every(403),
  },
  {
    route: 'GET /open311/v2/:doc{requests\\.(?:json|xml)}',
    path: () => '/open311/v2/requests.json',
    expect: PUBLIC,
    blind: OUT_OF_SCOPE,
  },
  {
    route: 'GET /open311/v2/requests/:doc{[^/]+\\.(?:json|xml)}',
    path: (f) => `/open311/v2/requests/${f.report.publicId}.json`,
    expect: { ...IN_SCOPE, anonymous: 404 },
  },
  {
    route: 'GET /open311/v2/tokens/:doc{[^/]+\\.(?:json|xml)}',
    path: (f) => `/open311/v2/tokens/${f.report.publicId}.xml`,
    expect: { ...IN_SCOPE, anonymous: 404 },
  },
  {
    route: 'GET /open311/v2/:doc{servicerequestupdates\\.(?:json|xml)}',
    path: () => '/open311/v2/servicerequestupdates.json',
    expect: PUBLIC,
    blind: OUT_OF_SCOPE,
  },
  // The wall's figures: today's flow, the backlog now, 30-day shares, over the viewer's scope.
  { route: 'GET /api/kpis/wall', expect: STAFF },
  { route: 'GET /api/kpis/wall', query: `?area=${COMMUNE}`, expect: AREA_FILTER_COMMUNE },
];

/** What a refused answer may hold: the error, nothing else (under /open311/v2, the standard's list of them). */
function expectOnlyError(body: unknown, label: string) {
  if (Array.isArray(body)) {
    expect(body.length, label).toBe(1);
    expect(Object.keys(body[0]), label).toEqual(['code', 'description']);
    return;
  }
  expect(Object.keys(body as object), label).toEqual(['error']);
  const error = (body as { error: Record<string, unknown> }).error;
  for (const k of Object.keys(error)) expect(['code', 'message', 'field'], label).toContain(k);
}

/** An Open311 XML error document as the JSON list it matches: [{code, description}]. */
function open311XmlErrors(text: string) {
  return [...text.matchAll(/<error>\s*<code>([^<]*)<\/code>\s*<description>([^<]*)<\/description>\s*<\/error>/g)].map(
    (m) => ({ code: Number(m[1]), description: m[2] }),
  );
}

describe.each(TEST_DRIVERS)('route × role (%s)', (driver) => {
  let t: TestApp;
  let f: Fixture;
  const headers = {} as Record<Who, Record<string, string>>;
  /** Strings of the report under test that an out-of-scope answer must not carry: its id, title and contact, then its cells. */
  let secrets: string[];

  beforeAll(async () => {
    t = await startTestApp(driver);
    headers.anonymous = {};
    headers.admin = await t.headersFor('admin');
    headers.operator = await t.headersFor('operator');
    headers.chiefOfDistrict = await t.headersFor('chief', { areaCode: DISTRICT });
    headers.chiefOfCommune = await t.headersFor('chief', { areaCode: COMMUNE });
    headers.chiefElsewhere = await t.headersFor('chief', { areaCode: ELSEWHERE });
    headers.agencyOfReport = await t.headersFor('agency', { agencyCode: AGENCY });
    headers.otherAgency = await t.headersFor('agency', { agencyCode: OTHER_AGENCY });
    const publish = async (url: string, body: unknown) => {
      const res = await postJson(as(t.app, headers.operator), url, body);
      expect(res.status).toBe(201);
      return (await res.json()).id as number;
    };
    alertFixture.fresh = () => publish('/api/alerts', ALERT_BODY());
    alertFixture.freshNews = () => publish('/api/news', NEWS_BODY);
    alertFixture.id = await alertFixture.fresh();
    alertFixture.districtId = await publish('/api/alerts', { ...ALERT_BODY(), area: DISTRICT });
    const submit = async (place: object) => {
      const res = await postJson(t.app, '/api/initiatives', {
        ...INITIATIVE_BODY,
        lat: undefined,
        lng: undefined,
        ...place,
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { publicId: string; citizenToken: string };
    };
    initiativeFixture.fresh = async (place: object = HOAN_KIEM_LAKE) => (await submit(place)).publicId;
    const filed = await submit(HOAN_KIEM_LAKE);
    initiativeFixture.publicId = filed.publicId;
    initiativeFixture.token = filed.citizenToken;
    initiativeFixture.cityWide = await initiativeFixture.fresh({});
    for (const id of [initiativeFixture.publicId, initiativeFixture.cityWide]) {
      const published = await postJson(as(t.app, headers.operator), `/api/initiatives/${id}/publish`, {});
      expect(published.status).toBe(200);
    }
    const file = async (body: unknown) => {
      const res = await postJson(t.app, '/api/reports', body);
      expect(res.status).toBe(201);
      return res.json();
    };
    const r = await file(reportBody({ ...HOAN_KIEM_LAKE, title: 'Cột đèn đổ giữa phố Hàng Bài', reporter: CONTACT }));
    expect(r.areas.district.code).toBe(DISTRICT);
    expect(r.areas.commune.code).toBe(COMMUNE);
    expect(r.agency).toBe(AGENCY);
    // Something in the other chief's and the other agency's scope, so their answers are not empty.
    const other = await file(
      reportBody({ ...SOC_SON, category: 'environment_waste', title: 'Rác thải ven đê Sóc Sơn' }),
    );
    const [layer] = await t.store.layers.list(new Date());
    const features = await t.store.layers.featureList(layer!.code);
    f = {
      report: { id: r.id, publicId: r.publicId, title: r.title, cells: r.cells },
      layer: layer!.code,
      featureId: (features[0] as { id: number }).id,
      apiKey: (await issueApiKey(t.store, 'route-roles', new Date())).key,
      freshReport: async () => (await file(reportBody({ reporter: CONTACT }))).id,
      // The thread's is known once it is opened, below.
      tokens: {
        report: r.citizenToken,
        otherReport: other.citizenToken,
        thread: '',
        initiative: initiativeFixture.token,
      },
      reception: await (async () => {
        const made = receptionFixture(t.store, t.pack, COMMUNE);
        const slotId = await made.freshSlot();
        const res = await postJson(t.app, `/api/reception/slots/${slotId}/bookings`, TEST_CITIZEN);
        expect(res.status).toBe(201);
        const { booking } = await res.json();
        return {
          slotId,
          booking: { id: booking.id, code: booking.code },
          date: nextWorkingDate(t.pack, new Date()),
          cancelCodes: Object.fromEntries(
            await Promise.all(CALLERS.map(async (w) => [w, (await made.freshBooking()).code])),
          ) as Record<Caller, string>,
          freshSlot: () => made.freshSlot(),
          freshBegunBooking: () => made.freshBegunBooking(),
        };
      })(),
    };
    secrets = [
      r.publicId,
      r.title,
      CONTACT.name,
      CONTACT.phone,
      CONTACT.email,
      // A booking's contact is as private as a reporter's.
      TEST_CITIZEN.name,
      TEST_CITIZEN.phone,
      TEST_CITIZEN.subject,
      ...Object.values(r.cells as object),
    ];
    const asked = await as(t.app, { 'X-Citizen-Token': r.citizenToken }).request(`/api/reports/${r.id}/chat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Bao giờ thì sửa ạ?' }),
    });
    chat.messageId = (await asked.json()).message.id;
    const opened = await as(t.app, headers.operator).request('/api/chats', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Hỏi về thủ tục', text: 'Chào chị' }),
    });
    const thread = await opened.json();
    chat.threadId = thread.thread.id;
    chat.threadMessageId = thread.messages[0].id;
    f.tokens.thread = thread.citizenToken;
  });
  afterAll(async () => t?.close());

  it('has a row for every route of the app', () => {
    const routes = new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    const covered = new Set(ROWS.map((r) => r.route));
    expect([...routes].filter((r) => !covered.has(r)).sort(), 'routes without a row').toEqual([]);
    expect([...covered].filter((r) => !routes.has(r)).sort(), 'rows without a route').toEqual([]);
  });

  /** One row asked by one caller: the status, and a refused answer's or a blind caller's body. */
  async function ask(row: Row, who: Caller, callerHeaders: Record<string, string>, expected: number, blind: boolean) {
    const url = (row.path ? await row.path(f) : row.route.split(' ')[1]!) + (row.query ?? '');
    const body = typeof row.body === 'function' ? row.body(who, f) : row.body;
    const method = row.route.split(' ')[0]!;
    const init: RequestInit = body === undefined ? { method } : { method, body: JSON.stringify(body) };
    if (body !== undefined) init.headers = { 'content-type': 'application/json' };
    if (row.form) {
      init.body = new URLSearchParams(row.form(f)).toString();
      init.headers = { 'content-type': 'application/x-www-form-urlencoded' };
    }
    const res = await as(t.app, callerHeaders).request(url, init);
    const label = `${who} ${row.route} ${url}`;
    if (row.route === 'GET /api/stream') {
      // An endless body: its status and type are the answer here.
      expect(res.status, label).toBe(expected);
      expect(res.headers.get('content-type'), label).toMatch(/^text\/event-stream/);
      await res.body?.cancel();
      return;
    }
    const text = await res.text();
    expect(res.status, `${label}: ${text.slice(0, 300)}`).toBe(expected);
    if (res.status === 204) return;
    // No Open311 answer carries a reporter's contact, to anyone.
    if (url.startsWith('/open311/')) for (const v of Object.values(CONTACT)) expect(text, label).not.toContain(v);
    if (res.status >= 400) {
      expectOnlyError(url.split('?')[0]!.endsWith('.xml') ? open311XmlErrors(text) : JSON.parse(text), label);
      // What the caller asked for may be echoed ("Report HN-… not found"); nothing else of the report.
      for (const s of secrets) if (!url.includes(s)) expect(text, label).not.toContain(s);
    } else if (blind) {
      // The press's cells may hold the report among others (3 or more): its words never.
      const words = row.route.startsWith('GET /api/public/') ? secrets.slice(0, 5) : secrets;
      for (const s of words) expect(text, label).not.toContain(s);
    }
    if (row.route === 'POST /api/reports/:id/transitions' && res.status === 404) {
      // Refused means untouched.
      const id = Number(url.split('/')[3]);
      expect((await t.store.reports.get(id))?.status, label).toBe('received');
    }
  }

  const rowName = (row: Row) => `${row.route}${row.query ?? ''}`;
  describe.each(ROWS.map((row) => [rowName(row), row] as const))('%s', (_, row) => {
    it.each(WHO)('%s', (who) => ask(row, who, headers[who], row.expect[who], row.blind?.includes(who) ?? false));
  });

  describe.each(ROWS.map((row) => [rowName(row), row] as const))('%s with a citizen token', (_, row) => {
    const tokenOf = (who: TokenWho): string => {
      if (who === 'ownToken') return row.ownToken?.(f) ?? f.tokens.report;
      if (who === 'anotherToken') return f.tokens.otherReport;
      // The shape of a token (cit_ and 43 characters of base64url), never issued; and no token at all.
      return who === 'forgedToken' ? `cit_${'A'.repeat(43)}` : 'Bearer not-a-token';
    };
    it.each(TOKEN_WHO)('%s', (who) =>
      ask(
        row,
        who,
        { 'X-Citizen-Token': tokenOf(who) },
        row.citizen?.[who] ?? row.expect.anonymous,
        !row.citizen && (row.blind?.includes('anonymous') ?? false),
      ),
    );
  });
});

/**
 * The stream per caller: who hears of which report and which area. Each stream is opened, then
 * reports in and out of the report's place and agency are filed and moved, two areas flagged, and
 * an overlay reading written last: every audience hears overlays, so once a stream has it, it has
 * had everything before it that it was going to get.
 */
describe.each(TEST_DRIVERS)('the stream × role (%s)', (driver) => {
  let t: TestApp;
  let base: string;
  const headers = {} as Record<Who, Record<string, string>>;

  beforeAll(async () => {
    t = await startTestApp(driver);
    base = await t.listen();
    headers.anonymous = {};
    headers.admin = await t.headersFor('admin');
    headers.operator = await t.headersFor('operator');
    headers.chiefOfDistrict = await t.headersFor('chief', { areaCode: DISTRICT });
    headers.chiefOfCommune = await t.headersFor('chief', { areaCode: COMMUNE });
    headers.chiefElsewhere = await t.headersFor('chief', { areaCode: ELSEWHERE });
    headers.agencyOfReport = await t.headersFor('agency', { agencyCode: AGENCY });
    headers.otherAgency = await t.headersFor('agency', { agencyCode: OTHER_AGENCY });
  });
  afterAll(async () => t?.close());

  it('carries to each caller only what its scope holds, whatever it asks for', async () => {
    // Old clients' parameters, which must not widen anything.
    const streams = await Promise.all(
      WHO.map((who) => openSse(`${base}/api/stream?audience=ops&area=${ELSEWHERE}`, { headers: headers[who] })),
    );
    const file = async (body: unknown) => (await postJson(t.app, '/api/reports', body)).json();
    const here = await file(reportBody({ title: 'Cột đèn đổ giữa phố Hàng Bài', reporter: CONTACT }));
    const there = await file(
      reportBody({ ...SOC_SON, category: 'environment_waste', title: 'Rác thải ven đê Sóc Sơn' }),
    );
    const moved = await as(t.app, headers.operator).request(`/api/reports/${here.id}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'accept' }),
    });
    expect(moved.status).toBe(200);
    const { maxId } = await t.store.events.eventBounds();
    const parents = new Map(t.pack.areas.map((a) => [a.code, a.parentCode]));
    const flag = (code: string, level: 'district' | 'commune') => ({ code, level, reasons: [], trend: null });
    await t.store.hotspots.syncHotspotFlags(
      [flag(COMMUNE, 'commune'), flag(ELSEWHERE, 'district')],
      maxId,
      new Date(),
      parents,
    );
    const [layer] = await t.store.layers.list(new Date());
    const { eventId: last } = await t.store.layers.writeTick(
      { layer: layer!.code, at: new Date(), readings: [] },
      true,
    );

    const heard = await Promise.all(
      streams.map(async (s) => {
        const msgs = await s.collect(reachedId(last!));
        s.close();
        return msgs;
      }),
    );
    const reportsHeard = (msgs: SseMessage[]) =>
      [
        ...new Set(
          msgs.filter((m) => m.event.startsWith('report.')).map((m) => JSON.parse(m.data).report?.id as number),
        ),
      ].sort((a, b) => a - b);
    const areasHeard = (msgs: SseMessage[]) =>
      [...new Set(msgs.filter((m) => m.event.startsWith('hotspot.')).map((m) => JSON.parse(m.data).area.code))].sort();
    const both = [here.id, there.id].sort((a, b) => a - b);
    const expected: Record<Exclude<Who, 'anonymous'>, { reports: number[]; areas: string[] }> = {
      admin: { reports: both, areas: [COMMUNE, ELSEWHERE] },
      operator: { reports: both, areas: [COMMUNE, ELSEWHERE] },
      chiefOfDistrict: { reports: [here.id], areas: [COMMUNE] },
      chiefOfCommune: { reports: [here.id], areas: [COMMUNE] },
      chiefElsewhere: { reports: [there.id], areas: [ELSEWHERE] },
      agencyOfReport: { reports: [here.id], areas: [] },
      otherAgency: { reports: [there.id], areas: [] },
    };
    WHO.forEach((who, i) => {
      const msgs = heard[i]!;
      const text = msgs.map((m) => m.data).join('\n');
      expect(eventIds(msgs).at(-1), `${who} reached the overlay reading`).toBe(last);
      // No stream carries contact data, and the public none of the report's words or place.
      for (const s of [CONTACT.name, CONTACT.phone, CONTACT.email]) expect(text, who).not.toContain(s);
      if (who === 'anonymous') {
        for (const s of [here.publicId, here.title, there.title, String(here.lat)]) expect(text, who).not.toContain(s);
        return;
      }
      expect({ reports: reportsHeard(msgs), areas: areasHeard(msgs) }, who).toEqual(expected[who]);
    });
  });
});
