// The Centre status and readiness page: review history, start date and a self-assessment in,
// the status with its dates and two signs of readiness out (scorer.planning.readiness).

import { localISODate } from "../assessment/files.js";
import {
  $,
  bindForm,
  definitionList,
  el,
  fieldByName,
  readChosenFile,
  readFields,
  run,
  setSummary,
  showAnswer,
  toNumber,
  tool,
} from "./common.js";
import { bindRows, readRows, rowField } from "./rows.js";

const describe = {
  prefix: "rd",
  name: (number) => `Review ${number}`,
  // A Map, not an object: a field named __proto__ or constructor has no label, not Object's.
  label: (number, field) =>
    new Map([
      ["date", `Review ${number}: date`],
      ["score", `Review ${number}: score`],
      ["invited", `Review ${number}: invited on`],
    ]).get(field) ?? `Review ${number}`,
};

export function readinessChecker(form) {
  const inputs = [...form.querySelectorAll("input[data-name]")];
  const body = form.querySelector('tbody[data-rows="reviews"]');
  let assessment = null;
  let sent = [];

  function request() {
    const data = readFields(inputs);
    if (assessment) data.self_assessment = assessment.data;
    const { entries, rows } = readRows(body, { score: toNumber });
    sent = rows;
    if (entries.length) data.reviews = entries;
    return data;
  }

  function locate(field) {
    const row = /^reviews\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (row) return rowField(sent[Number(row[1])], row[2]) || fieldByName(form, "self_assessment");
    if (field.startsWith("self_assessment.")) return fieldByName(form, "self_assessment");
    return fieldByName(form, field);
  }

  function render(result) {
    const output = [];
    output.push(el("ul", { class: "tools-findings" }, result.summary.map((line) => el("li", { text: line }))));
    if (result.key_dates.length) {
      output.push(el("h3", { text: "Dates that matter" }));
      output.push(definitionList(result.key_dates.map((entry) => [entry.label, entry.text])));
    }
    output.push(el("p", { class: "tools-guidance", text: result.note }));
    $("tool-output").replaceChildren(...output);
    $("tool-actions").hidden = false;
    // The status line and the verdict, if there is one; the full list is just above the dates.
    const lines = result.summary;
    setSummary(result.ready === null ? lines[0] : `${lines[0]} ${lines[lines.length - 1]}`);
  }

  async function update(current) {
    const data = request();
    const result = await tool("readiness_json", JSON.stringify(data), localISODate(new Date()));
    if (!current()) return false;
    return showAnswer(result, locate, render);
  }

  const status = $("rd-assessment-status");
  const forget = form.querySelector("[data-action=forget-assessment]");
  $("rd-assessment").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    const error = $("rd-assessment-error");
    error.hidden = true;
    if (!file) return;
    const text = await readChosenFile(file, (message) => {
      error.textContent = message;
      error.hidden = false;
    });
    if (text === null) return; // the file in use before, if any, stays in use
    try {
      assessment = { name: file.name, data: JSON.parse(text) };
      $("rd-total").value = "";
      status.textContent = `Using the self-assessment in ${file.name}.`;
      forget.hidden = false;
    } catch {
      assessment = null;
      error.textContent = `${file.name} is not a self-assessment saved from this site (it is not JSON).`;
      error.hidden = false;
    }
    run(update);
  });
  forget.addEventListener("click", () => {
    assessment = null;
    $("rd-assessment").value = "";
    status.textContent = "";
    forget.hidden = true;
    $("rd-assessment").focus();
    run(update);
  });
  bindRows(form, describe, () => run(update));
  bindForm(form, update);
  return update;
}
