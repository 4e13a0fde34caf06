// Field errors from the scorer, shown beside the field they are about (GOV.UK pattern): the
// message, aria-invalid on the control, and aria-describedby pointing at the message.

import { $, findSection, page } from "./dom.js";

let errorIds = 0;

export function clearErrors() {
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

/** Show each error by its field; returns the errors not about one item (shown by the date). */
export function showErrors(errors) {
  clearErrors();
  const general = [];
  for (const error of errors) {
    const section = error.item ? findSection(error.item) : null;
    if (!section) {
      // Not about one item (the assessment's date, say): shown beside the service and date.
      general.push(error);
      const control = [...document.querySelectorAll("[data-top]")].find((c) => c.dataset.top === error.field);
      const label = control ? control.labels[0].textContent.replace(/\s*\(optional\)$/, "") : null;
      addMessage($("ipsa-about-error"), label ? `${label}: ${error.message}` : error.message);
      if (control) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", "ipsa-about-error");
      }
      continue;
    }
    const { container, message } = errorTarget(section, error.field);
    addMessage(message, error.field && !container ? `${error.field}: ${error.message}` : error.message);
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
