// Per-specialist rows (items 17, 18 and 24): each row is cloned from a <template> the build made,
// then numbered so every field has its own id, label and place for a message.

export function numberRows(list) {
  const section = list.closest("section.ipsa-item");
  const item = section.dataset.item;
  [...list.children].forEach((row, index) => {
    const n = index + 1;
    const base = `evidence.${list.dataset.rows}[${index}]`;
    row.querySelector("[data-row-legend]").textContent = `Specialist ${n}`;
    const fields = [...row.querySelectorAll("[data-row-field]")];
    const scalar = fields.length === 1 && fields[0].dataset.rowField === "";
    // Errors about the whole entry go to the row, or to the one field of a single-value row.
    if (scalar) delete row.dataset.field;
    else row.dataset.field = base;
    for (const field of fields) {
      const control = field.querySelector("input, select");
      const id = `ev-${item}-${list.dataset.rows}-${index}-${control.dataset.id}`;
      control.id = id;
      field.querySelector("label").htmlFor = id;
      field.dataset.field = scalar ? base : `${base}.${field.dataset.rowField}`;
    }
    const remove = row.querySelector("[data-action=remove-row]");
    remove.textContent = `Remove specialist ${n}`;
    remove.hidden = list.children.length === 1;
  });
}

export function addRow(list, values) {
  const template = document.getElementById(list.dataset.rowTemplate);
  const row = template.content.firstElementChild.cloneNode(true);
  for (const field of row.querySelectorAll("[data-row-field]")) {
    const control = field.querySelector("input, select");
    const value = field.dataset.rowField === "" ? values : values && values[field.dataset.rowField];
    control.value = value === undefined || value === null || typeof value === "object" ? "" : String(value);
  }
  list.append(row);
  numberRows(list);
  return row;
}
