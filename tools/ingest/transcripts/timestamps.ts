// Caption timestamps to seconds. Each format has its own separator; Teams writes unpadded "0:0:0.570".

const VTT = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})\.(\d{1,3})$/;
const SRT = /^(\d+):(\d{1,2}):(\d{1,2}),(\d{1,3})$/;
const SBV = /^(\d+):(\d{1,2}):(\d{1,2})\.(\d{1,3})$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?$/;

function seconds(h: string | undefined, m: string, s: string, frac: string): number | null {
  const minutes = Number(m);
  const secs = Number(s);
  if (minutes > 59 || secs > 59) return null;
  // "0.5" is half a second, "0.570" 570 ms: the fraction is decimal whatever its length
  return Number(h ?? 0) * 3600 + minutes * 60 + secs + Number(`0.${frac}`);
}

/** WebVTT "hh:mm:ss.ttt" or "mm:ss.ttt" (hours optional, Teams' unpadded digits tolerated) */
export function parseVttTime(value: string): number | null {
  const m = VTT.exec(value);
  return m ? seconds(m[1], m[2] as string, m[3] as string, m[4] as string) : null;
}

/** SRT "hh:mm:ss,ttt" */
export function parseSrtTime(value: string): number | null {
  const m = SRT.exec(value);
  return m ? seconds(m[1], m[2] as string, m[3] as string, m[4] as string) : null;
}

/** SBV (YouTube) "h:mm:ss.ttt" */
export function parseSbvTime(value: string): number | null {
  const m = SBV.exec(value);
  return m ? seconds(m[1], m[2] as string, m[3] as string, m[4] as string) : null;
}

/**
 * "10:02:15", "1:05 PM", "00:12:34" as seconds after midnight (or after the start for elapsed times).
 * A time with AM/PM is a clock reading; without one it may be either, which only changes nothing here.
 */
export function parseClockTime(value: string): number | null {
  const m = CLOCK.exec(value.trim());
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = Number(m[2]);
  const secs = Number(m[3] ?? 0);
  if (minutes > 59 || secs > 59) return null;
  const half = m[4]?.toLowerCase();
  if (half) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (half === 'p' ? 12 : 0);
  }
  return hours * 3600 + minutes * 60 + secs;
}

/** "mm:ss" or "h:mm:ss" written as elapsed time (Teams text export "0:03", "1:02:10") */
export function parseElapsed(value: string): number | null {
  const parts = value.trim().split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d{1,2}$/.test(p))) return null;
  const [a, b, c] = parts.map(Number) as [number, number, number | undefined];
  if (c === undefined) return b > 59 ? null : a * 60 + b;
  return b > 59 || c > 59 ? null : a * 3600 + b * 60 + c;
}
