/** The live simulator's pure half: arrivals, places, text, lifecycle plans, history. */
export * from './random';
export * from './rhythm';
export * from './arrivals';
export * from './places';
export * from './streets';
export * from './content';
export * from './lifecycle';
export * from './history';
export * from './alerts';
export * from './chat';
export * from './initiatives';
export * from './reception';
