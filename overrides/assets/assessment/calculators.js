// Calm calculators: an item's figures are checked in front of the person only once they have
// finished with its calculator (focus has left it, or every figure it needs is filled in).
// Until then a half-filled calculator says nothing; its item is simply not counted yet.

const finished = new WeakSet();

const sectionOf = (calc) => calc.closest("section.ipsa-item");

export function isFinished(section) {
  return finished.has(section);
}

/** Mark an item's calculator as finished: restored drafts and opened files are finished. */
export function markFinished(section) {
  finished.add(section);
}

/** A cleared calculator starts calm again. */
export function markUnfinished(section) {
  finished.delete(section);
}

function filled(control) {
  return control.value.trim() !== "";
}

/** Every figure the calculator needs (in the chosen way of giving it) has been filled in. */
function allFilled(calc) {
  const needed = [...calc.querySelectorAll("[data-kind=number], [data-kind=list], [data-kind=choice], [data-row-field] input, [data-row-field] select")]
    .filter((control) => !control.closest("[hidden]") && !control.closest("[data-optional]"));
  return needed.length > 0 && needed.every(filled);
}

function anyGiven(calc) {
  return [...calc.querySelectorAll("input, select, textarea")].some((control) =>
    control.type === "checkbox" || control.type === "radio" ? control.dataset.kind === "member" && control.checked : filled(control),
  );
}

/** Watch the form; `onFinished` runs when a calculator becomes finished (to show its messages). */
export function bindCalculators(form, onFinished) {
  form.addEventListener("focusout", (event) => {
    const calc = event.target.closest("[data-calc]");
    if (!calc || (event.relatedTarget && calc.contains(event.relatedTarget))) return;
    const section = sectionOf(calc);
    if (finished.has(section) || !anyGiven(calc)) return;
    finished.add(section);
    onFinished();
  });
  const check = (event) => {
    const calc = event.target.closest("[data-calc]");
    if (!calc) return;
    const section = sectionOf(calc);
    if (!finished.has(section) && allFilled(calc)) finished.add(section);
  };
  // Capture: decided before the form's own listeners re-score.
  form.addEventListener("input", check, true);
  form.addEventListener("change", check, true);
}
