// Autosave for application answers and jury scores. Each <fieldset data-autosave="URL" data-version="N">
// posts its fields when one changes, naming the version it was loaded at; a 409 answer shows the other
// person's version and nothing is overwritten. Hand-written: a few dozen lines of fetch need no library.
(function () {
  "use strict";
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  // The "still missing" list follows the answers: a listed question leaves it once answered, and comes
  // back if its answer is emptied again. It is asked for once every save has landed, so it reflects all.
  var inFlight = 0;
  function refreshMissing() {
    var box = document.getElementById("missing");
    if (!box || !box.dataset.url) return;
    fetch(box.dataset.url, {credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (data) { if (inFlight === 0) showMissing(data.missing); })
      .catch(function () {});
  }
  function showMissing(ids) {
    var box = document.getElementById("missing"), done = document.getElementById("complete");
    if (!box) return;
    var open = ids.map(String), left = 0;
    box.querySelectorAll("li[data-question]").forEach(function (li) {
      li.hidden = open.indexOf(li.dataset.question) < 0;
      if (!li.hidden) left += 1;
    });
    box.hidden = left === 0;
    if (done) done.hidden = left !== 0;
  }
  function save(fieldset) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf ? csrf.value : "");
    body.append("version", fieldset.dataset.version || "0");
    fieldset.querySelectorAll("input, textarea, select").forEach(function (el) {
      if (!el.name || el.type === "hidden") return;
      var key = el.dataset.field || "value";
      if (el.type === "file") { if (el.files.length) body.append(key, el.files[0]); return; }
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      body.append(key, el.value);
    });
    var status = fieldset.querySelector(".save-status");
    status.classList.remove("error");
    inFlight += 1;
    return fetch(fieldset.dataset.autosave, {method: "POST", body: body, credentials: "same-origin",
                                              headers: {"X-Requested-With": "fetch"}})
      .then(function (response) { return response.json().then(function (data) { return [response.status, data]; }); })
      .then(function (result) {
        var data = result[1];
        if (data.version !== undefined) {
          fieldset.dataset.version = data.version;
          var hidden = fieldset.querySelector("input[type=hidden]");
          if (hidden) hidden.value = data.version;
        }
        if (result[0] === 200) {
          status.textContent = data.message;
          // The juror's running total follows each saved score.
          var total = document.getElementById("running-total");
          if (total && data.total !== undefined) total.textContent = data.total;
        }
        else { status.classList.add("error"); status.textContent = data.error || (data.conflict + " " + data.current); }
      })
      .catch(function () { status.classList.add("error"); status.textContent = status.dataset.offline || "Not saved."; })
      .then(function () { inFlight -= 1; if (inFlight === 0) refreshMissing(); });
  }
  document.querySelectorAll("fieldset[data-autosave]").forEach(function (fieldset) {
    var timer = null;
    // One save at a time per field: the next one starts from the version the previous one returned.
    var queue = function () { fieldset.chain = (fieldset.chain || Promise.resolve()).then(function () { return save(fieldset); }); };
    fieldset.addEventListener("change", function () { clearTimeout(timer); queue(); });
    fieldset.addEventListener("input", function (event) {
      if (event.target.tagName !== "TEXTAREA") return;
      clearTimeout(timer);
      timer = setTimeout(queue, 1500);
    });
  });
  document.documentElement.setAttribute("data-autosave", "ready");  // for tests: changes are now saved
})();
