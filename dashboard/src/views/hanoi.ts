import type { ViewState } from '../map/types';

/** Opening view: the urban core around Hoàn Kiếm, where most reports are. */
export const HANOI_VIEW: ViewState = { longitude: 105.84, latitude: 21.02, zoom: 10.6 };
/** The whole city, for the wall and the public map. */
export const HANOI_CITY_VIEW: ViewState = { longitude: 105.7, latitude: 21.0, zoom: 9.2 };
