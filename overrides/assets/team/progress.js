// "Progress over time": one service's saved, dated self-assessments in; the total against the
// bands, each principle's average and each item's score by date out, printable and as CSV.
//
// The scorer (scorer.history, in the worker) orders the files, scores them and finds the
// changes; this script draws what it returns and never works out a score.
import { csvText } from "../assessment/csv.js";
import { dateInName, download, longDate } from "../assessment/files.js";
import { $, askEach, dated, fileList, listenForFiles, make, MAX_FILES, oneAtATime, readWhenReady, scale, showProblems, withDate, withFileNames } from "./opening.js";

// { name, data, date: the date given on this page to a file without one }, as opened; the
// scorer puts them in date order. A file without a date waits, beside its date field, until
// it has one; the date in its name (if any) is filled in for it.
const files = [];
let view = null; // the scorer's answer for the files open
let scaleData = null;

// --- opening files -------------------------------------------------------------------------------

// Opened one call at a time (oneAtATime), so quick successive choices never race.
const open = oneAtATime(openFiles);

async function openFiles(chosen) {
  if (!chosen.length) return;
  try {
    const read = await readWhenReady(chosen, $("progress-status"), $("progress-file-error"));
    if (!read) return;
    const problems = [];
    // One at a time, so a file that does not fit is refused and the others are kept.
    for (const file of read) {
      if (file.problem) {
        problems.push(file.problem);
        continue;
      }
      if (files.length >= MAX_FILES) {
        problems.push(`${file.name} was not added: this page shows at most ${MAX_FILES} files.`);
        continue;
      }
      const entry = { ...file, date: file.data.assessed_on ? null : dateInName(file.name) };
      const problem = await fits(entry);
      if (problem && dated(entry) && !entry.date) {
        problems.push(`${file.name} was not added: ${problem}`);
        continue;
      }
      if (problem) entry.date = null; // the date from its name does not fit: the person gives one
      files.push(entry);
    }
    showProblems($("progress-file-error"), problems);
    $("progress-file").setAttribute("aria-invalid", problems.length ? "true" : "false");
    await refresh();
  } finally {
    render(); // the status line always ends in the outcome, never "Reading..."
  }
}

/** Why `entry` cannot join the dated files open (the scorer's words), or null when it can. An
 * entry without a date is not checked yet. */
async function fits(entry) {
  if (!dated(entry)) return null;
  const candidate = [...files.filter((f) => f !== entry && dated(f)), entry];
  const answer = await askEach("progressEach", candidate.map(withDate));
  if (!answer.errors) return null;
  const names = candidate.map((f) => f.name);
  // The scorer names the new file "assessment n:" at the start of its own problems.
  const prefix = `assessment ${candidate.length}: `;
  const own = answer.errors.filter((e) => e.message.startsWith(prefix));
  const shown = own.length
    ? own.map((e) => withFileNames(e.message.slice(prefix.length), names))
    : answer.errors.map((e) => withFileNames(e.message, names));
  return shown.join(" ");
}

/** A date given beside a file that had none: kept when the scorer takes the file with it. */
async function giveDate(index, iso) {
  const entry = files[index];
  const before = entry.date;
  entry.date = iso;
  const problem = await fits(entry);
  if (problem) entry.date = before; // the earlier date (if any) was one the scorer took
  await refresh();
  render();
  return problem;
}

async function refresh() {
  const shown = files.filter(dated);
  view = shown.length ? await askEach("progressEach", shown.map(withDate)) : null;
}

async function removeFile(index) {
  files.splice(index, 1);
  await refresh();
  render();
}

// --- showing the progress ----------------------------------------------------------------------

const shortDate = (iso) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const bandLabel = (id) => (id ? scaleData.bands.find((b) => b.id === id).label : "No band: not every item answered");
const itemTitle = (id) => {
  const item = scaleData.items.find((i) => i.id === id);
  return `${item.number}. ${item.title}`;
};
const signed = (n) => (n == null ? "-" : n > 0 ? `+${n}` : String(n));

function describeFile(f) {
  if (f.data.assessed_on) return `${f.name} (${longDate(f.data.assessed_on)})`;
  return f.date ? `${f.name} (dated ${longDate(f.date)} on this page)` : `${f.name} (waiting for its date)`;
}

function render() {
  fileList($("progress-files"), "Files opened", files, describeFile, removeFile, giveDate);
  const waiting = files.filter((f) => !dated(f)).length;
  const waitText = waiting
    ? ` ${waiting === 1 ? "1 file waits" : `${waiting} files wait`} for a date: give it beside the file.`
    : "";
  if (!view || view.errors) {
    $("progress-result").hidden = true;
    const problem = view && view.errors ? ` They cannot be shown together: ${view.errors.map((e) => e.message).join("; ")}` : "";
    $("progress-status").textContent = files.length
      ? `${files.length} ${files.length === 1 ? "file" : "files"} open.${waitText}${problem}`
      : "No files open yet.";
    return;
  }
  const rows = view.history.assessments;
  $("progress-status").textContent =
    `${rows.length} ${rows.length === 1 ? "assessment" : "assessments"} shown, from ${longDate(rows[0].assessed_on)} to ${longDate(rows[rows.length - 1].assessed_on)}.${waitText}`;
  $("progress-service").textContent = rows.find((r) => r.service)?.service || "the service";
  drawChart(rows);
  showMoves();
  showTables(rows);
  $("progress-result").hidden = false;
}

const SVG = "http://www.w3.org/2000/svg";
const CHART = { width: 640, height: 300, left: 48, right: 150, top: 16, bottom: 44 };

function svg(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text != null) element.textContent = text;
  return element;
}

function drawChart(rows) {
  const chart = $("progress-chart");
  for (const child of [...chart.children]) if (child.tagName !== "title") child.remove();
  const low = scaleData.items.length * scaleData.points_per_item.min;
  const high = scaleData.max_total;
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const y = (total) => CHART.top + plotHeight * (1 - (total - low) / (high - low));
  const inset = 36; // keeps the first and last points' labels clear of the frame and band names
  const x = (i) =>
    CHART.left + (rows.length === 1 ? plotWidth / 2 : inset + ((plotWidth - 2 * inset) * i) / (rows.length - 1));
  chart.append(svg("rect", { x: CHART.left, y: CHART.top, width: plotWidth, height: plotHeight, class: "ipst-chart-frame" }));
  for (const tick of [low, high]) {
    chart.append(svg("text", { x: CHART.left - 6, y: y(tick) + 4, "text-anchor": "end", class: "ipst-chart-label" }, tick));
  }
  const lines = scaleData.bands.filter((band) => band.min > low).sort((a, b) => a.min - b.min);
  for (const band of lines) {
    chart.append(svg("line", { x1: CHART.left, x2: CHART.left + plotWidth, y1: y(band.min), y2: y(band.min), class: "ipst-chart-band" }));
    chart.append(svg("text", { x: CHART.left + plotWidth + 6, y: y(band.min) + 4, class: "ipst-chart-label" }, `${band.min} ${band.label.replace(/ IPS fidelity$/, "")}`));
  }
  chart.append(svg("polyline", { points: rows.map((r, i) => `${x(i)},${y(r.total)}`).join(" "), class: "ipst-chart-line" }));
  rows.forEach((row, i) => {
    chart.append(svg("circle", { cx: x(i), cy: y(row.total), r: 5, class: row.complete ? "ipst-chart-point" : "ipst-chart-point is-incomplete" }));
    chart.append(svg("text", { x: x(i), y: y(row.total) - 10, "text-anchor": "middle", class: "ipst-chart-value" }, row.total));
    // At most about six date labels fit under the chart; the text alternative gives every date.
    const step = Math.ceil(rows.length / 6);
    if (i % step === 0 || i === rows.length - 1) {
      chart.append(svg("text", { x: x(i), y: CHART.height - CHART.bottom + 22, "text-anchor": "middle", class: "ipst-chart-label" }, shortDate(row.assessed_on)));
    }
  });
  const points = rows.map(
    (r) => `${longDate(r.assessed_on)}: ${r.total} of ${high}, ${r.complete ? bandLabel(r.band) : "incomplete, so no band"}`,
  );
  const marks = lines.map((band) => `${band.min} (${band.label})`).join(", ");
  $("progress-chart-text").textContent = `Total score by date. ${points.join("; ")}. Band lines at ${marks}.`;
}

function showMoves() {
  const list = $("progress-moves");
  list.replaceChildren();
  const describe = (moves) => moves.slice(0, 5).map((m) => `${itemTitle(m.id)} (${signed(m.change)})`).join("; ");
  if (view.gains.length) list.append(make("li", `Biggest gains: ${describe(view.gains)}.`));
  if (view.falls.length) list.append(make("li", `Biggest falls: ${describe(view.falls)}.`));
  if (!view.gains.length && !view.falls.length) list.append(make("li", "No item's score changed between the first and the last assessment."));
}

function tableHead(table, first, rows, extra) {
  const head = make("thead");
  const tr = make("tr");
  for (const text of [first, ...rows.map((r) => longDate(r.assessed_on)), ...extra]) {
    const th = make("th", text);
    th.scope = "col";
    tr.append(th);
  }
  head.append(tr);
  table.append(head);
}

function tableRow(body, cells) {
  const tr = make("tr");
  const th = make("th", cells[0]);
  th.scope = "row";
  tr.append(th, ...cells.slice(1).map((c) => make("td", c)));
  body.append(tr);
}

function showTables(rows) {
  const principles = $("progress-principles");
  principles.querySelectorAll("thead, tbody").forEach((part) => part.remove());
  tableHead(principles, "Principle", rows, []);
  let body = make("tbody");
  tableRow(body, [`Total (of ${scaleData.max_total})`, ...rows.map((r) => String(r.total))]);
  tableRow(body, ["Band", ...rows.map((r) => bandLabel(r.band))]);
  for (const principle of view.principles) {
    const title = scaleData.principles.find((p) => p.id === principle.id).title;
    tableRow(body, [title, ...principle.averages.map((a) => a ?? "No answers")]);
  }
  principles.append(body);
  const items = $("progress-items");
  items.querySelectorAll("thead, tbody").forEach((part) => part.remove());
  tableHead(items, "Item", rows, ["Change"]);
  body = make("tbody");
  for (const item of view.history.items) {
    tableRow(body, [itemTitle(item.id), ...rows.map((r) => (r.scores[item.id] == null ? "-" : String(r.scores[item.id]))), signed(item.change)]);
  }
  items.append(body);
}

// --- CSV -----------------------------------------------------------------------------------------

function csv() {
  const rows = view.history.assessments;
  const lines = [
    ["Service", rows.find((r) => r.service)?.service || ""],
    ["Date of the assessment", ...rows.map((r) => longDate(r.assessed_on)), "Change"],
    ["Total", ...rows.map((r) => r.total), ""],
    ["Band", ...rows.map((r) => bandLabel(r.band)), ""],
    ...view.principles.map((p) => [
      `Average: ${scaleData.principles.find((x) => x.id === p.id).title}`,
      ...p.averages.map((a) => a ?? ""),
      "",
    ]),
    ...view.history.items.map((item) => [
      itemTitle(item.id),
      ...rows.map((r) => r.scores[item.id] ?? ""),
      item.change ?? "",
    ]),
  ];
  download(`progress-${rows[rows.length - 1].assessed_on}.csv`, "text/csv;charset=utf-8", csvText(lines));
}

// --- start -------------------------------------------------------------------------------------

$("progress-status").textContent = "No files open yet.";
listenForFiles($("progress-file"), open);
$("progress-result").addEventListener("click", (event) => {
  const action = event.target.closest("[data-action]")?.dataset.action;
  if (action === "csv") csv();
  else if (action === "print") window.print();
});
scaleData = await scale;
