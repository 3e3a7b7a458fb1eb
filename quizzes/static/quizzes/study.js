// Study keys, as in Anki: Space or Enter shows the answer; 1-4 answer Again/Hard/Good/Easy.
// The buttons are looked up at each key press, so cards swapped in by htmx work too.
(() => {
  const typing = (el) => el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(document.activeElement)) return;
    const reveal = document.getElementById("study-reveal");
    if ((event.key === " " || event.key === "Enter") && reveal) {
      // Let Enter/Space act on a focused button or link normally.
      if (document.activeElement && document.activeElement !== document.body && document.activeElement !== reveal) return;
      event.preventDefault();
      reveal.click();
      return;
    }
    if (/^[1-4]$/.test(event.key)) {
      const button = document.querySelector(`button[data-key="${event.key}"]`);
      if (button && !button.disabled) {
        event.preventDefault();
        button.click();
      }
    }
  });

  // After htmx swaps in the answer, move focus to it so screen readers read it.
  document.addEventListener("htmx:afterSwap", () => {
    const back = document.getElementById("study-back");
    if (back) back.focus({ preventScroll: true });
  });
})();
