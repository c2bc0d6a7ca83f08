/* Portal-wide behaviour, loaded on every page by base.html (no inline script: strict CSP).
 *
 * A refused form comes back with its fields in error marked aria-invalid="true" and their
 * messages linked by aria-describedby. Put the focus on the first of them, so a keyboard
 * user is where the correction goes and a screen reader reads the label, "invalid" and
 * the message at once. A refusal without a field (an alert at the top of a form) gets
 * the focus itself. Pages that set autofocus keep it.
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fokusGalat);
  } else {
    fokusGalat();
  }
})();
