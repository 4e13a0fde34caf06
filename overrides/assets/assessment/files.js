// Small browser helpers shared by the self-assessment and the planning tools: saving a file the
// user asked for, and today's date as the user's own calendar shows it.
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
