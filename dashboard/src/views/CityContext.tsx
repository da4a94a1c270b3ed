import { createContext, type JSX, useContext } from 'solid-js';
import type { City } from './city';

const CityContext = createContext<City>();

/** Gives the views the city, loaded once before the first render (see main.tsx). */
export function CityProvider(props: { city: City; children: JSX.Element }) {
  return <CityContext.Provider value={props.city}>{props.children}</CityContext.Provider>;
}

export function useCity(): City {
  const city = useContext(CityContext);
  if (!city) throw new Error('citydesk: a view rendered outside <CityProvider>');
  return city;
}
