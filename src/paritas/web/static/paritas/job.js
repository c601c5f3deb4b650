// The progress page of a background job: asks for the job's state and shows its step, four times a
// second for the first five seconds (when most jobs end), then every second;
// when the job has finished, loads its address again, which then answers with the outcome (the pending
// upload, the problems, the dashboard), or for a document downloads its file and says it is ready.
// Hand-written: one fetch loop needs no library.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) return;
  var label = document.getElementById("job-label"), steps = document.getElementById("job-steps");
  function show(data) {
    label.textContent = data.label;
    steps.innerHTML = "";
    data.steps.forEach(function (step) {
      var li = document.createElement("li");
      li.className = "step-" + step.state;
      if (step.state === "current") li.setAttribute("aria-current", "step");
      li.textContent = step.label;
      steps.appendChild(li);
    });
  }
  var started = Date.now();
  function next() { return Date.now() - started < 5000 ? 250 : 1000; }
  function poll() {
    fetch(box.dataset.status, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        show(data);
        if (data.finished && data.download) {
          // A document: its file downloads, and the page says so (and where to go on) instead of going blank.
          var ready = document.getElementById("job-ready");
          if (ready) { ready.hidden = false; box.querySelector("progress").hidden = true; }
          window.location.assign(data.url);
        } else if (data.finished) { window.location.replace(data.url); } else { window.setTimeout(poll, next()); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 250);
}());
