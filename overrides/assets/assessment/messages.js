// The words a person reads about a figure they typed, in GOV.UK error message style: say what
// to do, with an example ("Enter the number of active clients, like 46"). Shared by the
// self-assessment and the planning tools (tools/common.js), so both say the same thing in the
// same way; the team pages can use it for theirs.
//
// Reading what was typed as a number is the page's job and happens here. Whether a number is
// in range is the Python scorer's: its messages are only reworded here (the limits in them are
// the scorer's own figures), never checked again.

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;

/**
 * What was typed, as a number when it spells one ("46", "2.5", "1,250", "75%"); anything else
 * as typed, so the scorer reports the field and the page can say what to do.
 */
export function readNumber(text) {
  const typed = String(text).trim();
  let plain = typed.replace(/\s*%$/, "");
  if (THOUSANDS.test(plain)) plain = plain.replace(/,/g, "");
  if (!PLAIN_NUMBER.test(plain)) return typed;
  // A number too large for JavaScript (1e400) goes as typed, so the scorer can quote it back.
  const number = Number(plain);
  return Number.isFinite(number) ? number : typed;
}

/** The label as the subject of a sentence: without "(optional)" or a range in brackets. */
export function subjectOf(label) {
  return String(label || "This figure")
    .replace(/\s*\(optional\)\s*$/i, "")
    .replace(/\s*\(\d[^)]*\)\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * What to say about text that is not a number: "2,5" gets the decimal point; the rest what to
 * enter, with an example, when the field gives them (data-enter, data-example), or else that
 * the field takes a number.
 */
export function notANumber(typed, { label, enter, example }) {
  const text = String(typed ?? "").trim();
  if (DECIMAL_COMMA.test(text)) return `Use a full stop for decimals, like ${text.replace(",", ".")}`;
  if (enter) return `Enter ${enter}, like ${example}`;
  return `${subjectOf(label)} must be a number${example ? `, like ${example}` : ""}`;
}

/**
 * The scorer's message about one figure in the page's words, or null when it is not a message
 * about a figure's value (the caller keeps its own wording then).
 *   words: { label, enter, example, typed } for the field the message is about.
 */
export function figureMessage(message, words) {
  const text = String(message ?? "");
  const subject = subjectOf(words.label);
  let match;
  if (/ must be a number, got /.test(text)) return notANumber(words.typed, words);
  if (/^\S+ is required\b/.test(text) && words.enter) return `Enter ${words.enter}, like ${words.example}`;
  if (/ must be a whole number\b/.test(text)) return `${subject} must be a whole number, like ${words.example && /^\d+$/.test(words.example) ? words.example : "4"}`;
  if (/ must be more than 0\b/.test(text)) return `${subject} must be more than 0`;
  if ((match = / must be from (\S+) to (\S+?),? got /.exec(text))) return `${subject} must be from ${match[1]} to ${match[2]}`;
  if (/ cannot be negative\b/.test(text)) return `${subject} must be 0 or more`;
  if ((match = / must be at least (\S+?),? got /.exec(text))) return `${subject} must be ${match[1]} or more`;
  if ((match = /numbers must be finite and at most ([\d,]+)/.exec(text))) return `${subject} must be ${match[1]} or less`;
  return null;
}
