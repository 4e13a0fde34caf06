// The confirmation dialog (a native <dialog>): asks before anything is replaced or removed.

import { $ } from "./dom.js";

/** Resolves true when the person confirms, false when they cancel or close the dialog. */
export function ask(title, text, confirmLabel) {
  const dialog = $("ipsa-dialog");
  $("ipsa-dialog-title").textContent = title;
  $("ipsa-dialog-text").textContent = text;
  dialog.querySelector("[data-dialog=confirm]").textContent = confirmLabel;
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
