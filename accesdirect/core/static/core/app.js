// Behaviours of the pages, bound here rather than in onclick="..." attributes: the
// Content-Security-Policy (core/headers.py) runs no inline script.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    event.preventDefault();
    window.print();
  }
});
