// The review planner's page: the review's dates in, the scorer's dated checklist of both
// parties' commitments out (scorer.planning.review_plan), with a calendar file to download.

import { download } from "../assessment/files.js";
import {
  $,
  bindForm,
  clearErrors,
  el,
  fieldByName,
  setActionStatus,
  setSummary,
  showErrors,
  showNothing,
  tool,
} from "./common.js";

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

  function render(plan) {
    const output = [];
    if (plan.service) output.push(el("p", { class: "tools-print-title", text: `Service: ${plan.service}` }));
    let steps = 0;
    let dated = 0;
    for (const stage of plan.stages) {
      output.push(el("h3", { text: stage.label }));
      const list = el("ul", { class: "tools-checklist" });
      for (const step of stage.steps) {
        steps += 1;
        if (step.dated) dated += 1;
        list.append(
          el("li", { class: step.dated ? "tools-step is-dated" : "tools-step" }, [
            el("span", { class: "tools-box", attrs: { "aria-hidden": "true" } }),
            el("div", { class: "tools-step-body" }, [
              el("p", { class: "tools-step-who" }, [el("strong", { text: step.party_label })]),
              el("p", { text: step.text }),
              el("p", { class: "tools-step-when", text: step.timing }),
            ]),
          ]),
        );
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
    if (plan.errors) {
      showErrors(plan.errors, locate);
      return true;
    }
    clearErrors();
    render(plan);
    return true;
  }

  bindForm(form, update);
  document.addEventListener("click", async (event) => {
    if (!event.target.closest("[data-action=calendar]")) return;
    let answer;
    try {
      answer = await tool("review_plan_ics", JSON.stringify(request()), new Date().toISOString());
    } catch (error) {
      setActionStatus(`The calendar file could not be made: ${error.message}`);
      return;
    }
    if (answer.errors) {
      showErrors(answer.errors, (field) => fieldByName(form, field));
      return;
    }
    download(answer.name, "text/calendar;charset=utf-8", answer.text);
    setActionStatus(`The calendar file ${answer.name} has been saved to your downloads.`);
  });
  return update;
}
