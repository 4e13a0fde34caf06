// Plain words for what the scorer reports. The scorer names fields by their data keys
// (evidence.specialists_fte, days[1]); people see the labels on the page instead. This module
// only renders: it finds the label the page shows for a field and puts it in place of the key.

import { findSection } from "./dom.js";
import { figureMessage } from "./messages.js";

// A Map, not an object: a field named "__proto__" or "constructor" in an opened file is an
// unknown field like any other, never a label found on Object.prototype.
const TOP_LABELS = new Map([
  ["service", "Service name"],
  ["assessor", "Your name or role"],
  ["assessed_on", "Date of the assessment"],
]);

const clean = (text) => text.replace(/\s*\(optional\)\s*$/, "").replace(/\s+/g, " ").trim();

function ownLabel(container) {
  const label = [...container.querySelectorAll("label, legend")].find(
    (node) => node.closest("[data-field], [data-row-field]") === container,
  );
  return label ? clean(label.textContent) : null;
}

/** data key -> label, for every figure in the item's calculator. */
export function keyLabels(section) {
  const labels = new Map([["specialists", "Specialists"]]);
  const calc = section.querySelector("[data-calc]");
  if (!calc) return labels;
  for (const control of calc.querySelectorAll("[data-evidence]")) {
    const name = control.dataset.evidence;
    if (labels.has(name)) continue;
    const field = control.closest("[data-field]");
    const label = control.dataset.kind === "member" ? field && ownLabel(field) : control.labels?.[0]?.textContent;
    if (label) labels.set(name, clean(label));
  }
  for (const field of calc.querySelectorAll("[data-row-field]")) {
    const label = field.querySelector("label");
    if (field.dataset.rowField && label) labels.set(field.dataset.rowField, clean(label.textContent));
  }
  for (const template of document.querySelectorAll("template[id^='ipsa-row-']")) {
    if (!calc.querySelector("[data-rows]") || calc.querySelector("[data-rows]").dataset.rowTemplate !== template.id) continue;
    for (const field of template.content.querySelectorAll("[data-row-field]")) {
      const label = field.querySelector("label");
      if (field.dataset.rowField && label && !labels.has(field.dataset.rowField)) labels.set(field.dataset.rowField, clean(label.textContent));
    }
  }
  return labels;
}

/** The words a person reads for a field path, e.g. "Specialist 2, Percentage of ...". */
export function fieldLabel(section, field) {
  if (!section) return TOP_LABELS.get(field) || null;
  if (!field || field === "score") return field === "score" ? `Your rating for item ${section.dataset.number}` : null;
  if (field === "note") return `Your notes on item ${section.dataset.number}`;
  const labels = keyLabels(section);
  const parts = [];
  const row = /\.specialists\[(\d+)\]/.exec(field);
  if (row) parts.push(`Specialist ${Number(row[1]) + 1}`);
  const leaf = /([A-Za-z_]+)(?:\[(\d+)\])?$/.exec(field);
  if (leaf && labels.has(leaf[1]) && !(row && leaf[1] === "specialists")) {
    parts.push(leaf[2] !== undefined ? `${labels.get(leaf[1])} (figure ${Number(leaf[2]) + 1})` : labels.get(leaf[1]));
  }
  return parts.length ? parts.join(", ") : `The figures for item ${section.dataset.number}`;
}

/**
 * The control a field path names, with what the person typed there: "evidence.days[1]" is the
 * second figure of the days list, "evidence.specialists[1].percent" row 2's percentage.
 */
function typedIn(section, field) {
  const calc = section && section.querySelector("[data-calc]");
  const path = /^evidence\.(\w+)(?:\[(\d+)\])?(?:\.(\w+))?$/.exec(field || "");
  if (!calc || !path) return null;
  const [, name, index, inner] = path;
  if (inner !== undefined) {
    const list = [...calc.querySelectorAll("[data-rows]")].find((l) => l.dataset.rows === name);
    const row = list?.children[Number(index)];
    const control = row && [...row.querySelectorAll("[data-id]")].find((c) => c.dataset.id === inner);
    return control ? { control, typed: control.value } : null;
  }
  const control = [...calc.querySelectorAll("[data-evidence]")].find(
    (c) => c.dataset.evidence === name && !c.closest("[hidden]") && c.dataset.enter,
  );
  if (!control) return null;
  if (index === undefined) return { control, typed: control.value };
  return { control, typed: control.value.split(/[\s,;]+/).filter(Boolean)[Number(index)] ?? "" };
}

/** The scorer's message with every data key replaced by the page's words, saying what to do. */
export function plainMessage(error) {
  const section = error.item ? findSection(error.item) : null;
  let text = String(error.message ?? "");
  const label = fieldLabel(section, error.field);
  const found = section ? typedIn(section, error.field) : null;
  if (found && found.control.dataset.enter) {
    const words = figureMessage(text, {
      label: found.control.labels?.[0]?.textContent || label,
      enter: found.control.dataset.enter,
      example: found.control.dataset.example,
      typed: found.typed,
    });
    if (words) return words;
  }
  const labels = section ? keyLabels(section) : TOP_LABELS;
  if (/^[A-Za-z_]+(\[\d+\])? is required\b/.test(text) && label) {
    const choose = section && [...section.querySelectorAll("select[data-evidence]")].some((s) => labels.get(s.dataset.evidence) === label);
    return `${choose ? "Choose an answer for" : "Enter a figure for"} “${label}”.`;
  }
  // A key at the start of the message, or before a figure in brackets: "count (12) cannot be ..."
  text = text.replace(/(^|\s)([A-Za-z_]+)((?:\[\d+\])*)(?=\s|$|:|,)/g, (whole, space, key, index, offset) => {
    if (!labels.has(key) || (offset > 0 && !/^\s\(/.test(text.slice(offset + whole.length)))) return whole;
    const figure = index ? ` (figure ${Number(/\d+/.exec(index)[0]) + 1})` : "";
    return `${space}“${labels.get(key)}”${figure}`;
  });
  // Nothing that still looks like a data key reaches a person.
  text = text.replace(/\bevidence\.[\w.[\]]*/g, "this figure").replace(/\b[a-z]+(?:_[a-z]+)+\b(\[\d+\])?/g, (key) => {
    const name = key.replace(/\[\d+\]$/, "");
    return labels.has(name) ? `“${labels.get(name)}”` : "this figure";
  });
  text = text.replace(/\b([a-z]+)\[(\d+)\]/g, (_, key, n) => `figure ${Number(n) + 1}`);
  // The scorer quotes back what it was given ("got the text '…'"); the person can see it.
  text = text.replace(/,? got (?:the text )?.*$/, "");
  if (!section && label) return `${label}: ${text.replace(/^“[^”]*”\s*/, "")}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Item 1, Employment specialists (FTE): ..." for lists away from the field (summary, import). */
export function describeProblem(error) {
  const section = error.item ? findSection(error.item) : null;
  const message = plainMessage(error);
  if (!section) return error.item ? `An item this page does not know: ${message}` : message;
  const row = /\.specialists\[(\d+)\]/.exec(error.field || "");
  return `Item ${section.dataset.number}${row ? `, specialist ${Number(row[1]) + 1}` : ""}: ${message}`;
}

/** The figures of one item as a person reads them: "Active clients ...: 72; Employment specialists (FTE): 4". */
export function describeFigures(section, evidence) {
  if (!section || !evidence || typeof evidence !== "object") return "";
  const labels = keyLabels(section);
  const show = (value) => (typeof value === "boolean" ? (value ? "yes" : "no") : String(value));
  const parts = [];
  for (const [key, value] of Object.entries(evidence)) {
    const label = labels.get(key) || "Figure";
    if (key === "present" && Array.isArray(value)) {
      const all = section.querySelectorAll("[data-evidence=present]").length;
      parts.push(`${label}: ${value.length} of ${all} ticked`);
    } else if (key === "specialists" && Array.isArray(value)) {
      value.forEach((entry, index) => {
        const detail =
          entry && typeof entry === "object"
            ? Object.entries(entry).map(([k, v]) => `${labels.get(k) || "figure"} ${show(v)}`).join(", ")
            : `rating ${show(entry)}`;
        parts.push(`Specialist ${index + 1}: ${detail}`);
      });
    } else if (Array.isArray(value)) {
      parts.push(`${label}: ${value.map(show).join(", ")}`);
    } else {
      parts.push(`${label}: ${show(value)}`);
    }
  }
  return parts.join("; ");
}
