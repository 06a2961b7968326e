/** CSV export of poll results, for the centre's staff who open it in a spreadsheet. */

/** Spreadsheets (Excel in particular) read a BOM-less CSV as the local 8-bit code page and garble accents. */
const UTF8_BOM = "\uFEFF";

/**
 * CSV injection (OWASP "CSV Injection"): a cell starting with = + - @ tab or CR is run as a formula by
 * spreadsheet software, and cells hold member-typed text (answers, names). A leading apostrophe makes
 * the cell text. Numbers Minou computes are left alone so counts stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 quotes fields holding its own separators; `;` too, as French Excel splits on it. */
const NEEDS_QUOTES = /[;,"\r\n]/;

function field(value: string | number): string {
  const text = typeof value === "number" ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 text (comma-separated, CRLF after every record), UTF-8 with a BOM. */
export function toCsv(rows: readonly (readonly (string | number)[])[]): Buffer {
  const text = rows.map((row) => row.map(field).join(",") + "\r\n").join("");
  return Buffer.from(UTF8_BOM + text, "utf8");
}
