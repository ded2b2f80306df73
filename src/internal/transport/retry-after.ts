// Retry-After (RFC 9110 §10.2.3): delta-seconds or an HTTP-date, parsed strictly.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/**
 * The three HTTP-date forms (RFC 9110 §5.6.7), as [day, month, year, hh, mm, ss] groups:
 * IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must accept. Parsed by hand:
 * Date.parse also takes "-1" or "1.5" (as dates in the past), and reads asctime as local time.
 */
const HTTP_DATES: Array<[RegExp, (m: string[]) => string[]]> = [
  [/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/, (m) => m.slice(1)],
  [/^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/,
    // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
    (m) => [m[1]!, m[2]!, String(Number(m[3]) + (Number(m[3]) + 2000 > new Date().getUTCFullYear() + 50 ? 1900 : 2000)), m[4]!, m[5]!, m[6]!]],
  [/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/, (m) => [m[2]!.trim(), m[1]!, m[6]!, m[3]!, m[4]!, m[5]!]],
];

/** Ms since the epoch of an HTTP-date, or undefined when `text` is not one. */
function parseHttpDate(text: string): number | undefined {
  for (const [pattern, fields] of HTTP_DATES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const [day, month, year, hh, mm, ss] = fields(match).map((f, i) => (i === 1 ? MONTHS.indexOf(f) : Number(f)));
    if (month! < 0 || day! < 1 || day! > 31 || hh! > 23 || mm! > 59 || ss! > 60) return undefined;
    return Date.UTC(year!, month!, day!, hh, mm, ss);
  }
  return undefined;
}

/**
 * Parses Retry-After into ms from now: delta-seconds (digits only) or an HTTP-date. Anything else
 * ("-5", "1.5", "soon") is undefined, so the exponential backoff applies.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = parseHttpDate(trimmed);
  return date === undefined ? undefined : Math.max(0, date - now);
}
