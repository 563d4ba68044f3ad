// After a passkey is made on the set-up page, go on to the recovery codes.
// django-otp-webauthn announces success with a DOM event; no inline script (CSP).
(function () {
  "use strict";
  document.addEventListener("otp_webauthn.register_complete", function () {
    var target = document.getElementById("passkey-enrolled");
    if (target && target.dataset.next) {
      window.location.assign(target.dataset.next);
    }
  });
})();
