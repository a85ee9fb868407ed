// How figures read everywhere: counts and sizes humanised with the exact figure for the hover
// title, relative times with the absolute time. One place, so every screen says "12.3k" alike.
const exact = new Intl.NumberFormat('en-US');

/** 1234 -> "1.2k", 12_345_678 -> "12M"; below 1,000 the number itself. */
export function humanCount(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1_000) return String(n);
  const units = ['k', 'M', 'G', 'T'];
  let i = Math.min(units.length - 1, Math.floor(Math.log10(abs) / 3) - 1);
  let v = abs / 1000 ** (i + 1);
  // 999,999 rounds to 1000k: say 1M.
  if (Math.round(v) >= 1000 && i < units.length - 1) {
    i++;
    v /= 1000;
  }
  const shown = v < 10 ? v.toFixed(1).replace(/\.0$/, '') : String(Math.round(v));
  return `${n < 0 ? '-' : ''}${shown}${units[i]}`;
}

export const exactCount = (n: number): string => exact.format(n);

/** Bytes in binary units: 1536 -> "1.5 KiB". */
export function humanBytes(n: number): string {
  if (Math.abs(n) < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (Math.abs(v) >= 1024 && i < units.length - 1);
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`.replace('.0 ', ' ');
}

export const exactBytes = (n: number): string => `${exact.format(n)} bytes`;

/** "5 s ago", "3 min ago", "2 h ago", "4 d ago" (or "in ..." for the future). */
export function relativeTime(at: number, now = Date.now()): string {
  const s = Math.round((now - at) / 1000);
  const abs = Math.abs(s);
  const [v, unit] = abs < 60 ? [abs, 's'] : abs < 3600 ? [Math.floor(abs / 60), 'min'] : abs < 86_400 ? [Math.floor(abs / 3600), 'h'] : [Math.floor(abs / 86_400), 'd'];
  return s >= 0 ? `${v} ${unit} ago` : `in ${v} ${unit}`;
}

export const absoluteTime = (at: number): string => new Date(at).toLocaleString();

/** A duration in milliseconds as Kafka's configs mean them: 604800000 -> "7 d". -1 -> "forever". */
export function humanDuration(ms: number): string {
  if (ms < 0) return 'forever';
  for (const [size, unit] of [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's']] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${unit}`;
  }
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

/** How long, as a lag in time reads: 850 -> "850 ms", 12_400 -> "12 s", 390_000 -> "6 min 30 s", 7_500_000 -> "2 h 5 min". */
export function humanElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const [big, small, units] = s < 3600 ? [Math.floor(s / 60), s % 60, ['min', 's']] : s < 86_400 ? [Math.floor(s / 3600), Math.floor(s / 60) % 60, ['h', 'min']] : [Math.floor(s / 86_400), Math.floor(s / 3600) % 24, ['d', 'h']];
  return small ? `${big} ${units[0]} ${small} ${units[1]}` : `${big} ${units[0]}`;
}
