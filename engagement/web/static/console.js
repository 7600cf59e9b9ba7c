/* Borgerpanelet staff console: small progressive enhancements, no build step.
 *
 * - Editor preview: a form with data-preview-url posts itself there a moment
 *   after staff stop typing and puts the returned HTML fragment into the
 *   element named by data-preview-target.  Without JavaScript the
 *   "Vis forhåndsvisning" button does the same with a page load.
 * - Fields marked data-for-types="scale number" show only for those question types.
 * - data-show-when="name=value": shown only while that radio/select has that value.
 * - A campaign's progress (data-progress-url) is fetched every few seconds.
 */
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  /* --- Question types: show the fields that belong to the chosen type --- */
  function syncQuestion(fieldset) {
    var select = fieldset.querySelector("[data-question-type]");
    if (!select) return;
    fieldset.querySelectorAll("[data-for-types]").forEach(function (el) {
      var types = el.getAttribute("data-for-types").split(" ");
      el.hidden = types.indexOf(select.value) === -1;
    });
  }

  document.querySelectorAll("[data-question]").forEach(function (fieldset) {
    syncQuestion(fieldset);
    var select = fieldset.querySelector("[data-question-type]");
    if (select) select.addEventListener("change", function () { syncQuestion(fieldset); });
  });

  /* --- Live preview --- */
  document.querySelectorAll("form[data-preview-url]").forEach(function (form) {
    var target = document.getElementById(form.getAttribute("data-preview-target"));
    if (!target || form.querySelector("fieldset[disabled]")) return;
    var pending = null;
    var refresh = debounce(function () {
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(form.getAttribute("data-preview-url"), {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" }, signal: pending.signal
      }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      }).then(function (html) {
        target.innerHTML = html;
        target.setAttribute("data-updated", String(Date.now()));
      }).catch(function () { /* keep the last preview; the button still works */ });
    }, 400);
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
  });

  /* --- Show parts of a form only for one choice --- */
  function syncShowWhen(root) {
    root.querySelectorAll("[data-show-when]").forEach(function (el) {
      var parts = el.getAttribute("data-show-when").split("=");
      var form = el.closest("form") || document;
      var fields = form.querySelectorAll("[name='" + parts[0] + "']");
      var value = null;
      fields.forEach(function (field) {
        if ((field.type === "radio" || field.type === "checkbox") ? field.checked : true) value = field.value;
      });
      el.hidden = parts[1].split("|").indexOf(value) === -1;
    });
  }
  if (document.querySelector("[data-show-when]")) {
    syncShowWhen(document);
    document.addEventListener("change", function () { syncShowWhen(document); });
  }

  /* --- Campaign progress: poll a small JSON endpoint --- */
  document.querySelectorAll("[data-progress-url]").forEach(function (box) {
    var url = box.getAttribute("data-progress-url");
    var seconds = parseFloat(box.getAttribute("data-progress-seconds") || "3");
    function set(name, value) {
      box.querySelectorAll("[data-field='" + name + "']").forEach(function (el) { el.textContent = value; });
    }
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          ["sent", "failed", "waiting", "answered", "recipients", "status_label", "percent_sent",
           "percent_answered"].forEach(function (name) { if (name in data) set(name, data[name]); });
          ["email", "sms"].forEach(function (channel) {
            var c = (data.channels || {})[channel] || { sent: 0, waiting: 0, failed: 0 };
            ["sent", "waiting", "failed"].forEach(function (name) { set(channel + "_" + name, c[name]); });
          });
          box.querySelectorAll("[data-list='holds']").forEach(function (list) {
            if (!data.holds || !data.holds.length) return;
            while (list.firstChild) list.removeChild(list.firstChild);
            data.holds.forEach(function (text) {
              var item = document.createElement("li");
              item.textContent = text;
              list.appendChild(item);
            });
          });
          var bar = box.querySelector("progress[data-bar='sent']");
          if (bar) { bar.max = Math.max(data.total, 1); bar.value = data.sent + data.failed; }
          var answered = box.querySelector("progress[data-bar='answered']");
          if (answered) { answered.max = Math.max(data.recipients, 1); answered.value = data.answered; }
          box.setAttribute("data-status", data.status);
          if (!data.cancellable) {
            document.querySelectorAll("[data-cancel-form]").forEach(function (f) { f.hidden = true; });
          }
          if (!data.final) setTimeout(poll, seconds * 1000);
        })
        .catch(function () { setTimeout(poll, seconds * 4000); });
    }
    setTimeout(poll, 500);
  });
})();
