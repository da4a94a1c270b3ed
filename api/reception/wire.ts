import type { hc, InferResponseType } from 'hono/client';
import type { AppType } from '../app';

/**
 * The reception responses the dashboard reads, inferred from the routes (as api/wire.ts does for
 * the rest). Type-only.
 */
type Reception = ReturnType<typeof hc<AppType>>['api']['reception'];

export type ReceptionSlotsResponse = InferResponseType<Reception['slots']['$get'], 200>;
export type ReceptionSlot = ReceptionSlotsResponse['items'][number];
export type ReceptionOfficesResponse = InferResponseType<Reception['offices']['$get'], 200>;
