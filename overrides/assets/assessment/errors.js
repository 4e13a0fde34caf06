// Field errors from the scorer, shown beside the field they are about (GOV.UK pattern): the
// message, aria-invalid on the control, and aria-describedby pointing at the message.

import { $, element, findSection, page } from "./dom.js";
import { describeProblem, plainMessage } from "./wording.js";

let errorIds = 0;

export function clearErrors() {
  clearFieldErrors();
  renderErrorSummary([]);
}

function clearFieldErrors() {
  for (const message of [...page.form.querySelectorAll(".ipsa-error"), $("ipsa-about-error")]) {
    message.hidden = true;
    message.textContent = "";
  }
  const invalid = [...page.form.querySelectorAll("[aria-invalid]"), ...document.querySelectorAll("[data-top][aria-invalid]")];
  for (const control of invalid) {
    control.removeAttribute("aria-invalid");
    const described = (control.getAttribute("aria-describedby") || "")
      .split(" ")
      .filter((id) => id && !document.getElementById(id)?.classList.contains("ipsa-error"));
    if (described.length) control.setAttribute("aria-describedby", described.join(" "));
    else control.removeAttribute("aria-describedby");
  }
}

/** The field's container and its message element, walking up the path (a.b[1].c -> a.b[1] -> a.b). */
function errorTarget(section, field) {
  const containers = [...section.querySelectorAll("[data-field]")];
  let path = field || "";
  while (path) {
    const container = containers.find((c) => c.dataset.field === path);
    if (container && !container.closest("[hidden]")) {
      const message = [...container.querySelectorAll(".ipsa-error")].find(
        (p) => p.parentElement.closest("[data-field]") === container,
      );
      if (message) return { container, message };
    }
    const shorter = path.replace(/(\[\d+\]|\.[^.[\]]+)$/, "");
    path = shorter === path ? "" : shorter;
  }
  return { container: null, message: $(`item-${section.dataset.item}-errors`) };
}

function addMessage(element, text) {
  const line = document.createElement("span");
  line.className = "ipsa-error__line";
  line.textContent = text;
  element.append(line);
  element.hidden = false;
}

/** Show each error by its field, and all of them in the summary at the top of the form;
 * returns the errors not about one item (shown by the service name and date). */
export function showErrors(errors) {
  clearFieldErrors();
  renderErrorSummary(errors);
  const general = [];
  for (const error of errors) {
    const section = error.item ? findSection(error.item) : null;
    if (!section) {
      // Not about one item (the assessment's date, say): shown beside the service and date.
      general.push(error);
      const control = [...document.querySelectorAll("[data-top]")].find((c) => c.dataset.top === error.field);
      addMessage($("ipsa-about-error"), plainMessage(error));
      if (control) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", "ipsa-about-error");
      }
      continue;
    }
    const { container, message } = errorTarget(section, error.field);
    addMessage(message, plainMessage(error));
    const calc = message.closest("[data-calc]");
    if (calc) calc.open = true;
    if (!message.id) message.id = `ipsa-error-${++errorIds}`;
    const controls = container ? container.querySelectorAll("input, select, textarea") : [];
    for (const control of controls) {
      if (control.closest("[data-field]") !== container && container.matches("[data-field]:has([data-field])")) continue;
      control.setAttribute("aria-invalid", "true");
      const described = new Set((control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
      described.add(message.id);
      control.setAttribute("aria-describedby", [...described].join(" "));
    }
  }
  return general;
}

/** Where the summary's link for an error goes: the first control of its field, or the item. */
function linkTarget(error) {
  const section = error.item ? findSection(error.item) : null;
  if (!section) {
    const control = [...document.querySelectorAll("[data-top]")].find((c) => c.dataset.top === error.field);
    return control ? control.id : "ipsa-service";
  }
  const { container } = errorTarget(section, error.field);
  const control = container && container.querySelector("input:not([type=hidden]), select, textarea");
  return control && control.id ? control.id : section.id;
}

let summaryShown = "";

/** The GOV.UK error summary above the form: one link to each field with a problem. */
function renderErrorSummary(errors) {
  const box = $("ipsa-error-summary");
  const lines = errors.map((error) => [linkTarget(error), describeProblem(error)]);
  const key = JSON.stringify(lines);
  if (key === summaryShown) return;
  summaryShown = key;
  $("ipsa-error-summary-list").replaceChildren(
    ...lines.map(([target, text]) => {
      const link = element("a", null, text);
      link.href = `#${target}`;
      const li = element("li");
      li.append(link);
      return li;
    }),
  );
  box.hidden = lines.length === 0;
}
