/* Portal-wide behaviour, loaded on every page by base.html (no inline script: strict CSP).
 *
 * A refused form comes back with its fields in error marked aria-invalid="true" and their
 * messages linked by aria-describedby. Put the focus on the first of them, so a keyboard
 * user is where the correction goes and a screen reader reads the label, "invalid" and
 * the message at once. A refusal without a field (an alert at the top of a form) gets
 * the focus itself. Pages that set autofocus keep it.
 *
 * A table wider than the screen scrolls sideways in its .table-responsive wrapper (on a
 * phone, most of them). A keyboard user can scroll it only if the wrapper takes the focus:
 * each wrapper that overflows becomes a focusable region named by its table's caption, and
 * stops being one when the window is wide enough again (no needless tab stops on a desktop).
 */
(function () {
  "use strict";

  function fokusGalat() {
    var main = document.getElementById("konten");
    if (!main || main.querySelector("[autofocus]")) {
      return;
    }
    var kolom = main.querySelector('form [aria-invalid="true"]');
    if (kolom) {
      kolom.focus();
      return;
    }
    var peringatan = main.querySelector('form [role="alert"]');
    if (peringatan) {
      peringatan.setAttribute("tabindex", "-1");
      peringatan.focus();
    }
  }

  function tabelGulir() {
    var wadah = document.querySelectorAll(".table-responsive");
    for (var i = 0; i < wadah.length; i++) {
      var el = wadah[i];
      var meluap = el.scrollWidth > el.clientWidth + 1;
      if (meluap && !el.hasAttribute("tabindex")) {
        var judul = el.querySelector("caption");
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("data-gulir", "");
        if (!el.hasAttribute("aria-label") && !el.hasAttribute("aria-labelledby")) {
          el.setAttribute("aria-label", judul ? judul.textContent.trim() : document.title);
          el.setAttribute("data-gulir", "label");
        }
      } else if (!meluap && el.hasAttribute("data-gulir")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("role");
        if (el.getAttribute("data-gulir") === "label") {
          el.removeAttribute("aria-label");
        }
        el.removeAttribute("data-gulir");
      }
    }
  }

  function mulai() {
    fokusGalat();
    tabelGulir();
    var tunda;
    window.addEventListener("resize", function () {
      clearTimeout(tunda);
      tunda = setTimeout(tabelGulir, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mulai);
  } else {
    mulai();
  }
})();
