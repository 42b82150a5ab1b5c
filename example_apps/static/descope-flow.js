// The sign-in page's Descope Flow. Loaded right after the official web component's
// bundle and before the <descope-wc> element, so the settings below are in place when
// the element starts:
// - the component keeps the session in cookies, not in localStorage: DS (session) and
//   DSR (refresh), the names the backend integrations read, host-only on this app's
//   address, SameSite=Lax like the cookies the app itself writes, Secure unless the app
//   runs on plain http (data-cookie-secure);
// - once the flow completes, the browser goes to data-next (a same-origin path the
//   server chose), where the backend validates the DS cookie.
(function () {
  const script = document.currentScript;
  const DescopeWc = customElements.get("descope-wc");
  if (!DescopeWc) return; // the bundle did not load: the page's forms still work
  const cookie = { secure: script.dataset.cookieSecure === "true", sameSite: "Lax" };
  DescopeWc.sdkConfigOverrides = {
    ...DescopeWc.sdkConfigOverrides,
    sessionTokenViaCookie: cookie,
    refreshTokenViaCookie: cookie,
  };

  document.addEventListener("DOMContentLoaded", () => {
    const flow = document.querySelector("descope-wc");
    const error = document.getElementById("flow-error");
    if (!flow) return;
    flow.addEventListener("success", () => window.location.assign(script.dataset.next || "/"));
    flow.addEventListener("error", (event) => {
      const detail = event.detail || {};
      error.textContent = `The flow stopped: ${detail.errorDescription || detail.errorMessage || "unknown error"}`;
      error.hidden = false;
    });
  });
})();
