import type { Language } from "./language.ts";
import { localeOf } from "./language.ts";

const UNITS = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
] as const;

/** "2 jours et 3 heures", "2 days and 3 hours": the two largest non-zero units, at least minutes. */
export function formatDuration(milliseconds: number, language: Language): string {
  const locale = localeOf(language);
  let rest = Math.max(0, milliseconds);
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 && parts.length < 2) {
      parts.push(new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(count));
    }
  }
  if (parts.length === 0) {
    parts.push(new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "long" }).format(0));
  }
  return new Intl.ListFormat(locale, { type: "conjunction" }).format(parts);
}
