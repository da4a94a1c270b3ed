/**
 * Which of the app's routes the contract describes: every route of /api and /open311/v2, and the
 * operations endpoints beside them. The rest are listed here, each with why it is left out, so
 * that a new route anywhere else fails api/openapi/openapi.test.ts until it is described or
 * added here with its reason.
 */
export const OUTSIDE_CONTRACT: ReadonlyArray<{ path: RegExp; why: string }> = [
  {
    path: /^\/(wall|public|signin|area\/:code)?$/,
    why: "the dashboard's pages (api/dashboard.ts): one HTML document for people, routed in the browser",
  },
  {
    path: /^\/tiles\/city\.pmtiles$/,
    why: 'the basemap as one binary PMTiles archive that MapLibre reads by HTTP range requests, not an API',
  },
  {
    path: /^\/api\/docs\/:file$/,
    why: "the reference page's own script and style files (swagger-ui-dist), fixed files of a page for people",
  },
];

export function outsideContract(path: string): boolean {
  return OUTSIDE_CONTRACT.some((x) => x.path.test(path));
}
