// The one CSV writer of the site: the self-assessment's spreadsheet and the progress page's use
// it, so both follow the same rule for cells a spreadsheet could run as a formula.
//
// OWASP's advice on CSV injection: a cell whose text starts with = + - @, a tab or a line break
// (or their full-width forms) gets a leading apostrophe, also when any kind of white space comes
// first (space, no-break space, ideographic space, zero-width and other Unicode spaces), since a
// spreadsheet may skip it. Numbers are written as numbers: a score change of -2 is no formula.
// Every cell is quoted, with its quotes doubled.

const SPACES = "\\s\\u180E\\u200B-\\u200D\\u2060\\uFEFF";
const FORMULA_START = new RegExp(`^[${SPACES}]*[=+\\-@\\t\\r\\n\\uFF1D\\uFF0B\\uFF0D\\uFF20]`, "u");

export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value !== "number" && FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** Rows (arrays of cells) as the text of a CSV file. The byte order mark tells Excel the file is
 * UTF-8, so names and notes keep their accents. */
export function csvText(rows) {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
