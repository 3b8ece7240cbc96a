// Colours and text shared by the screen's charts (the CSS variables in styles.css, for canvas-free
// SVG charts that cannot read CSS).

export const colors = {
  accent: '#35d6ff',
  blue: '#3c8cff',
  green: '#2fd27a',
  amber: '#f5b83d',
  yellow: '#ffd23f',
  red: '#ff5a5a',
  text: '#c9d8f0',
  muted: '#7f93b5',
  grid: 'rgba(120, 160, 220, 0.18)',
  series: ['#35d6ff', '#3c8cff', '#2fd27a', '#f5b83d', '#a97bff', '#ff7eb6', '#5ee0c1', '#8aa4d6'],
};

export const fontFamily = "'Noto Sans SC Variable', 'Noto Sans SC', sans-serif";
export const digitsFamily = "'Rajdhani', 'Noto Sans SC Variable', sans-serif";

export const textStyle = { fontFamily, color: colors.text, fontSize: 13 };

/**
 * Updates redraw at once: an update animation redraws the SVG every frame for a second, and with
 * pushes several times a second the screen would never rest.
 */
export const updateWithoutAnimation = { animationDurationUpdate: 0 } as const;

/** Status colours (红黄绿灯) by KpiStatus. */
export const statusColors: Record<string, string> = {
  GREEN: colors.green,
  AMBER: colors.amber,
  RED: colors.red,
};

/**
 * Every chart draws SVG: crisp at any scale of the stage (4K, a wall) where a canvas would blur.
 * Provided to all charts under `chartInitOptionsKey` (main.ts).
 */
export const chartInitOptions = { renderer: 'svg' } as const;
export { INIT_OPTIONS_KEY as chartInitOptionsKey } from 'vue-echarts';
