// Warn a minute before the idle log-off and offer "Stay signed in".
//
// The server ends a session SESSION_COOKIE_AGE seconds after its last write
// (HIPAA automatic log-off); activity writes it at most once a minute, so the
// server tells the page how long is left: in the page (data-idle-seconds) and in
// the X-Idle-Seconds header of every response to the page's own requests (any
// htmx request such as a draft autosave). A minute before the end the page shows
// the warning. "Stay signed in" sends one request, which always writes the
// session and so starts its time again. When the time is up the page reloads, so
// the server's sign-in page replaces whatever was on screen.
(function () {
  "use strict";
  var body = document.body;
  var box = document.getElementById("idle-warning");
  var idle = parseInt(body.dataset.idleSeconds || "0", 10);
  var warn = parseInt(body.dataset.warningSeconds || "60", 10);
  var keepaliveUrl = body.dataset.keepaliveUrl;
  if (!box || !idle || !keepaliveUrl) {
    return;
  }
  var warnTimer = null;
  var endTimer = null;
  var tickTimer = null;
  var deadline = 0;
  var left = box.querySelector("[data-idle-left]");

  function csrfToken() {
    try {
      return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function tick() {
    if (left) {
      left.textContent = String(Math.max(0, Math.round((deadline - Date.now()) / 1000)));
    }
  }

  function show() {
    box.hidden = false;
    tick();
    tickTimer = window.setInterval(tick, 1000);
    var button = box.querySelector("[data-idle-stay]");
    if (button) {
      button.focus();
    }
  }

  function hide() {
    box.hidden = true;
    window.clearInterval(tickTimer);
  }

  function end() {
    hide();
    window.location.reload();
  }

  // What the server says is left, from a response's X-Idle-Seconds (null when it says nothing).
  function leftIn(header) {
    var seconds = parseInt(header || "", 10);
    return isNaN(seconds) ? null : seconds;
  }

  function restart(seconds) {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    hide();
    deadline = Date.now() + seconds * 1000;
    warnTimer = window.setTimeout(show, Math.max(0, seconds - warn) * 1000);
    // A second's grace so the reload reaches the server after its session has ended.
    endTimer = window.setTimeout(end, (seconds + 1) * 1000);
  }

  function stay() {
    fetch(keepaliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    }).then(function (response) {
      if (response.ok) {
        var seconds = leftIn(response.headers.get("X-Idle-Seconds"));
        restart(seconds === null ? idle : seconds);
      } else {
        end();
      }
    }, end);
  }

  box.querySelector("[data-idle-stay]").addEventListener("click", stay);
  body.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var seconds = xhr ? leftIn(xhr.getResponseHeader("X-Idle-Seconds")) : null;
    // A response without the header (a failed request) leaves the countdown as it was.
    if (seconds !== null) {
      restart(seconds);
    }
  });
  restart(idle);
})();
