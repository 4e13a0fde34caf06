// Small browser helpers shared by the self-assessment, the team and progress pages and the
// planning tools: saving a file the person asked for, naming it, and dates as people read them.
//
// A saved file is made in this browser (a Blob) and handed to its download; nothing is uploaded.

/** Save `text` as a file named `name`, made on this device. */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A date as YYYY-MM-DD in local time (toISOString would give the UTC date, a day off at night). */
export function localISODate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a YYYY-MM-DD text that names a real day. */
export function isRealDate(iso) {
  const found = ISO_DATE.exec(String(iso));
  if (!found) return false;
  const [year, month, day] = found.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "2026-12-03" as people in the UK read it: "3 December 2026". Files keep the ISO form;
 * anything that is not a real ISO date is shown as it is. */
export function longDate(iso) {
  if (!isRealDate(iso)) return String(iso ?? "");
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** The first real YYYY-MM-DD date in a file's name, or null. */
export function dateInName(name) {
  for (const found of String(name).matchAll(/(\d{4})-(\d{2})-(\d{2})/g)) if (isRealDate(found[0])) return found[0];
  return null;
}

/** Text as a piece of a file name: lower-case ASCII letters, digits and single hyphens. */
export function slug(text) {
  return String(text ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents come off their letters: "Zoë" -> "zoe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** `<service>-<assessor>-<date>.<extension>`, each part slugged and left out when empty. */
export function assessmentFileName(assessment, extension) {
  const parts = [assessment.service, assessment.assessor, assessment.assessed_on].map(slug).filter(Boolean);
  return `${parts.length ? parts.join("-") : "ips-fidelity-assessment"}.${extension}`;
}
