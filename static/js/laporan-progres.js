// Live progress of a report being compiled (evaluasi:laporan). Progressive enhancement: without
// JavaScript the page shows the progress at load time and a plain "Muat ulang" link.
// Every 2 s the status JSON is read; the bar, the step text and an aria-live region are
// updated (the region only when the step changes, so screen readers are not flooded), and
// the page reloads once the report is finished or has failed.
(function () {
  "use strict";
  var root = document.querySelector("[data-laporan-status-url]");
  if (!root || !window.fetch) { return; }
  var url = root.getAttribute("data-laporan-status-url");
  var bar = root.querySelector("progress");
  var angka = root.querySelector("[data-progres-angka]");
  var langkah = root.querySelector("[data-langkah]");
  var pengumuman = root.querySelector("[data-pengumuman]");
  var langkahTerakhir = langkah ? langkah.textContent : "";
  var gagalBeruntun = 0;
  var JEDA = 2000;
  var MAKS_GAGAL = 10;

  function perbarui(data) {
    var progres = Math.max(0, Math.min(100, parseInt(data.progres, 10) || 0));
    if (bar && progres >= bar.value) { bar.value = progres; bar.textContent = progres + "%"; }
    if (angka) { angka.textContent = String(bar ? bar.value : progres); }
    if (langkah && data.langkah && data.langkah !== langkahTerakhir) {
      langkah.textContent = data.langkah;
      langkahTerakhir = data.langkah;
      if (pengumuman) { pengumuman.textContent = data.langkah + " (" + progres + "%)"; }
    }
  }

  function tanya() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      })
      .then(function (data) {
        gagalBeruntun = 0;
        perbarui(data);
        if (data.selesai) {
          if (pengumuman) { pengumuman.textContent = data.status_label; }
          window.location.reload();
          return;
        }
        window.setTimeout(tanya, JEDA);
      })
      .catch(function () {
        gagalBeruntun += 1;
        if (gagalBeruntun < MAKS_GAGAL) { window.setTimeout(tanya, JEDA * gagalBeruntun); }
      });
  }

  window.setTimeout(tanya, JEDA);
})();
