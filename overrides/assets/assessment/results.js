// Rendering what the scorer returned: the summary, the figures, the chart and table grouped by
// principle, the action plan, each item's status line and each calculator's explanation.
// Titles, principles and band labels come from scale.json; nothing here works out a score.

import { $, element, findSection } from "./dom.js";
import { disagreement } from "./figures.js";
import { describeFigures } from "./wording.js";

const SOURCE_TEXT = { evidence: "Your figures", rating: "Your rating" };

let scale = null;

/** Hand this module the parsed scale.json once it has arrived. */
export function useScale(parsed) {
  scale = parsed;
}

function bandLabel(id) {
  const band = scale && scale.bands.find((b) => b.id === id);
  return band ? band.label : id;
}

function itemTitle(id) {
  const item = scale && scale.items.find((i) => i.id === id);
  return item ? item.title : id;
}

// Each re-render changes only what differs from the last one: it keeps re-scoring cheap, and
// live regions are not re-announced when their text has not changed.
const shown = new WeakMap();

function update(node, key, render) {
  if (shown.get(node) === key) return;
  shown.set(node, key);
  render();
}

let chartBars = null;

function buildChart() {
  const groups = [];
  chartBars = new Map();
  for (const principle of scale.principles) {
    const items = scale.items.filter((item) => item.principle === principle.id);
    if (!items.length) continue;
    const group = element("div", "ipsa-chart__group");
    group.append(element("p", "ipsa-chart__principle", principle.title));
    for (const item of items) {
      const line = element("div", "ipsa-chart__row");
      const track = element("span", "ipsa-chart__track");
      const bar = element("span", "ipsa-chart__bar");
      const value = element("span", "ipsa-chart__value");
      track.append(bar);
      line.append(element("span", "ipsa-chart__label", `${item.number}. ${item.title}`), track, value);
      group.append(line);
      chartBars.set(item.id, { bar, value });
    }
    groups.push(group);
  }
  $("ipsa-chart").replaceChildren(...groups);
}

function renderChart(result) {
  if (!chartBars) buildChart();
  for (const row of result.items) {
    const parts = chartBars.get(row.id);
    if (!parts) continue;
    parts.bar.dataset.score = row.score === null ? "0" : String(row.score);
    parts.value.textContent = row.score === null ? "-" : String(row.score);
  }
}

/** What the report says about one item beyond its score: figures, the rule that used them, the note. */
export function itemDetails(row, entry, explanation, unfinished) {
  const parts = [];
  const figures = entry && entry.evidence ? describeFigures(findSection(row.id), entry.evidence) : "";
  if (figures) parts.push(`Figures: ${figures}.`);
  if (unfinished) parts.push("These figures are not finished, so they are not counted yet.");
  else if (explanation && row.source === "evidence") parts.push(`Rule: ${explanation.rule}.`);
  if (entry && typeof entry.note === "string" && entry.note.trim()) parts.push(`Note: ${entry.note.trim()}`);
  return parts.join(" ");
}

function renderTable(result, unfinished, explanations, assessment) {
  const lines = new Map([...$("ipsa-table").querySelectorAll("tr[data-item]")].map((tr) => [tr.dataset.item, tr]));
  for (const row of result.items) {
    const line = lines.get(row.id);
    if (!line) continue;
    line.querySelector("[data-cell=score]").textContent = row.score === null ? "Not answered" : String(row.score);
    line.querySelector("[data-cell=source]").textContent = SOURCE_TEXT[row.source] || "-";
    const entry = assessment ? assessment.items[row.id] : null;
    line.querySelector("[data-cell=details]").textContent = itemDetails(row, entry, explanations.get(row.id), unfinished.has(row.id));
  }
}

function renderPlan(result) {
  const plan = $("ipsa-plan");
  const entries = result.action_plan.map((step) => {
    const li = element("li", "ipsa-plan__step");
    const heading = element("p", "ipsa-plan__title");
    const link = element("a", null, `Item ${step.number}: ${itemTitle(step.id)}`);
    link.href = `#${step.id}`;
    heading.append(link, document.createTextNode(` (now ${step.score}, aim for ${step.target})`));
    li.append(heading, element("p", "ipsa-plan__anchor", `To reach ${step.target}: ${step.next_anchor}`));
    return li;
  });
  plan.replaceChildren(...entries);
  $("ipsa-plan-empty").hidden = entries.length > 0;
}

function renderItemStatus(result, skipped, unfinished) {
  for (const row of result.items) {
    const status = $(`item-${row.id}-status`);
    if (!status) continue;
    let text;
    if (unfinished.has(row.id)) text = "Not counted yet: finish the figures in the calculator.";
    else if (skipped.has(row.id)) text = "Not counted until the problem above is fixed.";
    else if (row.score === null) text = "Not answered yet.";
    else text = `Counted: ${row.score} (${row.source === "evidence" ? "from your figures" : "your rating"}).`;
    // A rating that differs from the figures is explained beside the rating (figures.js).
    update(status, text, () => status.replaceChildren(element("span", null, text)));
  }
}

export function renderResults(result, skipped, unfinished = new Set(), explanations = new Map(), assessment = null) {
  $("ipsa-results-pending").hidden = true;
  const complete = result.complete;
  const range = result.possible_range;
  $("ipsa-total").textContent = `${result.total} out of ${result.max_total}`;
  $("ipsa-answered").textContent = `${result.answered} of ${result.items.length}`;
  $("ipsa-band-term").textContent = complete ? "Fidelity band" : "Possible total when complete";
  $("ipsa-band").textContent = complete ? result.band.label : `${range.min} to ${range.max}`;
  $("ipsa-next").textContent = result.to_next_band
    ? `${result.to_next_band.points} more points for ${bandLabel(result.to_next_band.id)}`
    : complete
      ? "None: this is the highest band"
      : "Shown when every item is answered";
  const centre = result.centre_of_excellence;
  $("ipsa-centre-status").textContent = !complete
    ? `The threshold is ${centre.threshold} points. Answer every item to compare your total with it.`
    : centre.meets_threshold
      ? `Your self-assessed total of ${result.total} reaches the threshold of ${centre.threshold} points.`
      : `Your self-assessed total of ${result.total} is below the threshold of ${centre.threshold} points.`;
  renderChart(result);
  renderTable(result, unfinished, explanations, assessment);
  update($("ipsa-plan"), JSON.stringify(result.action_plan), () => renderPlan(result));
  renderItemStatus(result, skipped, unfinished);
  // The scorer's warnings are its own words ("the rating given (5) differs from the evidence"):
  // the page says the same in its words, item by item, with a link to the item.
  const differ = result.items.filter((row) => row.warnings.length);
  const own = (row) => (assessment && assessment.items[row.id] ? String(assessment.items[row.id].score ?? "") : "");
  update($("ipsa-warnings"), JSON.stringify(differ.map((row) => [row.id, row.score, own(row)])), () => {
    $("ipsa-warnings").replaceChildren(
      ...differ.map((row) => {
        const li = element("li");
        const link = element("a", null, `Item ${row.number}: ${row.title}`);
        link.href = `#${row.id}`;
        li.append(link, document.createTextNode(`. ${disagreement(String(row.score), own(row))}`));
        return li;
      }),
    );
    $("ipsa-warnings-box").hidden = differ.length === 0;
  });

  let summary = complete
    ? `Total ${result.total} out of ${result.max_total}. ${result.answered} of ${result.items.length} answered: ${result.band.label}.`
    : `Total ${result.total} out of ${result.max_total}. ${result.answered} of ${result.items.length} answered. ` +
      `Possible total when complete: ${range.min} to ${range.max}.`;
  const listed = (ids) => {
    const numbers = result.items.filter((row) => ids.has(row.id)).map((row) => row.number);
    return `item${numbers.length > 1 ? "s" : ""} ${numbers.join(", ")}`;
  };
  const problems = new Set([...skipped].filter((id) => !unfinished.has(id)));
  if (problems.size) summary += ` Not counted until fixed: ${listed(problems)}.`;
  if (unfinished.size) summary += ` Figures not finished: ${listed(unfinished)}.`;
  const summaryText = $("ipsa-summary-text");
  if (summaryText.textContent !== summary) summaryText.textContent = summary;
  const service = $("ipsa-service").value.trim();
  const date = $("ipsa-date").value;
  $("ipsa-print-heading").textContent = [
    service ? `Service: ${service}.` : "Service: not named.",
    date ? `Assessed on ${date}.` : "Assessment date: not given.",
  ].join(" ");
}

export function renderExplanation(section, explanation, unfinished = false) {
  const box = $(`calc-${section.dataset.item}-result`);
  if (!box) return;
  update(box, JSON.stringify([explanation, unfinished]), () => {
    if (!explanation) {
      box.replaceChildren(element("p", null, "Enter your figures to see the rating they give."));
    } else if (explanation.errors && unfinished) {
      box.replaceChildren(element("p", null, "Fill in the rest of the figures to see the rating they give."));
    } else if (explanation.errors) {
      box.replaceChildren(element("p", null, "These figures cannot give a rating yet: see the messages above."));
    } else {
      const first = element("p");
      first.append(element("strong", null, `Your figures give a rating of ${explanation.score}.`));
      box.replaceChildren(first, element("p", "ipsa-derived__rule", `How: ${explanation.rule}.`));
    }
  });
}
