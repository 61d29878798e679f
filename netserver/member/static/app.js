// Member page: install the service worker, keep the screen on while the pass shows, mark offline.
(function () {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/me/sw.js", { scope: "/me/" }).catch(() => {});
  }
  function mark() { document.body.classList.toggle("is-offline", !navigator.onLine); }
  window.addEventListener("online", mark);
  window.addEventListener("offline", mark);
  mark();
  if (document.querySelector(".qr") && "wakeLock" in navigator) {
    const lock = () => navigator.wakeLock.request("screen").catch(() => {});
    lock();
    document.addEventListener("visibilitychange", () => { if (!document.hidden) lock(); });
  }
})();
