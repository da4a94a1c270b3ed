/**
 * The reference page's sections, in the order a reader meets them: filing and working reports
 * first, the figures after, the public and standard interfaces, then sign-in and operations.
 * A route's tag defaults to its path (api/openapi/spec.ts); a tag not listed here comes last.
 */
export const TAGS = [
  { name: 'reports', description: 'Filing reports, and staff reading and moving them through their lifecycle' },
  { name: 'chat', description: "Hanoi Chat: a report's conversation, and general threads opened for a citizen" },
  { name: 'initiatives', description: "Citizens' ideas: submitting, supporting, answering, publishing" },
  { name: 'reception', description: 'Citizen reception (tiếp công dân): offices, slots, bookings' },
  { name: 'alerts', description: 'Alerts over an area or a polygon, published by the operations centre and chiefs' },
  { name: 'news', description: "The city's news items" },
  { name: 'aggregates', description: 'Counts per H3 cell, per area and over time, in the viewer’s scope' },
  { name: 'kpis', description: 'Headline figures, the wall’s, the league table and the initiatives’' },
  { name: 'hotspots', description: 'Getis-Ord Gi* hotspots of the backlog and the areas flagged' },
  { name: 'stream', description: 'The live event stream (Server-Sent Events)' },
  { name: 'city', description: 'The city pack: the city, its areas and categories' },
  { name: 'layers', description: 'Map overlays and their live readings' },
  { name: 'map', description: 'What the dashboard needs to draw its basemap, online or not' },
  { name: 'places', description: 'Points of interest by name' },
  { name: 'public', description: 'The press and public API: delayed, aggregate, CORS-open' },
  { name: 'open311', description: 'Open311 GeoReport v2, in .json and .xml' },
  { name: 'auth', description: 'Signing in and out' },
  { name: 'admin', description: 'The audit trail' },
  { name: 'operations', description: 'Liveness, readiness and metrics for the people who run it' },
  { name: 'reference', description: 'This contract and its reference page' },
] as const;
