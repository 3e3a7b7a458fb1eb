// The attempt page: keyboard shortcuts and the countdown. The server stays the
// authority: answers are checked, saved and timed there; this only helps.
(function () {
  "use strict";

  function answerForm() {
    return document.getElementById("answer-form");
  }

  function typing(target) {
    return target.closest("select, textarea, input[type=text], input[type=number], [contenteditable]");
  }

  // 1–6 picks an option; Enter checks the answer in tutor mode (or moves on after feedback).
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    var form = answerForm();
    if (!form) return;
    var mode = form.dataset.mode;
    if (/^[1-6]$/.test(event.key) && mode !== "feedback") {
      var input = form.querySelector('input[data-key="' + event.key + '"]');
      if (input) {
        event.preventDefault();
        input.click(); // fires "change", which saves the answer in exam mode
        input.focus();
      }
      return;
    }
    if (event.key === "Enter" && !event.target.closest("a, button")) {
      if (mode === "tutor") {
        event.preventDefault();
        form.requestSubmit(document.getElementById("check-button"));
      } else if (mode === "feedback") {
        var next = document.getElementById("next-link");
        if (next) {
          event.preventDefault();
          next.click();
        }
      }
    }
  });

  // Show "Saving…" while an answer is on its way.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var status = document.getElementById("save-status");
    if (status && answerForm() && answerForm().contains(event.detail.elt)) status.textContent = "Saving…";
  });
  document.addEventListener("htmx:responseError", function () {
    var status = document.getElementById("save-status");
    if (status) status.textContent = "Not saved: check your connection and try again.";
  });
  document.addEventListener("htmx:sendError", function () {
    var status = document.getElementById("save-status");
    if (status) status.textContent = "Not saved: you seem to be offline.";
  });

  // After a tutor-mode check swaps the card in, move focus to the verdict (the
  // server marks it data-autofocus) so keyboard and screen-reader users land on
  // the feedback; Enter then moves on.
  document.addEventListener("htmx:load", function (event) {
    var root = event.detail.elt;
    var verdict = root && root.querySelector ? root.querySelector("[data-autofocus]") : null;
    if (verdict) verdict.focus();
  });

  // The countdown: display only. The server refuses late answers and submits
  // the attempt; at zero we reload, and the server shows the review.
  function startCountdown() {
    var box = document.getElementById("countdown");
    if (!box) return;
    var value = box.querySelector(".countdown-value");
    var deadline = Number(box.dataset.deadline) * 1000;
    var skew = Number(box.dataset.now) * 1000 - Date.now(); // server clock minus ours
    var announced = {};
    function pad(n) {
      return (n < 10 ? "0" : "") + n;
    }
    function tick() {
      var left = Math.max(0, Math.round((deadline - (Date.now() + skew)) / 1000));
      var h = Math.floor(left / 3600);
      var m = Math.floor((left % 3600) / 60);
      var s = left % 60;
      value.textContent = (h ? h + ":" + pad(m) : m) + ":" + pad(s);
      box.classList.toggle("is-low", left <= 60);
      [300, 60].forEach(function (mark) {
        if (left <= mark && left > 0 && !announced[mark]) {
          announced[mark] = true;
          var status = document.getElementById("save-status");
          if (status) status.textContent = (mark / 60) + " minute" + (mark > 60 ? "s" : "") + " left.";
        }
      });
      if (left === 0) {
        clearInterval(timer);
        window.location.assign(box.dataset.timeupUrl);
      }
    }
    var timer = setInterval(tick, 1000);
    tick();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startCountdown);
  } else {
    startCountdown();
  }
})();
