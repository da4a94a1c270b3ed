/**
 * How finely deck.gl draws on this machine. A wall PC or a kiosk without a usable GPU renders WebGL
 * in software (SwiftShader in Chrome, llvmpipe in Mesa), where every redraw's cost grows with the
 * pixels filled, and the compositor then waits for it on the main thread. Measured on a 2-core
 * SwiftShader machine while 50 reports/s arrive (bench/dashboard.ts): at full resolution frames
 * of 170–270 ms; at half, none over 100 ms. The hexes are large, flat shapes: drawn at half
 * resolution and scaled up they stay readable, and text and controls are HTML, untouched.
 */
export const SOFTWARE_PIXEL_RATIO = 0.5;

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software rasterizer|basic render driver/i;

/** Whether a WebGL renderer string (unmasked where the browser allows) names a software rasteriser. */
export function isSoftwareRenderer(renderer: string | undefined | null): boolean {
  return Boolean(renderer && SOFTWARE_RENDERERS.test(renderer));
}

/** deck.gl's `useDevicePixels` for a renderer: the screen's own ratio on a GPU, less in software. */
export function devicePixelsFor(renderer: string | undefined | null): true | number {
  return isSoftwareRenderer(renderer) ? SOFTWARE_PIXEL_RATIO : true;
}

/**
 * How often deck.gl takes new layers on a software renderer, in ms. Each redraw there costs ~75 ms
 * (half resolution, 2 cores); at 50 events/s the model changes ~7 times a second and the pulses
 * step once a second, and redrawing for each left frames over 100 ms whenever two met. Once a
 * second matches the pulses' step, so a pulse still fades in visible steps.
 */
export const SOFTWARE_MAP_UPDATE_MS = 1_000;
