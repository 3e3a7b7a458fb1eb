// Study keys, as in Anki: Space or Enter shows the answer; 1-4 answer Again/Hard/Good/Easy.
// The back comes with the front, hidden; "Show answer" reveals it here without a request
// (without JavaScript the link asks the server for the revealed page instead).
// Elements are looked up at each event, so cards swapped in by htmx work too.
(() => {
  const typing = (el) => el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

  const reveal = () => {
    const answer = document.getElementById("study-answer");
    if (!answer || !answer.hidden) return false;
    answer.hidden = false;
    document.getElementById("study-rate").hidden = false;
    document.querySelectorAll("[data-hide-on-reveal]").forEach((el) => { el.hidden = true; });
    document.getElementById("study-show")?.remove();
    // Move focus to the answer so screen readers read it.
    document.getElementById("study-back")?.focus({ preventScroll: true });
    return true;
  };

  document.addEventListener("click", (event) => {
    if (event.target.closest("#study-reveal") && reveal()) event.preventDefault();
  });

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(document.activeElement)) return;
    const button = document.getElementById("study-reveal");
    if ((event.key === " " || event.key === "Enter") && button) {
      // Let Enter/Space act on a focused button or link normally.
      if (document.activeElement && document.activeElement !== document.body && document.activeElement !== button) return;
      event.preventDefault();
      button.click();
      return;
    }
    if (/^[1-4]$/.test(event.key)) {
      const rating = document.querySelector(`#study-rate:not([hidden]) button[data-key="${event.key}"]`);
      if (rating && !rating.disabled) {
        event.preventDefault();
        rating.click();
      }
    }
  });

  // After a no-JavaScript-style reveal (a page with the answer shown), focus the answer too.
  document.addEventListener("htmx:afterSwap", () => {
    const answer = document.getElementById("study-answer");
    if (answer && !answer.hidden) document.getElementById("study-back")?.focus({ preventScroll: true });
  });
})();
