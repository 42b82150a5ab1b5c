// Passkey sign-up / sign-in. The app's own endpoints start and finish the ceremony (they
// call client.webauthn.*); this page only runs navigator.credentials in between.
(function () {
  const form = document.getElementById("passkey-form");
  if (!form) return;
  const error = document.getElementById("passkey-error");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]"); // Django only

  async function post(url, body) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (csrf) headers["X-CSRFToken"] = csrf.value;
    const answer = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
    const data = await answer.json().catch(() => ({}));
    if (!answer.ok) throw new Error(data.error || `${answer.status} ${answer.statusText}`);
    return data;
  }

  async function run(mode) {
    const email = form.elements.email.value;
    const started = await post(form.dataset.start, { mode, email });
    const options = JSON.parse(started.options).publicKey;
    const credential = mode === "signup"
      ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
      : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    const done = await post(form.dataset.finish, { mode, transactionId: started.transactionId, response: credential.toJSON() });
    window.location.assign(done.redirect);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    error.textContent = "";
    if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON) {
      error.textContent = "This browser does not support passkeys.";
      return;
    }
    run(event.submitter.value).catch((e) => { error.textContent = `Passkey failed: ${e.message}`; });
  });
})();
