// Rows of a table that a person adds and removes (the timetable's interviews, the readiness
// tool's reviews): each row comes from the page's <template>, and its labels and ids are
// numbered again after every change, so each field keeps a unique, readable name.

import { el } from "./common.js";

function rowTemplate() {
  return document.querySelector("template").content.firstElementChild;
}

/**
 * `describe` names a table's rows: { prefix, name(number), label(number, field) }, as in
 * "Interview 2" and "Interview 2: starts".
 */
function renumber(body, describe) {
  [...body.rows].forEach((row, index) => {
    const number = index + 1;
    row.querySelector(".tools-row-name").textContent = describe.name(number);
    for (const label of row.querySelectorAll("[data-label]")) {
      const field = label.dataset.label;
      const id = `${describe.prefix}-${body.dataset.rows}-${number}-${field}`;
      const input = row.querySelector(`[data-input="${field}"]`);
      input.id = id;
      label.htmlFor = id;
      label.textContent = describe.label(number, field);
      const error = row.querySelector(`[data-error="${field}"]`);
      if (error) {
        error.id = `${id}-error`;
        input.setAttribute("aria-describedby", error.id);
      }
    }
    const remove = row.querySelector("[data-action=remove-row]");
    remove.replaceChildren(
      document.createTextNode("Remove"),
      el("span", { class: "ips-visually-hidden", text: ` ${describe.name(number).toLowerCase()}` }),
    );
  });
}

export function addRow(body, describe, values = {}) {
  const row = rowTemplate().cloneNode(true);
  for (const input of row.querySelectorAll("[data-input]")) {
    const value = values[input.dataset.input];
    if (value !== undefined && value !== null) input.value = String(value);
  }
  body.append(row);
  renumber(body, describe);
  return row;
}

/** The form's "Add" and "Remove" buttons for rows; `onChange` runs after each. */
export function bindRows(form, describe, onChange) {
  form.addEventListener("click", (event) => {
    const add = event.target.closest("[data-action=add-row]");
    if (add) {
      const body = form.querySelector(`tbody[data-rows="${add.dataset.day}"]`);
      const row = addRow(body, describe);
      row.querySelector("[data-input]").focus();
      onChange();
      return;
    }
    const remove = event.target.closest("[data-action=remove-row]");
    if (remove) {
      const row = remove.closest("tr");
      const body = row.parentElement;
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber(body, describe);
      const fieldset = body.closest("fieldset");
      (next ? next.querySelector("[data-input]") : fieldset.querySelector("[data-action=add-row]")).focus();
      onChange();
    }
  });
}

/** Rows with anything filled in, as objects, and which table row each came from. */
export function readRows(body, convert = {}) {
  const entries = [];
  const rows = [];
  for (const row of body.rows) {
    const entry = {};
    let given = false;
    for (const input of row.querySelectorAll("[data-input]")) {
      const value = input.value.trim();
      if (!value) continue;
      given = true;
      const name = input.dataset.input;
      entry[name] = convert[name] ? convert[name](value) : value;
    }
    if (given) {
      entries.push(entry);
      rows.push(row);
    }
  }
  return { entries, rows };
}

/** The element a row error's field names: `fields[rowIndex]`'s input, or the row itself. */
export function rowField(row, name) {
  if (!row) return null;
  return name ? row.querySelector(`[data-input="${name}"]`) || row : row;
}
