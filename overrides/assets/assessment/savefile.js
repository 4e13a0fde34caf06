// The saved file (JSON) is always one the command line accepts (`ips-fidelity score FILE`), even
// when some figures are unfinished or have a problem: the scorer refuses such evidence, and it
// takes no fields beyond score, evidence and note. So an item whose figures cannot be counted
// yet keeps them at the end of its note, on one marked line, and keeps its rating if it has one.
// Opening the file on this page takes that line out of the note and puts the figures back in
// the calculator. Anyone reading the file (or its report on the command line) sees the line
// as part of the note, saying what it is.

export const MARK = "Figures not counted yet (the self-assessment page puts them back when it opens this file): ";

/** A copy of `assessment` in which the items in `ids` hold their figures in the note instead. */
export function toSavedFile(assessment, ids) {
  const copy = JSON.parse(JSON.stringify(assessment));
  for (const id of ids) {
    const entry = copy.items[id];
    if (!entry || entry.evidence === undefined) continue;
    const line = MARK + JSON.stringify(entry.evidence);
    entry.note = entry.note ? `${entry.note}\n\n${line}` : line;
    delete entry.evidence;
  }
  return copy;
}

/** The file as the form should show it: marked figures back in the calculators. Returns
 * { assessment, restored } where restored lists the item keys whose figures came back. */
export function fromSavedFile(data) {
  const copy = JSON.parse(JSON.stringify(data));
  const restored = [];
  const items = copy.items && typeof copy.items === "object" && !Array.isArray(copy.items) ? copy.items : {};
  for (const [key, entry] of Object.entries(items)) {
    if (!entry || typeof entry !== "object" || typeof entry.note !== "string" || entry.evidence !== undefined) continue;
    const at = entry.note.lastIndexOf(MARK);
    if (at < 0 || entry.note.indexOf("\n", at) >= 0) continue;
    let figures;
    try {
      figures = JSON.parse(entry.note.slice(at + MARK.length));
    } catch {
      continue;
    }
    if (!figures || typeof figures !== "object" || Array.isArray(figures)) continue;
    entry.evidence = figures;
    const note = entry.note.slice(0, at).replace(/\s+$/, "");
    if (note) entry.note = note;
    else delete entry.note;
    restored.push(key);
  }
  return { assessment: copy, restored };
}
