// The review planner's page: the review's dates in, the scorer's dated checklist of both
// parties' commitments out (scorer.planning.review_plan), with a calendar file to download.

import { download } from "../assessment/files.js";
import {
  $,
  bindForm,
  el,
  fieldByName,
  setActionStatus,
  setSummary,
  showAnswer,
  showErrors,
  showNothing,
  tool,
} from "./common.js";

// Ticks on the checklist are kept in this browser only, under the plan's review days, so the
// same plan shown again (today or next week) comes back with its ticks.
const TICKS_KEY = "ips-fidelity:review-plan-ticks";

function storedTicks() {
  try {
    const stored = JSON.parse(localStorage.getItem(TICKS_KEY) || "{}");
    return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
  } catch {
    return {}; // storage blocked or unreadable: the boxes still work for this visit
  }
}

function keepTicks(plan, done) {
  const all = storedTicks();
  if (done.length) all[plan] = done;
  else delete all[plan];
  try {
    localStorage.setItem(TICKS_KEY, JSON.stringify(all));
    return true;
  } catch {
    return false;
  }
}

export function reviewPlanner(form) {
  const dateInputs = [...form.querySelectorAll("input[data-name]")];

  function request() {
    const data = {};
    const later = [];
    for (const input of dateInputs) {
      const value = input.value.trim();
      if (input.dataset.name === "later_days") later[Number(input.dataset.index)] = value;
      else if (value) data[input.dataset.name] = value;
    }
    // Further review days: all or none (the planner takes the next weekdays when none are given).
    if (later.some(Boolean)) data.later_days = later.map((value) => value || null).filter((v) => v !== null);
    return data;
  }

  const locate = (field) => fieldByName(form, field) || fieldByName(form, `${field}[0]`);

  /** One step: a real checkbox named by the step's words, ticked if it was ticked before. */
  function stepItem(step, ticked) {
    const id = `rp-done-${step.id}`;
    const box = el("input", {
      class: "tools-done",
      attrs: { type: "checkbox", id, "data-step": step.id, "aria-labelledby": `${id}-who ${id}-text`, "aria-describedby": `${id}-when` },
    });
    box.checked = ticked.has(step.id);
    return el("li", { class: step.dated ? "tools-step is-dated" : "tools-step" }, [
      box,
      el("div", { class: "tools-step-body" }, [
        el("p", { class: "tools-step-who" }, [el("strong", { text: step.party_label, attrs: { id: `${id}-who` } })]),
        el("p", { text: step.text, attrs: { id: `${id}-text` } }),
        el("p", { class: "tools-step-when", text: step.timing, attrs: { id: `${id}-when` } }),
      ]),
    ]);
  }

  let shownPlan = null; // the review days of the plan on screen: its ticks are kept under them

  function render(plan) {
    const output = [];
    if (plan.service) output.push(el("p", { class: "tools-print-title", text: `Service: ${plan.service}` }));
    shownPlan = plan.review_days.join(" ");
    const ticked = new Set(storedTicks()[shownPlan] || []);
    output.push(
      el("p", {
        class: "ips-hint",
        text: "Tick each task as it is done. The ticks are kept in this browser on this device, with this plan's review days, and nowhere else.",
      }),
    );
    let steps = 0;
    let dated = 0;
    for (const stage of plan.stages) {
      output.push(el("h3", { text: stage.label }));
      const list = el("ul", { class: "tools-checklist" });
      for (const step of stage.steps) {
        steps += 1;
        if (step.dated) dated += 1;
        list.append(stepItem(step, ticked));
      }
      output.push(list);
    }
    if (plan.warnings.length) {
      output.push(el("div", { class: "tools-warning" }, plan.warnings.map((w) => el("p", { text: w }))));
    }
    $("tool-output").replaceChildren(...output);
    $("tool-actions").hidden = false;
    setSummary(`The plan lists ${steps} tasks; ${dated} of them have a date.`);
  }

  async function update(current) {
    const data = request();
    if (!data.start && Object.keys(data).length === 0) {
      showNothing("Enter the first day of the review to see the plan.");
      return false;
    }
    const plan = await tool("review_plan_json", JSON.stringify(data));
    if (!current()) return false;
    return showAnswer(plan, locate, render);
  }

  bindForm(form, update);
  $("tool-output").addEventListener("change", (event) => {
    if (!event.target.matches("input.tools-done") || !shownPlan) return;
    const done = [...$("tool-output").querySelectorAll("input.tools-done:checked")].map((box) => box.dataset.step);
    setActionStatus(
      keepTicks(shownPlan, done)
        ? `${done.length} of ${$("tool-output").querySelectorAll("input.tools-done").length} tasks ticked.`
        : "This browser cannot keep the ticks, so they will be gone when the page is closed.",
    );
  });
  document.addEventListener("click", async (event) => {
    if (!event.target.closest("[data-action=calendar]")) return;
    let answer;
    try {
      answer = await tool("review_plan_ics", JSON.stringify(request()), new Date().toISOString());
    } catch (error) {
      console.error(error);
      setActionStatus("The calendar file could not be made from these dates. Check them and try again.");
      return;
    }
    if (answer.errors) {
      showErrors(answer.errors, locate);
      return;
    }
    download(answer.name, "text/calendar;charset=utf-8", answer.text);
    setActionStatus(`The calendar file ${answer.name} has been saved to your downloads.`);
  });
  return update;
}
