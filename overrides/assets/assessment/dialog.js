// The confirmation dialog (a native <dialog>): asks before anything is replaced or removed.

import { $ } from "./dom.js";

/** Resolves true when the person confirms, false when they cancel or close the dialog.
 * `destructive`: the confirm button removes something, so it is styled as a warning, not as
 * the main action. */
export function ask(title, text, confirmLabel, { destructive = false } = {}) {
  const dialog = $("ipsa-dialog");
  $("ipsa-dialog-title").textContent = title;
  $("ipsa-dialog-text").textContent = text;
  const confirm = dialog.querySelector("[data-dialog=confirm]");
  confirm.textContent = confirmLabel;
  confirm.classList.toggle("md-button--primary", !destructive);
  confirm.classList.toggle("ipsa-button--danger", destructive);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
  });
}

export function bindDialog() {
  $("ipsa-dialog").addEventListener("click", (event) => {
    const button = event.target.closest("[data-dialog]");
    if (button) $("ipsa-dialog").close(button.dataset.dialog);
  });
}
