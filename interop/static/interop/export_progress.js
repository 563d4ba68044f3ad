// The bulk export's progress bar: polls the status view until the export is done or failed,
// then lists the files to download. Static file only (the CSP allows no inline script).
(function () {
  "use strict";
  const box = document.getElementById("export-progress");
  if (!box) return;
  const bar = document.getElementById("export-bar");
  const percent = box.querySelector("[data-export-percent]");
  const label = box.querySelector("[data-export-label]");
  const rows = box.querySelector("[data-export-rows]");
  const failed = box.querySelector("[data-export-failed]");
  const files = box.querySelector("[data-export-files]");
  const finished = (status) => status === "done" || status === "failed";

  function showFiles(list) {
    files.replaceChildren();
    if (!list.length) {
      const empty = document.createElement("li");
      empty.className = "list-group-item text-muted";
      empty.textContent = "Nothing matched.";
      files.append(empty);
      return;
    }
    for (const file of list) {
      const item = document.createElement("li");
      item.className = "list-group-item d-flex justify-content-between gap-2";
      const link = document.createElement("a");
      link.href = file.url;
      link.textContent = file.type + ".ndjson";
      const count = document.createElement("span");
      count.className = "small";
      count.textContent = file.count + (file.count === 1 ? " resource" : " resources");
      item.append(link, count);
      files.append(item);
    }
  }

  function show(state) {
    bar.value = state.percent;
    bar.textContent = state.percent + "%";
    percent.textContent = state.percent;
    label.textContent = state.label;
    rows.textContent = state.rows_done + " of " + state.rows_total + " resources written";
    box.dataset.status = state.status;
    failed.classList.toggle("d-none", state.status !== "failed");
    if (state.status === "done") showFiles(state.files);
  }

  async function poll() {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) {
        const state = await response.json();
        show(state);
        if (finished(state.status)) return;
      }
    } catch (error) {
      // A dropped connection: try again on the next tick.
    }
    window.setTimeout(poll, 1000);
  }

  if (!finished(box.dataset.status)) poll();
})();
