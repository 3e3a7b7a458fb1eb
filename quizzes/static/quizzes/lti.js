// LTI handshake pages (no inline scripts: CSP).
document.addEventListener("DOMContentLoaded", () => {
  // The login's cookie check: inside an LMS frame a browser may refuse our cookies
  // (third-party cookies); then offer a window of MedQuiz's own instead.
  const check = document.querySelector("[data-lti-cookie-check]");
  if (check) {
    const secure = window.location.protocol === "https:";
    const attributes = secure ? "; path=/; SameSite=None; Secure" : "; path=/; SameSite=Lax";
    document.cookie = "medquiz_cookie_check=1" + attributes;
    if (document.cookie.indexOf("medquiz_cookie_check=1") !== -1) {
      document.cookie = "medquiz_cookie_check=; max-age=0" + attributes;
      window.location.replace(check.dataset.continue);
    } else {
      check.querySelector(".lti-loading").hidden = true;
      check.querySelector(".lti-blocked").hidden = false;
    }
  }
  // The deep-linking answer goes straight back to the LMS (the button is there without JavaScript).
  const answer = document.querySelector("form[data-autosubmit]");
  if (answer) answer.submit();
});
