// The printed report, for a board or a team meeting: what "Print the report" (or the browser's
// own Print) puts on paper. It is built from the last scoring, kept out of sight on screen, and
// is all that print.css lets the printer see on this page:
//   a title with the service, the assessor and the date ("3 December 2026");
//   one paragraph: the total, the band, how many items are answered, the three largest gaps;
//   items 1 to 25 in number order, once, with the score, what it is based on and the notes;
//   the action plan, each step naming what is missing (the components not ticked, or the
//   words of the level to aim for).
// Every figure comes from the scorer; nothing here works out a score.

import { $, element } from "./dom.js";
import { longDate } from "./files.js";
import { itemDetails } from "./results.js";

const SOURCE_TEXT = { evidence: "Your figures", rating: "Your rating" };

let scale = null;

export function useScale(parsed) {
  scale = parsed;
}

const scaleItem = (id) => scale.items.find((item) => item.id === id);

/** What a step of the action plan still needs: the words of the level to aim for and, for an
 * item scored by its components, the ones not ticked ({ level, missing, heading }). When the
 * rating was given without ticking them, every component is listed to check. */
export function whatIsMissing(step, entry) {
  const level = `To reach ${step.target}: ${step.next_anchor}`;
  const measure = scaleItem(step.id)?.measure;
  if (!measure || measure.type !== "components") return { level, missing: [], heading: "" };
  const present = entry && entry.evidence && entry.evidence.present;
  if (Array.isArray(present)) {
    const missing = measure.components.filter((component) => !present.includes(component.id));
    return { level, missing: missing.map((component) => component.text), heading: "Not yet in place:" };
  }
  return {
    level,
    missing: measure.components.map((component) => component.text),
    heading: "Which components are in place was not recorded. Check each of these:",
  };
}

/** The same, as one line of text (for the spreadsheet). */
export function missingText(step, entry) {
  const { level, missing, heading } = whatIsMissing(step, entry);
  return missing.length ? `${level} ${heading} ${missing.join(" ")}` : level;
}

/** The title's parts: service, assessor and date as a person reads them. */
export function reportTitle(assessment) {
  const service = assessment.service?.trim() || "Service not named";
  const assessor = assessment.assessor?.trim() ? `rated by ${assessment.assessor.trim()}` : "rater not named";
  const date = assessment.assessed_on ? longDate(assessment.assessed_on) : "date not given";
  return `${service}: self-assessment ${assessor}, ${date}`;
}

function summary(result) {
  const total = `Total ${result.total} out of ${result.max_total}`;
  const answered = `${result.answered} of ${result.items.length} items answered`;
  let text = result.complete
    ? `${total}: ${result.band.label}. All ${answered}.`
    : `${total}, with ${answered}, so there is no band yet (the total will be between ` +
      `${result.possible_range.min} and ${result.possible_range.max} when every item is answered).`;
  const gaps = result.action_plan.slice(0, 3);
  if (gaps.length) {
    const named = gaps.map((step) => `item ${step.number}, ${scaleItem(step.id).title} (${step.score} out of 5)`);
    text += ` The ${gaps.length === 1 ? "largest gap is" : `${gaps.length} largest gaps are`} ${named.join("; ")}.`;
  }
  return `${text} A self-assessment cannot give a service Centre of Excellence status: only an independent fidelity review can.`;
}

function itemsTable(result, unfinished, explanations, assessment) {
  const table = element("table", "ipsa-report__items");
  table.append(element("caption", null, "Every item's score, in number order"));
  const head = element("tr");
  for (const text of ["Item", "Score", "Based on", "Figures, rule and notes"]) {
    const th = element("th", null, text);
    th.scope = "col";
    head.append(th);
  }
  table.append(element("thead"));
  table.tHead.append(head);
  const body = element("tbody");
  for (const row of [...result.items].sort((a, b) => a.number - b.number)) {
    const line = element("tr");
    const th = element("th", null, `${row.number}. ${row.title}`);
    th.scope = "row";
    const entry = assessment.items[row.id];
    line.append(
      th,
      element("td", null, row.score === null ? "Not answered" : String(row.score)),
      element("td", null, SOURCE_TEXT[row.source] || "-"),
      element("td", null, itemDetails(row, entry, explanations.get(row.id), unfinished.has(row.id))),
    );
    body.append(line);
  }
  table.append(body);
  return table;
}

function actionPlan(result, assessment) {
  const list = element("ol", "ipsa-report__plan");
  for (const step of result.action_plan) {
    const item = element("li");
    item.append(element("p", "ipsa-report__step", `Item ${step.number}: ${scaleItem(step.id).title} (now ${step.score}, aim for ${step.target})`));
    const { level, missing, heading } = whatIsMissing(step, assessment.items[step.id]);
    item.append(element("p", null, level));
    if (missing.length) {
      item.append(element("p", null, heading));
      const components = element("ul");
      for (const text of missing) components.append(element("li", null, text));
      item.append(components);
    }
    list.append(item);
  }
  return list;
}

let shownFor = null;

/** Build (or rebuild) the printed report from a scoring; cheap enough to run after each one. */
export function renderReport(result, unfinished, explanations, assessment) {
  if (!scale) return;
  const key = JSON.stringify([result, [...unfinished], [...explanations], assessment]);
  if (key === shownFor) return;
  shownFor = key;
  let report = $("ipsa-report");
  if (!report) {
    report = element("section", "ipsa-report");
    report.id = "ipsa-report";
    report.hidden = true; // print.css shows it on paper only; the screen has the results panel
    $("ipsa").append(report);
  }
  const parts = [
    element("p", "ipsa-report__kicker", "IPS Fidelity Scale self-assessment"),
    element("h2", "ipsa-report__title", reportTitle(assessment)),
    element("p", "ipsa-report__summary", summary(result)),
  ];
  if (result.warnings.length) {
    parts.push(element("h3", null, "Check these answers"));
    const warnings = element("ul");
    for (const text of result.warnings) warnings.append(element("li", null, text));
    parts.push(warnings);
  }
  parts.push(element("h3", null, "Items 1 to 25"), itemsTable(result, unfinished, explanations, assessment));
  parts.push(element("h3", null, "Action plan"));
  parts.push(result.action_plan.length ? actionPlan(result, assessment) : element("p", null, "Every answered item already scores 5."));
  report.replaceChildren(...parts);
}
