import type { hc, InferResponseType } from 'hono/client';
import type { AppType } from '../app';

/**
 * The initiatives' REST responses as the routes return them (inferred, as api/wire.ts does for the
 * rest), for the dashboard's type-only imports.
 */
type Api = ReturnType<typeof hc<AppType>>['api'];
type Ok<E extends { $get: (...args: never[]) => unknown }> = InferResponseType<E['$get'], 200>;

export type InitiativeListResponse = Ok<Api['initiatives']>;
export type StaffInitiative = InitiativeListResponse['items'][number];
export type InitiativeDetailResponse = Ok<Api['initiatives'][':id']>;
export type InitiativeKpisResponse = Ok<Api['kpis']['initiatives']>;
export type PublicInitiativeListResponse = Ok<Api['public']['initiatives']>;
export type PublicInitiative = PublicInitiativeListResponse['items'][number];
