// The print button needs a script, so it is shown only where one runs; the browser's own Print works everywhere.
const button = document.querySelector("[data-print]");
button.hidden = false;
button.addEventListener("click", () => window.print());
