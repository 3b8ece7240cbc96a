// How figures read on the screen: zh-CN grouping, 万/亿 for large amounts, Asia/Shanghai time.

const zone = 'Asia/Shanghai';
const grouped = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'long',
});
const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A figure split into number and unit, so the screen can size them apart. */
export interface Figure {
  value: string;
  unit: string;
}

/** Whole count with grouping: 403000 → "403,000". */
export function formatCount(value: number | null | undefined): string {
  return value == null ? '—' : grouped.format(value);
}

/** A count in 万 or 亿 once it is that large: 403000 → 40.30 万, 12 → 12. */
export function largeCount(value: number | null | undefined, unit = ''): Figure {
  if (value == null) return { value: '—', unit };
  const abs = Math.abs(value);
  if (abs >= 1e8) return { value: (value / 1e8).toFixed(2), unit: `亿${unit}` };
  if (abs >= 1e4) return { value: (value / 1e4).toFixed(2), unit: `万${unit}` };
  return { value: grouped.format(value), unit };
}

/** Money given in 万元, shown in 亿元 from 10,000 万元 on: 41600 → 4.16 亿元. */
export function money(wanYuan: number | null | undefined): Figure {
  if (wanYuan == null) return { value: '—', unit: '万元' };
  if (Math.abs(wanYuan) >= 1e4) return { value: (wanYuan / 1e4).toFixed(2), unit: '亿元' };
  return { value: wanYuan.toFixed(2), unit: '万元' };
}

/** A percentage given in percent: 98.13 → "98.13%". */
export function percent(value: number | null | undefined, digits = 2): string {
  return value == null ? '—' : `${value.toFixed(digits)}%`;
}

/** A change in percent with its sign: 2.5 → "+2.50%". */
export function signedPercent(value: number | null | undefined, digits = 2): string {
  if (value == null) return '—';
  return `${value > 0 ? '+' : ''}${value.toFixed(digits)}%`;
}

/** "2026年11月28日星期六" in Asia/Shanghai. */
export function formatDate(epochMs: number): string {
  return dateFormat.format(epochMs);
}

/** "13:09:05" in Asia/Shanghai. */
export function formatTime(epochMs: number): string {
  return timeFormat.format(epochMs);
}

/** "2026-11-01" (a Date scalar) → "2026年11月". */
export function formatMonth(day: string): string {
  const [year, month] = day.split('-');
  return `${year}年${Number(month)}月`;
}

/** "2026-11-01" → "26/11", for crowded chart axes. */
export function shortMonth(day: string): string {
  const [year, month] = day.split('-');
  return `${year?.slice(2)}/${month}`;
}
