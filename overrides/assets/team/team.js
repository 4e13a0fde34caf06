// "Combine a team's ratings": each person's saved file in, every item's scores side by side
// (the disagreements first), the team's agreed scores out as an ordinary assessment.
//
// The scorer (scorer.combine, in the worker) works out the medians, the suggested scores and
// the order of the disagreements; this script shows them, keeps what the lead chose and builds
// the agreed assessment from the form, in the format the self-assessment saves.
import { assessmentFileName, dateInName, download, localISODate, longDate } from "../assessment/files.js";
import { $, ask, askEach, config, explainAll, fileList, listenForFiles, make, MAX_FILES, oneAtATime, raterName, readWhenReady, scale, showProblems, withDate, withFileNames } from "./opening.js";

const DRAFT_KEY = "ips-fidelity:self-assessment:draft"; // the self-assessment's own draft
const FORMAT = { format: "ips-fidelity-assessment", version: 1 };

const raters = []; // { name: file name, data: the parsed assessment, date: a date given here }
const agreed = new Map(); // item id -> { score: "1".."5" | "", note, chosen: the lead changed it }
let combined = null;
let items = [];
let topChanged = false;
let replaceAsked = false;

// --- opening files -------------------------------------------------------------------------------

// Opened one call at a time (oneAtATime), so quick successive choices never race.
const open = oneAtATime(openFiles);

async function openFiles(chosen) {
  if (!chosen.length) return;
  try {
    await readAndCombine(chosen);
  } finally {
    // The status line always ends in the outcome, never "Reading...".
    if ($("team-status").textContent.startsWith("Reading")) $("team-status").textContent = statusText();
  }
}

async function readAndCombine(chosen) {
  const read = await readWhenReady(chosen, $("team-status"), $("team-file-error"));
  if (!read) return;
  const problems = [];
  for (const file of read) {
    if (file.problem) {
      problems.push(file.problem);
      continue;
    }
    if (raters.length >= MAX_FILES) {
      problems.push(`${file.name} was not added: a team's ratings take at most ${MAX_FILES} files.`);
      continue;
    }
    const checked = await ask("score", file.data);
    if (checked.errors) {
      problems.push(`${file.name} cannot be used: ${checked.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    raters.push({ ...file, date: file.data.assessed_on ? null : dateInName(file.name) });
  }
  showProblems($("team-file-error"), problems);
  $("team-file").setAttribute("aria-invalid", problems.length ? "true" : "false");
  await update();
}

function removeRater(index) {
  raters.splice(index, 1);
  update();
}

/** A date given beside a file that had none (the agreed assessment's date is suggested from them). */
async function giveDate(index, iso) {
  raters[index].date = iso;
  await update();
  return null;
}

function statusText() {
  if (raters.length < 2) {
    return raters.length ? "1 file open. Open at least one more person's file to combine them." : "No files open yet.";
  }
  if (!combined) return `${raters.length} files open. They could not be combined: see the problems above.`;
  const n = combined.disagreements.length;
  return `${raters.length} files combined: ${n} ${n === 1 ? "item needs" : "items need"} agreeing.`;
}

/** The scorer's warnings about the files (the same assessor twice, the same file twice), each
 * with the choice to leave one of the files out. */
function showWarnings(warnings) {
  const box = $("team-warnings");
  box.replaceChildren();
  box.hidden = !warnings.length;
  if (!warnings.length) return;
  const names = raters.map((r) => r.name);
  box.append(make("h3", warnings.length === 1 ? "Check this before you combine" : "Check these before you combine"));
  const list = make("ul");
  for (const warning of warnings) {
    const item = make("li");
    item.append(make("p", withFileNames(warning.message, names)));
    for (const index of warning.files) {
      if (!raters[index]) continue;
      const button = make("button", `Leave out ${raters[index].name}`, "md-button ipst-small");
      button.type = "button";
      button.addEventListener("click", () => removeRater(index));
      item.append(button);
    }
    list.append(item);
  }
  box.append(list);
}

// --- combining -------------------------------------------------------------------------------------

async function update() {
  const describe = (rater, i) =>
    `${raterName(rater.data, i)} (${rater.name}${rater.data.assessed_on || rater.date ? `, ${longDate(rater.data.assessed_on || rater.date)}` : ""})`;
  fileList($("team-raters"), "Files opened", raters, describe, removeRater, giveDate);
  combined = null;
  if (raters.length < 2) {
    $("team-agree").hidden = true;
    $("team-result").hidden = true;
    showWarnings([]);
    $("team-status").textContent = statusText();
    return;
  }
  const answer = await askEach("combineEach", raters.map(withDate));
  if (answer.errors) {
    const names = raters.map((r) => r.name);
    showProblems($("team-file-error"), answer.errors.map((e) => withFileNames(e.message, names)));
    showWarnings([]);
    $("team-status").textContent = statusText();
    return;
  }
  combined = answer;
  showWarnings(Array.isArray(answer.warnings) ? answer.warnings : []);
  const figures = await figuresByRater();
  await render(figures);
  $("team-status").textContent = statusText();
}

/** The rule and figures each rater's evidence gave, in words (scorer.measures.explain). */
async function figuresByRater() {
  const wanted = [];
  raters.forEach((rater, r) => {
    for (const item of items) {
      const entry = entryFor(rater.data, item);
      if (entry && entry.evidence != null) wanted.push({ r, id: item.id, evidence: entry.evidence });
    }
  });
  const answers = await explainAll(wanted.map((w) => [w.id, w.evidence]));
  const found = new Map();
  wanted.forEach((w, i) => found.set(`${w.r}:${w.id}`, answers[i].rule || ""));
  return found;
}

function entryFor(data, item) {
  const entries = data.items || {};
  const entry = entries[item.id] ?? entries[String(item.number)];
  return entry && typeof entry === "object" ? entry : null;
}

// --- the form --------------------------------------------------------------------------------------

async function render(figures) {
  const suggested = combined.suggested;
  if (!topChanged) {
    $("team-service").value = suggested.service || "";
    $("team-date").value = suggested.assessed_on || localISODate(new Date());
  }
  const byId = new Map(combined.items.map((row) => [row.id, row]));
  const differ = combined.disagreements;
  const same = combined.items.map((row) => row.id).filter((id) => !differ.includes(id));
  $("team-differ").replaceChildren(...differ.map((id) => itemBlock(byId.get(id), figures)));
  $("team-same").replaceChildren(...same.map((id) => itemBlock(byId.get(id), figures)));
  $("team-same-title").textContent = `Items where everyone who answered agreed (${same.length}): open to check or change them`;
  if (!differ.length) $("team-differ").append(make("p", "None: everyone who answered an item gave it the same score."));
  const unanswered = combined.items.filter((row) => row.answered === 0).length;
  $("team-summary").textContent =
    `${combined.raters} raters. ${differ.length} of ${combined.items.length} items have different scores and are listed first.` +
    (unanswered ? ` ${unanswered} ${unanswered === 1 ? "item was" : "items were"} answered by no one.` : "") +
    " Each item starts at the suggested score; change it to the score the team agreed.";
  $("team-agree").hidden = false;
  $("team-result").hidden = false;
  await refreshResult();
}

function itemBlock(row, figures) {
  const item = items.find((i) => i.id === row.id);
  const block = $("team-item").content.firstElementChild.cloneNode(true);
  const title = `${item.number}. ${item.title}`;
  block.id = `agree-${item.id}`;
  block.querySelector("legend").textContent = title;
  block.querySelector("caption").textContent = `Each rater's score for item ${item.number}`;
  block.querySelector(".ipst-table-wrap").setAttribute("aria-label", `Raters' scores for item ${item.number}`);
  const body = block.querySelector("tbody");
  raters.forEach((rater, r) => {
    const entry = entryFor(rater.data, item) || {};
    const tr = make("tr");
    tr.append(make("th", raterName(rater.data, r)));
    tr.firstChild.scope = "row";
    tr.append(make("td", row.scores[r] == null ? "No answer" : String(row.scores[r])));
    tr.append(make("td", figures.get(`${r}:${item.id}`) || (row.scores[r] == null ? "" : "Rated directly")));
    tr.append(make("td", typeof entry.note === "string" ? entry.note : ""));
    body.append(tr);
  });
  block.querySelector(".ipst-suggestion").textContent =
    row.suggested == null
      ? "No one answered this item: there is no suggested score."
      : `Scores from ${row.min} to ${row.max}. Median ${row.median}; suggested score ${row.suggested}.`;
  const state = agreed.get(item.id);
  const start = state && state.chosen ? state.score : row.suggested == null ? "" : String(row.suggested);
  const choice = make("fieldset", "", "ipst-choice");
  choice.append(make("legend", `Agreed score for item ${item.number}`));
  for (const value of ["1", "2", "3", "4", "5", ""]) {
    const id = `agreed-${item.id}-${value || "none"}`;
    const radio = make("input");
    Object.assign(radio, { type: "radio", name: `agreed-${item.id}`, id, value, checked: value === start });
    // Each level with its words, as the self-assessment's own choices show them.
    const label = make("label", value ? "" : "No score");
    if (value) label.append(make("strong", value, "ipst-point"), ` ${item.anchors[value]}`);
    label.htmlFor = id;
    const wrap = make("span", "", "ipst-radio");
    wrap.append(radio, label);
    choice.append(wrap);
  }
  block.querySelector(".ipst-suggestion").after(choice);
  const note = block.querySelector("textarea");
  note.id = `agreed-note-${item.id}`;
  note.value = state ? state.note : "";
  const noteLabel = block.querySelector(".ipst-note-label");
  noteLabel.htmlFor = note.id;
  noteLabel.textContent = `Why the team agreed this score (item ${item.number}, optional)`;
  agreed.set(item.id, { score: start, note: note.value, chosen: Boolean(state && state.chosen) });
  return block;
}

function readForm() {
  for (const item of items) {
    const state = agreed.get(item.id);
    if (!state) continue;
    const checked = document.querySelector(`input[name="agreed-${item.id}"]:checked`);
    const score = checked ? checked.value : "";
    const note = $(`agreed-note-${item.id}`).value;
    agreed.set(item.id, { score, note, chosen: state.chosen || score !== state.score });
  }
}

/** The agreed assessment, in the format the self-assessment saves and opens. */
function agreedAssessment() {
  const assessment = { ...FORMAT };
  const service = $("team-service").value.trim();
  if (service) assessment.service = service;
  if ($("team-date").value) assessment.assessed_on = $("team-date").value;
  assessment.items = {};
  for (const item of items) {
    const state = agreed.get(item.id);
    if (!state) continue;
    const entry = {};
    if (state.score !== "") entry.score = Number(state.score);
    if (state.note.trim()) entry.note = state.note;
    if (Object.keys(entry).length) assessment.items[item.id] = entry;
  }
  return assessment;
}

let refreshes = 0;

async function refreshResult() {
  const assessment = agreedAssessment();
  const mine = ++refreshes;
  const result = await ask("score", assessment);
  if (mine !== refreshes) return; // a later change is being scored: show that one
  const body = $("team-agreed");
  body.replaceChildren();
  $("team-result-service").textContent =
    `${assessment.service || "Service not named"}: the team's agreed assessment, ${assessment.assessed_on ? longDate(assessment.assessed_on) : "date not given"}, from the ratings of ${raters.map((r, i) => raterName(r.data, i)).join(", ")}.`;
  if (result.errors) {
    $("team-total").textContent = `The agreed assessment cannot be scored: ${result.errors.map((e) => e.message).join("; ")}`;
    return;
  }
  for (const row of result.items) {
    const tr = make("tr");
    const entry = assessment.items[row.id] || {};
    tr.append(make("th", `${row.number}. ${items[row.number - 1].title}`), make("td", row.score == null ? "No score" : String(row.score)), make("td", entry.note || ""));
    tr.firstChild.scope = "row";
    body.append(tr);
  }
  const band = result.band ? `: ${result.band.label}` : `; ${result.items.length - result.answered} items have no score yet, so there is no band`;
  $("team-total").textContent = `Agreed total ${result.total} of ${result.max_total}${band}.`;
}

// --- keeping, saving, printing -----------------------------------------------------------------

function keep() {
  const assessment = agreedAssessment();
  let existing = null;
  try {
    existing = localStorage.getItem(DRAFT_KEY);
  } catch {
    existing = null;
  }
  if (existing && !replaceAsked) {
    replaceAsked = true;
    $("team-saved").textContent =
      "This browser already keeps a self-assessment draft. Save it as a file first if you need it, then press the button again to replace it with the agreed assessment.";
    document.querySelector('[data-action="keep"]').textContent = "Replace my draft with the agreed assessment";
    return;
  }
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify(assessment));
  } catch {
    $("team-saved").textContent = "This browser is not letting the page keep a draft. Save the agreed assessment as a file instead.";
    return;
  }
  replaceAsked = false;
  document.querySelector('[data-action="keep"]').textContent = "Keep as my self-assessment draft";
  const note = $("team-saved");
  note.replaceChildren("The agreed assessment is now your self-assessment draft in this browser. ");
  const link = make("a", "Open the self-assessment");
  link.href = config.selfAssessment;
  note.append(link, ".");
}

function save() {
  const assessment = agreedAssessment();
  const name = assessmentFileName({ ...assessment, assessor: "agreed" }, "json");
  download(name, "application/json", `${JSON.stringify(assessment, null, 2)}\n`);
  $("team-saved").textContent = `Saved as ${name} on this device.`;
}

// --- start -------------------------------------------------------------------------------------

$("team-status").textContent = "No files open yet.";
listenForFiles($("team-file"), open);
$("team-form").addEventListener("change", (event) => {
  if (event.target.id === "team-service" || event.target.id === "team-date") topChanged = true;
  readForm();
  refreshResult();
});
$("team-form").addEventListener("submit", (event) => event.preventDefault());
$("team-result").addEventListener("click", (event) => {
  const action = event.target.closest("[data-action]")?.dataset.action;
  if (action === "keep") keep();
  else if (action === "save") save();
  else if (action === "print") window.print();
});
items = (await scale).items;
