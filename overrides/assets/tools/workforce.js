// The workforce planner's page: people to support and months on the caseload in, the
// specialists and team leaders needed out, with items 1 and 8 for the staffing entered
// (scorer.planning.workforce).

import {
  $,
  bindForm,
  definitionList,
  el,
  fieldByName,
  itemTitle,
  plural,
  readFields,
  setSummary,
  showAnswer,
  showNothing,
  tool,
} from "./common.js";

/** The current staffing against items 1 and 8, and any shortfall against the plan. */
function currentRows(current) {
  const item1 = current.item_1;
  const supervision = current.item_8_supervision;
  const role =
    supervision.met === null
      ? "Not checked: enter the team leaders' full-time equivalent."
      : supervision.met
        ? "In place."
        : "Not in place.";
  const rows = [
    [`Item ${item1.number}, ${itemTitle(item1.item)}`, `Would score ${item1.score}.`, item1.rule],
    [
      `Item ${supervision.number}, ${itemTitle(supervision.item)}: the supervision role`,
      role,
      supervision.met === null ? "" : supervision.rule,
    ],
  ];
  if (supervision.item_score_range) {
    const span = supervision.item_score_range;
    rows.push([
      `Item ${supervision.number} overall`,
      `Can score from ${span.min} to ${span.max}, depending on its other roles.`,
    ]);
  }
  const short = current.shortfall;
  rows.push([
    "Against the plan",
    short.specialists_fte
      ? `${short.specialists_fte} more full-time equivalent of specialists needed.`
      : "Enough specialist time.",
    short.team_leaders_fte === null
      ? ""
      : short.team_leaders_fte
        ? `${short.team_leaders_fte} more full-time equivalent of supervision needed.`
        : "Enough supervision time.",
  ]);
  return rows;
}

export function workforcePlanner(form) {
  const inputs = [...form.querySelectorAll("input[data-name]")];

  function render(plan) {
    const output = [];
    output.push(el("h3", { text: "For the people you support" }));
    output.push(
      definitionList([
        ["People on the caseload at any one time", String(plan.active_caseload.people), plan.active_caseload.rule],
        [
          "Employment specialists",
          `${plural(plan.specialists.posts, "full-time post")} (at least ${plan.specialists.fte} full-time equivalent)`,
          plan.specialists.rule,
        ],
        [
          "Team leaders",
          `${plural(plan.team_leaders.posts, "full-time post")} (${plan.team_leaders.fte} full-time equivalent of supervision)`,
          plan.team_leaders.rule,
        ],
      ]),
    );
    const current = plan.current;
    if (current) {
      output.push(el("h3", { text: "Your staffing now" }));
      output.push(definitionList(currentRows(current)));
    }
    $("tool-output").replaceChildren(...output);
    $("tool-actions").hidden = false;
    setSummary(
      `You need ${plural(plan.specialists.posts, "employment specialist post")} ` +
        `and ${plural(plan.team_leaders.posts, "team leader post")}` +
        (current ? `; item ${current.item_1.number} would score ${current.item_1.score} now.` : "."),
    );
  }

  async function update(current, { submitted = false } = {}) {
    const data = readFields(inputs);
    const started = "people_per_year" in data && "months_on_caseload" in data;
    if (!submitted && !started) {
      showNothing("Enter the people to support and the average months on the caseload.");
      return false;
    }
    const plan = await tool("workforce_json", JSON.stringify(data));
    if (!current()) return false;
    return showAnswer(plan, (field) => fieldByName(form, field), render);
  }

  bindForm(form, update);
  return update;
}
