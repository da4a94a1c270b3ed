/** Theme colours of the map's own marks (not data scales). Pure. */
import type { RGB, Theme } from './colour';

/** Areas without a population (no rate to show). */
export const NO_DATA_COLOUR: RGB = [160, 160, 160];

/** Hotspot outlines: the strongest contrast with the theme's background, outside every data scale. */
export function hotspotColour(theme: Theme): RGB {
  return theme === 'dark' ? [255, 255, 255] : [17, 17, 17];
}

/** Pulses: a hue no data scale uses (viridis ends in yellow, cividis in yellow, congestion in brown). */
export function pulseColour(theme: Theme): RGB {
  return theme === 'dark' ? [0, 229, 255] : [200, 20, 110];
}

export function boundaryColour(theme: Theme): RGB {
  return theme === 'dark' ? [210, 220, 235] : [70, 80, 95];
}

export function labelColours(theme: Theme): { text: RGB; halo: RGB } {
  return theme === 'dark'
    ? { text: [235, 240, 248], halo: [10, 14, 20] }
    : { text: [25, 30, 40], halo: [255, 255, 255] };
}

/** Font stack with full Vietnamese coverage on Windows, macOS, Linux (DejaVu) and Android (Noto). */
export const FONT_FAMILY = '"Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif';

export function tooltipStyle(theme: Theme): Record<string, string> {
  const dark = theme === 'dark';
  return {
    background: dark ? 'rgba(16, 20, 28, 0.94)' : 'rgba(255, 255, 255, 0.97)',
    color: dark ? '#e8edf5' : '#1a1f29',
    border: `1px solid ${dark ? '#3a4456' : '#c9ced6'}`,
    borderRadius: '6px',
    padding: '8px 10px',
    fontFamily: FONT_FAMILY,
    fontSize: dark ? '15px' : '13px',
    lineHeight: '1.4',
    maxWidth: '320px',
    boxShadow: '0 2px 8px rgba(0,0,0,0.25)',
  };
}
