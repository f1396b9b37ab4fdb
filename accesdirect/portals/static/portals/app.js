// The job seekers' app: installable on a phone (service worker, scope /app/). Nothing else.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    const worker = document.querySelector("link[rel=serviceworker]");
    if (worker) navigator.serviceWorker.register(worker.href, { scope: worker.dataset.scope });
  });
}
