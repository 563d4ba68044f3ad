// Warn a minute before the idle log-off and offer "Stay signed in".
//
// The server ends a session after SESSION_COOKIE_AGE seconds without a request
// (HIPAA automatic log-off). This page counts the same time from its last
// request (a page load, or any htmx request such as a draft autosave) and, a
// minute before the end, shows the warning. "Stay signed in" sends one request,
// which slides the server's expiry. When the time is up the page reloads, so the
// server's sign-in page replaces whatever was on screen.
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

  function restart() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    hide();
    deadline = Date.now() + idle * 1000;
    warnTimer = window.setTimeout(show, Math.max(0, idle - warn) * 1000);
    // A second's grace so the reload reaches the server after its session has ended.
    endTimer = window.setTimeout(end, (idle + 1) * 1000);
  }

  function stay() {
    fetch(keepaliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    }).then(function (response) {
      if (response.ok) {
        restart();
      } else {
        end();
      }
    }, end);
  }

  box.querySelector("[data-idle-stay]").addEventListener("click", stay);
  body.addEventListener("htmx:afterRequest", restart);
  restart();
})();
