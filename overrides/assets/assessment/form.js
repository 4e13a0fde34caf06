// Reading the form as an assessment (the SPEC input format) and filling it from one. Stored or
// imported keys are only ever compared with the form's own names, never put into a selector.

import { $, findSection, page } from "./dom.js";
import { readRating, setOwnRating } from "./figures.js";
import { readNumber } from "./messages.js";
import { addRow } from "./rows.js";

export const ASSESSMENT_FORMAT = "ips-fidelity-assessment";
export const ASSESSMENT_VERSION = 1;

/** What was typed as a number, or the text as typed (the scorer names the field, the page says
 * what to do: messages.js). */
export const toNumber = readNumber;

function activeModes(calc) {
  const modes = {};
  for (const radio of calc.querySelectorAll("input[data-mode]:checked")) modes[radio.dataset.mode] = radio.value;
  return modes;
}

function inActiveMode(element, modes) {
  const group = element.closest("[data-mode-group]");
  return !group || modes[group.dataset.modeGroup] === group.dataset.modeValue;
}

function readRows(list) {
  let given = false;
  const entries = [...list.children].map((row) => {
    const fields = [...row.querySelectorAll("[data-row-field]")];
    if (fields.length === 1 && fields[0].dataset.rowField === "") {
      const value = fields[0].querySelector("input, select").value;
      if (value.trim() === "") return null;
      given = true;
      return toNumber(value);
    }
    const entry = {};
    for (const field of fields) {
      const value = field.querySelector("input, select").value;
      if (value.trim() === "") continue;
      entry[field.dataset.rowField] = toNumber(value);
      given = true;
    }
    return entry;
  });
  return given ? entries : null;
}

/** The evidence an item's calculator holds, or null when none of it has been filled in. */
export function readEvidence(section) {
  const calc = section.querySelector("[data-calc]");
  if (!calc) return null;
  const modes = activeModes(calc);
  const evidence = {};
  let given = false;
  for (const element of calc.querySelectorAll("[data-evidence]")) {
    if (!inActiveMode(element, modes)) continue;
    const name = element.dataset.evidence;
    const kind = element.dataset.kind;
    if (kind === "number" && element.value.trim() !== "") {
      evidence[name] = toNumber(element.value);
      given = true;
    } else if (kind === "choice" && element.value !== "") {
      evidence[name] = element.value;
      given = true;
    } else if (kind === "list") {
      const values = element.value.split(/[\s,;]+/).filter(Boolean);
      if (values.length) {
        evidence[name] = values.map(toNumber);
        given = true;
      }
    } else if (kind === "flag" && element.checked !== (element.dataset.default === "true")) {
      evidence[name] = element.checked;
      given = true;
    } else if (kind === "member") {
      evidence[name] ??= [];
      if (element.checked) {
        evidence[name].push(element.value);
        given = true;
      }
    }
  }
  for (const list of calc.querySelectorAll("[data-rows]")) {
    const rows = readRows(list);
    if (rows) {
      evidence[list.dataset.rows] = rows;
      given = true;
    }
  }
  return given ? evidence : null;
}

/** The whole form as an assessment in the SPEC format (what is saved, exported and scored). */
export function readAssessment() {
  const assessment = { format: ASSESSMENT_FORMAT, version: ASSESSMENT_VERSION };
  const service = $("ipsa-service").value.trim();
  if (service) assessment.service = service;
  const assessor = $("ipsa-assessor").value.trim();
  if (assessor) assessment.assessor = assessor;
  const date = $("ipsa-date").value;
  if (date) assessment.assessed_on = date;
  const items = {};
  for (const section of page.sections) {
    const entry = {};
    const rating = readRating(section);
    if (rating !== null) entry.score = rating;
    const evidence = readEvidence(section);
    if (evidence) entry.evidence = evidence;
    const note = section.querySelector("[data-note]").value;
    if (note.trim() !== "") entry.note = note;
    if (Object.keys(entry).length) items[section.dataset.item] = entry;
  }
  assessment.items = items;
  return assessment;
}

function setMode(calc, group, value) {
  for (const radio of calc.querySelectorAll("input[data-mode]")) {
    if (radio.dataset.mode === group) radio.checked = radio.value === value;
  }
  showModes(calc);
}

export function showModes(calc) {
  const modes = activeModes(calc);
  for (const part of calc.querySelectorAll("[data-mode-group]")) {
    part.hidden = modes[part.dataset.modeGroup] !== part.dataset.modeValue;
  }
}

export function resetCalculator(calc) {
  for (const element of calc.querySelectorAll("[data-evidence]")) {
    if (element.dataset.kind === "flag") element.checked = element.dataset.default === "true";
    else if (element.dataset.kind === "member") element.checked = false;
    else element.value = "";
  }
  const radios = [...calc.querySelectorAll("input[data-mode]")];
  for (const group of new Set(radios.map((r) => r.dataset.mode))) {
    setMode(calc, group, radios.find((r) => r.dataset.mode === group).value);
  }
  for (const list of calc.querySelectorAll("[data-rows]")) {
    list.replaceChildren();
    addRow(list);
  }
}

function fillEvidence(section, evidence) {
  const calc = section.querySelector("[data-calc]");
  if (!calc) return;
  resetCalculator(calc);
  if (!evidence || typeof evidence !== "object" || Array.isArray(evidence)) return;
  const lists = new Map([...calc.querySelectorAll("[data-rows]")].map((l) => [l.dataset.rows, l]));
  const fields = [...calc.querySelectorAll("[data-evidence]")];
  for (const [name, value] of Object.entries(evidence)) {
    const list = lists.get(name);
    if (list && Array.isArray(value)) {
      list.replaceChildren();
      for (const entry of value) addRow(list, entry);
      if (!value.length) addRow(list);
      continue;
    }
    const elements = fields.filter((f) => f.dataset.evidence === name);
    if (!elements.length) continue;
    const group = elements[0].closest("[data-mode-group]");
    if (group) setMode(calc, group.dataset.modeGroup, group.dataset.modeValue);
    for (const element of elements) {
      const kind = element.dataset.kind;
      if (kind === "flag") element.checked = value === true;
      else if (kind === "member") element.checked = Array.isArray(value) && value.includes(element.value);
      else if (kind === "list") element.value = Array.isArray(value) ? value.join(", ") : String(value);
      else element.value = value === null || value === undefined ? "" : String(value);
    }
  }
  calc.open = true;
}

export function fillForm(assessment) {
  $("ipsa-service").value = typeof assessment.service === "string" ? assessment.service : "";
  $("ipsa-assessor").value = typeof assessment.assessor === "string" ? assessment.assessor : "";
  $("ipsa-date").value = typeof assessment.assessed_on === "string" ? assessment.assessed_on : "";
  const entries = new Map();
  const items = assessment.items && typeof assessment.items === "object" ? assessment.items : {};
  for (const [key, entry] of Object.entries(items)) {
    const section = findSection(key);
    if (section) entries.set(section, entry && typeof entry === "object" ? entry : {});
  }
  for (const section of page.sections) {
    const entry = entries.get(section) || {};
    const score = entry.score === undefined || entry.score === null ? "" : String(entry.score);
    setOwnRating(section, score);
    fillEvidence(section, entry.evidence);
    section.querySelector("[data-note]").value = typeof entry.note === "string" ? entry.note : "";
  }
}
