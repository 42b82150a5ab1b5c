/* The emulator console: one page, hash routes, vanilla JS, no network beyond this origin.
   Every value shown goes through text nodes (never innerHTML), so user data cannot inject
   markup. Writes are JSON POSTs to this origin (the server refuses anything else). */
"use strict";

const view = document.getElementById("view");
let poller = null;

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function toast(text, bad) {
  const t = document.getElementById("toast");
  t.textContent = text;
  t.className = bad ? "bad" : "";
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
}

async function api(path, body, method) {
  const opts = { method: method || (body === undefined ? "GET" : "POST"), headers: {}, credentials: "same-origin" };
  if (body !== undefined) {
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  const r = await fetch(path, opts);
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : {}; } catch (e) { data = { errorMessage: text }; }
  if (!r.ok) {
    const msg = (data && (data.errorMessage || data.errorDescription)) || ("HTTP " + r.status);
    toast(msg, true);
    const err = new Error(msg);
    err.shown = true;
    throw err;
  }
  return data;
}
const capi = (p, body, method) => api("/emulator/console/api/" + p, body, method);

const fmtTime = (s) => (s ? new Date(s * 1000).toLocaleString() : "");
const pretty = (v) => JSON.stringify(v, null, 2);
const csv = (s) => String(s || "").split(",").map((x) => x.trim()).filter(Boolean);
/* "1 user", "2 users": the word for a count (the nouns used here take an "s") */
const noun = (n, word) => (Number(n) === 1 ? word : word + "s");

function copyButton(getText, label) {
  return h("button", { type: "button", class: "small", onclick: async () => {
    try { await navigator.clipboard.writeText(getText()); toast("Copied"); }
    catch (e) { toast("Select the text and copy it (clipboard not available)", true); }
  } }, label || "Copy");
}

function every(ms, fn) {
  stopPolling();
  poller = setInterval(() => { if (!document.hidden) fn().catch(() => {}); }, ms);
}
function stopPolling() { if (poller) clearInterval(poller); poller = null; }

/* -- dialog: a form in a <dialog>; resolves with the form's values or null --------------
   With `submit(values)`, the dialog stays open (the input kept) until it succeeds: a
   refused call (shown in a toast) or `false` from it leaves the form to correct. */
function formDialog(title, fields, okLabel, submit) {
  const dlg = document.getElementById("dialog");
  document.getElementById("dialog-title").textContent = title;
  const body = document.getElementById("dialog-body");
  body.replaceChildren();
  const inputs = {};
  for (const f of fields) {
    const id = "f-" + f.name;
    let input;
    if (f.type === "select") {
      input = h("select", { id, name: f.name }, f.options.map((o) => {
        const [value, label] = Array.isArray(o) ? o : [o, o];
        return h("option", { value, selected: value === f.value }, label);
      }));
    } else if (f.type === "textarea") {
      input = h("textarea", { id, name: f.name, rows: f.rows || 4 });
      input.value = f.value || "";
    } else if (f.type === "checkbox") {
      input = h("input", { id, name: f.name, type: "checkbox", checked: !!f.value });
      body.append(h("label", { class: "inline", for: id }, input, f.label));
      inputs[f.name] = input;
      continue;
    } else {
      input = h("input", { id, name: f.name, type: f.type || "text", required: f.required, autocomplete: f.autocomplete || "off" });
      input.value = f.value === undefined || f.value === null ? "" : f.value;
    }
    if (f.disabled) input.disabled = true;
    body.append(h("label", { for: id }, f.label), input);
    if (f.help) body.append(h("div", { class: "muted" }, f.help));
    inputs[f.name] = input;
  }
  document.getElementById("dialog-ok").textContent = okLabel || "Save";
  return new Promise((resolve) => {
    const form = document.getElementById("dialog-form");
    const cancel = document.getElementById("dialog-cancel");
    const done = (value) => {
      form.onsubmit = null; cancel.onclick = null; dlg.onclose = null;
      if (dlg.open) dlg.close();
      resolve(value);
    };
    form.onsubmit = async (ev) => {
      ev.preventDefault();
      const out = {};
      for (const [k, el] of Object.entries(inputs)) out[k] = el.type === "checkbox" ? el.checked : el.value;
      if (submit) {
        const ok = document.getElementById("dialog-ok");
        ok.disabled = true;
        let saved = false;
        try { saved = (await submit(out)) !== false; }
        catch (e) { if (!e.shown) toast(e.message, true); }
        finally { ok.disabled = false; }
        if (!saved) return;
      }
      done(out);
    };
    cancel.onclick = () => done(null);
    dlg.onclose = () => done(null);
    dlg.showModal();
    const first = body.querySelector("input:not([disabled]), select, textarea");
    if (first) first.focus();
  });
}

/* -- Home ------------------------------------------------------------------------------ */
async function pageHome() {
  const o = await capi("overview");
  const c = o.counts;
  const card = (n, l, href) => h("a", { class: "card", href },
    h("div", { class: "n" }, n), h("div", { class: "l" }, l));
  const ui = o.uiLibrary || {};
  view.replaceChildren(
    h("h1", {}, "Home"),
    ui.installed && ui.themed !== false ? "" : h("p", { class: "panel error", role: "alert", id: "ui-library-missing" },
      "Flow screens: " + (ui.message || "the UI components library is not installed.")),
    h("section", { class: "panel", "aria-label": "Project" }, h("dl", { class: "kv" },
      h("dt", {}, "Project id"), h("dd", { id: "home-project" }, o.projectId),
      h("dt", {}, "Base URL"), h("dd", {}, o.baseUrl),
      h("dt", {}, "Signing key"), h("dd", { id: "home-kid" }, o.activeKid),
      h("dt", {}, "Published keys"), h("dd", {}, o.keys.join(", ")),
      h("dt", {}, "Flow screens"), h("dd", { id: "home-ui" }, ui.installed
        ? "UI library " + ui.version : "UI library missing"),
      h("dt", {}, "Clock"), h("dd", {}, fmtTime(o.now) + (o.clockOffsetSeconds ? ` (advanced ${o.clockOffsetSeconds}s)` : "")),
    ), h("div", { class: "toolbar mt" },
      h("button", { type: "button", id: "rotate", onclick: async () => {
        const r = await api("/emulator/rotate-keys", {});
        toast("New signing key " + r.kid); route();
      } }, "Rotate signing key"))),
    h("div", { class: "cards" },
      card(c.users, noun(c.users, "user") + " (" + c.testUsers + " test)", "#users"), card(c.liveSessions, "live " + noun(c.liveSessions, "session"), "#sessions"),
      card(c.tenants, noun(c.tenants, "tenant"), "#catalog"), card(c.roles, noun(c.roles, "role"), "#catalog"), card(c.permissions, noun(c.permissions, "permission"), "#catalog"),
      card(c.accessKeys, noun(c.accessKeys, "access key"), "#catalog"), card(c.outbox, "outbox " + noun(c.outbox, "message"), "#outbox"), card(c.faults, noun(c.faults, "fault") + " on", "#settings")),
    h("h2", {}, "Point a client at this emulator"),
    h("div", { class: "split" },
      h("div", {}, h("div", { class: "toolbar" }, h("strong", {}, "Python"), copyButton(() => o.snippet)), h("pre", { id: "snippet" }, o.snippet)),
      h("div", {}, h("div", { class: "toolbar" }, h("strong", {}, "Environment"), copyButton(() => o.env)), h("pre", { id: "env" }, o.env))),
  );
}

/* -- Users ----------------------------------------------------------------------------- */
const userState = { q: "", page: 0, size: 25 };

/* "tenantId:role|role, other:role" <-> [{tenantId, roleNames}] (users and access keys) */
const tenantRolesText = (list) => (list || []).map((t) => t.tenantId + ":" + (t.roleNames || []).join("|")).join(", ");
const parseTenantRoles = (text) => csv(text).map((t) => {
  const [tenantId, roles] = t.split(":");
  return { tenantId: tenantId.trim(), roleNames: (roles || "").split("|").map((r) => r.trim()).filter(Boolean) };
});
function parseJsonObject(text, what) {
  let v;
  try { v = JSON.parse(text || "{}"); } catch (e) { v = null; }
  if (!v || typeof v !== "object" || Array.isArray(v)) { toast(what + " must be a JSON object", true); return null; }
  return v;
}

function userFields(u) {
  u = u || {};
  const tenantText = tenantRolesText(u.userTenants);
  const fields = [];
  if (!u.userId) fields.push({ name: "loginId", label: "Login id (email, phone or username)", required: true });
  fields.push(
    { name: "name", label: "Name", value: u.name },
    { name: "email", label: "Email", value: u.email, type: "email" },
    { name: "phone", label: "Phone", value: u.phone },
    { name: "password", type: "password", autocomplete: "new-password",
      label: u.userId ? "New password (leave blank to keep the current one)" : "Password (optional)" },
    { name: "status", label: "Status", type: "select", options: ["enabled", "disabled", "invited"], value: u.status || "enabled" },
    { name: "roleNames", label: "Roles (comma separated)", value: (u.roleNames || []).join(", ") },
    { name: "tenants", label: "Tenant roles: tenantId:role|role, ...", value: tenantText },
    { name: "customAttributes", label: "Custom attributes (JSON object)", type: "textarea", rows: 3, value: pretty(u.customAttributes || {}) });
  if (!u.userId) fields.push({ name: "test", label: "Test user", type: "checkbox" });
  return fields;
}

function userBody(v) {
  const attrs = parseJsonObject(v.customAttributes, "Custom attributes");
  if (!attrs) return null;
  const userTenants = parseTenantRoles(v.tenants);
  const body = { displayName: v.name, email: v.email, phone: v.phone, status: v.status, roleNames: csv(v.roleNames),
    userTenants, customAttributes: attrs };
  if (v.loginId !== undefined) { body.loginId = v.loginId.trim(); body.test = !!v.test; }
  if (v.password) body.password = v.password;  // set as the management API's password/set/active does
  return body;
}

async function addUser() {
  let loginId = "";
  const v = await formDialog("Add user", userFields(null), "Create", async (values) => {
    const body = userBody(values);
    if (!body) return false;
    loginId = body.loginId;
    await capi("users/create", body);
  });
  if (!v) return;
  toast("Created " + loginId);
  await loadUsers();
}

async function editUser(u) {
  const v = await formDialog("Edit " + u.loginIds[0], userFields(u), "Save", async (values) => {
    const body = userBody(values);
    if (!body) return false;
    body.userId = u.userId;
    await capi("users/update", body);
  });
  if (!v) return;
  toast("Saved " + u.loginIds[0]);
  await loadUsers();
}

async function deleteUser(u) {
  if (!confirm("Delete " + u.loginIds[0] + "?")) return;
  await capi("users/delete", { userId: u.userId });
  toast("Deleted " + u.loginIds[0]);
  await loadUsers();
}

function tokenView(title, jwt, decoded) {
  return h("section", { class: "panel" }, h("div", { class: "toolbar" }, h("strong", {}, title), copyButton(() => jwt)),
    h("pre", { class: "jwt" }, jwt), decodedView(decoded));
}

async function signInAs(u) {
  const r = await capi("users/sign-in", { userId: u.userId });
  const detail = document.getElementById("user-detail");
  detail.replaceChildren(h("h2", {}, "Signed in as " + u.loginIds[0]),
    tokenView("Session JWT", r.sessionJwt, r.sessionDecoded), tokenView("Refresh JWT", r.refreshJwt, r.refreshDecoded));
  detail.scrollIntoView();
}

async function showHistory(u) {
  const r = await capi("users/history?userId=" + encodeURIComponent(u.userId));
  const detail = document.getElementById("user-detail");
  detail.replaceChildren(h("h2", {}, "Sign-ins of " + u.loginIds[0]),
    r.history.length ? h("div", { class: "scroll" }, h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "Time"), h("th", {}, "IP"), h("th", {}, "Method"))),
      h("tbody", {}, r.history.map((x) => h("tr", {}, h("td", {}, fmtTime(x.loginTime)), h("td", {}, x.ip || ""), h("td", {}, (x.amr || []).join(", ") || x.method || "")))))) :
      h("p", { class: "muted" }, "No sign-ins yet."));
  detail.scrollIntoView();
}

function userRow(u) {
  const tenants = (u.userTenants || []).map((t) => h("span", { class: "badge" }, t.tenantId + ((t.roleNames || []).length ? ": " + t.roleNames.join(", ") : "")));
  const status = h("span", { class: "badge " + (u.status === "enabled" ? "good" : u.status === "disabled" ? "bad" : "warn") }, u.status);
  const methods = [["password", "password"], ["TOTP", "totp"], ["webauthn", "passkey"], ["SAML", "sso"]]
    .filter(([k]) => u[k]).map(([, label]) => label).concat(Object.keys(u.OAuth || {}).filter((k) => u.OAuth[k]));
  const tr = h("tr", { tabindex: 0, dataset: { userId: u.userId }, "aria-label": u.loginIds.join(", ") },
    h("td", { "data-label": "Login ids" }, h("span", { class: "mono" }, u.loginIds.join(", ")), " ",
      methods.map((m) => h("span", { class: "badge method" }, m))),
    h("td", { "data-label": "Name" }, u.name || ""),
    h("td", { "data-label": "Status" }, status),
    h("td", { "data-label": "Roles" }, (u.roleNames || []).map((r) => h("span", { class: "badge" }, r))),
    h("td", { "data-label": "Tenants" }, tenants),
    h("td", { "data-label": "Test" }, u.test ? "test" : ""),
    h("td", { "data-label": "Last login" }, u.lastLogin ? fmtTime(u.lastLogin) : h("span", { class: "muted" }, "never")),
    h("td", { class: "actions" },
      h("button", { type: "button", class: "small", onclick: () => editUser(u) }, "Edit"), " ",
      h("button", { type: "button", class: "small", onclick: () => signInAs(u) }, "Sign in as"), " ",
      h("button", { type: "button", class: "small", onclick: () => showHistory(u) }, "History"), " ",
      h("a", { href: "#sessions/" + encodeURIComponent(u.userId), class: "button small" }, "Sessions"), " ",
      h("button", { type: "button", class: "small danger", onclick: () => deleteUser(u) }, "Delete")));
  tr.addEventListener("keydown", (ev) => {
    if (ev.target !== tr) return;
    const rows = [...tr.parentElement.children];
    const i = rows.indexOf(tr);
    if (ev.key === "ArrowDown" && rows[i + 1]) { rows[i + 1].focus(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp" && rows[i - 1]) { rows[i - 1].focus(); ev.preventDefault(); }
    else if (ev.key === "Home") { rows[0].focus(); ev.preventDefault(); }
    else if (ev.key === "End") { rows[rows.length - 1].focus(); ev.preventDefault(); }
    else if (ev.key === "Enter") { ev.preventDefault(); editUser(u); }
    else if (ev.key === "s") { ev.preventDefault(); signInAs(u); }
    else if (ev.key === "Delete") { ev.preventDefault(); deleteUser(u); }
  });
  return tr;
}

async function loadUsers() {
  const r = await capi(`users?q=${encodeURIComponent(userState.q)}&page=${userState.page}&size=${userState.size}`);
  const body = document.getElementById("users-body");
  if (!body) return;
  body.replaceChildren(...r.users.map(userRow));
  const pages = Math.max(1, Math.ceil(r.total / r.size));
  document.getElementById("users-count").textContent = `${r.total} ${noun(r.total, "user")} · page ${r.page + 1} of ${pages}`;
  document.getElementById("prev").disabled = r.page <= 0;
  document.getElementById("next").disabled = r.page + 1 >= pages;
  if (!r.users.length) body.append(h("tr", {}, h("td", { colspan: 8, class: "muted" }, "No users match.")));
}

async function pageUsers() {
  let timer = null;
  const search = h("input", { type: "search", id: "user-search", placeholder: "Search login id, name, email, phone… ( / )", "aria-label": "Search users", value: userState.q,
    oninput: (ev) => { clearTimeout(timer); timer = setTimeout(() => { userState.q = ev.target.value; userState.page = 0; loadUsers(); }, 200); } });
  view.replaceChildren(
    h("h1", {}, "Users"),
    h("div", { class: "toolbar" }, search,
      h("button", { type: "button", class: "primary", id: "add-user", onclick: addUser }, "Add user"),
      h("button", { type: "button", id: "prev", onclick: () => { userState.page--; loadUsers(); } }, "‹ Prev"),
      h("button", { type: "button", id: "next", onclick: () => { userState.page++; loadUsers(); } }, "Next ›"),
      h("span", { id: "users-count", class: "muted" })),
    h("p", { class: "muted" }, "Keyboard: ↑/↓ move between users, Enter edits, s signs in as, Delete deletes, / searches."),
    h("div", { class: "scroll" }, h("table", { class: "responsive", id: "users-table" },
      h("thead", {}, h("tr", {}, ["Login ids", "Name", "Status", "Roles", "Tenants", "Test", "Last login", ""].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", { id: "users-body" }))),
    h("div", { id: "user-detail" }));
  await loadUsers();
}

/* -- Sessions -------------------------------------------------------------------------- */
async function pageSessions(userId) {
  const r = await capi("users?size=200");
  const select = h("select", { id: "session-user", "aria-label": "User", onchange: (ev) => { location.hash = "#sessions/" + encodeURIComponent(ev.target.value); } },
    h("option", { value: "" }, "Choose a user…"),
    r.users.map((u) => h("option", { value: u.userId, selected: u.userId === userId }, u.loginIds[0] + (u.name ? " — " + u.name : ""))));
  const list = h("div", { id: "session-list" });
  view.replaceChildren(h("h1", {}, "Sessions"), h("div", { class: "toolbar" }, select), list);
  if (!userId) { list.append(h("p", { class: "muted" }, "Pick a user to see their live refresh tokens.")); stopPolling(); return; }
  const load = async () => {
    const s = await capi("sessions?userId=" + encodeURIComponent(userId));
    const rows = s.sessions.map((x) => h("tr", {},
      h("td", { "data-label": "Session", class: "mono" }, x.jti),
      h("td", { "data-label": "Issued" }, fmtTime(x.created)),
      h("td", { "data-label": "Expires" }, fmtTime(x.exp)),
      h("td", { "data-label": "Method" }, x.amr.join(", ")),
      h("td", { "data-label": "Tenant" }, x.tenant),
      h("td", { class: "actions" }, h("button", { type: "button", class: "small danger", onclick: async () => {
        await capi("sessions/revoke", { userId, jti: x.jti }); toast("Revoked"); load(); } }, "Revoke"))));
    list.replaceChildren(
      h("div", { class: "toolbar" }, h("span", { class: "muted", id: "session-count" }, s.sessions.length + " live"),
        h("button", { type: "button", class: "danger", id: "revoke-all", disabled: !s.sessions.length, onclick: async () => {
          await capi("sessions/revoke", { userId }); toast("Revoked all"); load(); } }, "Revoke all")),
      s.sessions.length ? h("div", { class: "scroll" }, h("table", { class: "responsive" },
        h("thead", {}, h("tr", {}, ["Session (jti)", "Issued", "Expires", "Method", "Tenant", ""].map((t) => h("th", {}, t)))),
        h("tbody", {}, rows))) : h("p", { class: "muted" }, "No live sessions."));
  };
  await load();
  every(3000, load);
}

/* -- Outbox ---------------------------------------------------------------------------- */
async function pageOutbox() {
  const list = h("div", { id: "outbox-list" });
  view.replaceChildren(h("h1", {}, "Outbox"), h("p", { class: "muted" }, "Every email, SMS and WhatsApp message the emulator would have sent, newest first. Updates live."), list);
  let last = null;
  const load = async () => {
    const r = await api("/emulator/outbox.json");
    const key = r.messages.length ? r.messages[0].id + ":" + r.messages.length : "0";
    if (key === last) return;
    last = key;
    list.replaceChildren(...(r.messages.length ? r.messages.map((m) => {
      const link = m.link || m.url;
      return h("article", { class: "msg" },
        h("div", { class: "head" }, h("span", { class: "badge" }, m.channel), h("span", {}, m.kind), h("span", { class: "mono" }, "to " + m.to), h("span", {}, fmtTime(m.createdAt))),
        m.code ? h("div", { class: "code" }, m.code) : null,
        link ? h("div", {}, h("a", { href: link, target: "_blank", rel: "noopener" }, link)) : null,
        m.links ? h("ol", {}, m.links.map((l) => h("li", {}, h("a", { href: l.link || l, target: "_blank", rel: "noopener" }, l.link || l)))) : null);
    }) : [h("p", { class: "muted" }, "No messages yet.")]));
  };
  await load();
  every(2000, load);
}

/* -- Request log ----------------------------------------------------------------------- */
async function pageLog() {
  const path = h("input", { type: "search", id: "log-path", placeholder: "path contains…", "aria-label": "Filter by path" });
  const status = h("input", { type: "search", id: "log-status", placeholder: "status (4, 503…)", "aria-label": "Filter by status", size: 12 });
  const body = h("tbody", { id: "log-body" });
  view.replaceChildren(h("h1", {}, "Request log"),
    h("p", { class: "muted" }, "Recent API calls (the last 500), newest first, live. Tokens, keys, codes and passwords are masked."),
    h("div", { class: "toolbar" }, path, status),
    h("div", { class: "scroll" }, h("table", { class: "responsive", id: "log-table" },
      h("thead", {}, h("tr", {}, ["Time", "Method", "Path", "Status", "ms", "Error", "Details"].map((t) => h("th", {}, t)))), body)));
  const load = async () => {
    const r = await capi(`requests?path=${encodeURIComponent(path.value)}&status=${encodeURIComponent(status.value)}`);
    const open = new Set([...body.querySelectorAll("details[open]")].map((d) => d.dataset.id));
    body.replaceChildren(...r.requests.map((x) => h("tr", {},
      h("td", { "data-label": "Time" }, new Date(x.time * 1000).toLocaleTimeString()),
      h("td", { "data-label": "Method" }, x.method),
      h("td", { "data-label": "Path", class: "mono wrap" }, x.path + (x.query ? "?" + x.query : "")),
      h("td", { "data-label": "Status" }, h("span", { class: "badge " + (x.status < 400 ? "good" : "bad") }, x.status)),
      h("td", { "data-label": "ms" }, x.latencyMs),
      h("td", { "data-label": "Error", class: "mono wrap" }, x.errorCode),
      h("td", { "data-label": "Details" }, h("details", { dataset: { id: x.id }, open: open.has(String(x.id)) }, h("summary", {}, "show"),
        h("pre", { class: "log-detail" }, "Authorization: " + (x.authorization || "(none)") + "\n" + (x.body === null ? "" : pretty(x.body))))))));
    if (!r.requests.length) body.append(h("tr", {}, h("td", { colspan: 7, class: "muted" }, "No calls yet.")));
  };
  path.addEventListener("input", load); status.addEventListener("input", load);
  await load();
  every(2000, load);
}

/* -- Token decoder --------------------------------------------------------------------- */
function decodedView(d) {
  const verdict = d.verified ? h("span", { class: "badge good", id: "verdict" }, "verified by this emulator's keys")
    : h("span", { class: "badge bad", id: "verdict" }, "not verified: " + d.reason);
  const exp = d.exp ? (d.expired ? h("span", { class: "badge bad" }, "expired " + fmtTime(d.exp))
    : h("span", { class: "badge good" }, "expires " + fmtTime(d.exp) + " (in " + d.expiresIn + "s)")) : h("span", { class: "badge" }, "no expiry");
  return h("div", {}, h("div", { class: "toolbar" }, verdict, exp),
    h("div", { class: "split" }, h("div", {}, h("strong", {}, "Header"), h("pre", {}, pretty(d.header))),
      h("div", {}, h("strong", {}, "Claims"), h("pre", { class: "claims" }, pretty(d.claims)))));
}

async function pageTokens() {
  const input = h("textarea", { id: "token-input", rows: 5, "aria-label": "JWT", placeholder: "Paste a session or refresh JWT" });
  const out = h("div", { id: "token-out" });
  const run = async () => {
    if (!input.value.trim()) return;
    out.replaceChildren(decodedView(await capi("decode", { token: input.value.trim() })));
  };
  view.replaceChildren(h("h1", {}, "Token decoder"), input,
    h("div", { class: "toolbar mt" }, h("button", { type: "button", class: "primary", id: "decode", onclick: run }, "Decode")), out);
  input.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) run(); });
}

/* -- Settings: project settings, faults, clock ----------------------------------------- */
async function pageSettings() {
  const [s, f, clock] = await Promise.all([api("/emulator/settings"), api("/emulator/faults"), api("/emulator/clock")]);
  const num = (id, label, value) => [h("label", { for: id }, label), h("input", { id, type: "number", min: 0, value })];
  const pp = s.passwordPolicy || {};
  const settingsForm = h("form", { class: "panel", id: "settings-form", onsubmit: async (ev) => {
    ev.preventDefault();
    const v = (id) => document.getElementById(id);
    await api("/emulator/settings", {
      sessionTokenTtl: Number(v("s-session").value), refreshTokenTtl: Number(v("s-refresh").value),
      refreshTokenRotation: v("s-rotation").checked, refreshTokenRotationGraceSeconds: Number(v("s-grace").value),
      approvedDomains: csv(v("s-domains").value),
      passwordPolicy: { minLength: Number(v("p-min").value), lowercase: v("p-lower").checked, uppercase: v("p-upper").checked,
        number: v("p-number").checked, nonAlphanumeric: v("p-symbol").checked } });
    toast("Settings saved");
  } },
    h("h2", {}, "Project settings"),
    h("div", { class: "grid2" },
      h("div", {}, num("s-session", "Session token lifetime (seconds)", s.sessionTokenTtl)),
      h("div", {}, num("s-refresh", "Refresh token lifetime (seconds)", s.refreshTokenTtl)),
      h("div", {}, num("s-grace", "Rotation grace (seconds)", s.refreshTokenRotationGraceSeconds)),
      h("div", {}, num("p-min", "Password minimum length", pp.minLength))),
    h("label", { class: "inline" }, h("input", { type: "checkbox", id: "s-rotation", checked: s.refreshTokenRotation }), "Rotate refresh tokens"),
    h("div", {}, ["lower", "upper", "number", "symbol"].map((k) => {
      const key = { lower: "lowercase", upper: "uppercase", number: "number", symbol: "nonAlphanumeric" }[k];
      return h("label", { class: "inline" }, h("input", { type: "checkbox", id: "p-" + k, checked: pp[key] }), "password needs " + key);
    })),
    h("label", { for: "s-domains" }, "Approved domains (comma separated)"),
    h("input", { id: "s-domains", value: (s.approvedDomains || []).join(", "), class: "wide" }),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Save settings")));

  const faultRows = f.faults.map((x) => h("tr", {},
    h("td", { class: "mono" }, x.path), h("td", {}, x.status === null ? "" : x.status), h("td", {}, x.latencySeconds),
    h("td", {}, x.drop ? "drop" : ""), h("td", {}, x.times === null ? "until removed" : x.times),
    h("td", {}, h("button", { type: "button", class: "small", onclick: async () => {
      await api("/emulator/faults?path=" + encodeURIComponent(x.path), undefined, "DELETE"); route(); } }, "Remove"))));
  const faultForm = h("form", { class: "panel", id: "fault-form", onsubmit: async (ev) => {
    ev.preventDefault();
    const v = (id) => document.getElementById(id).value.trim();
    const body = { path: v("fault-path") };
    if (v("fault-status")) body.status = Number(v("fault-status"));
    if (v("fault-latency")) body.latencySeconds = Number(v("fault-latency"));
    if (v("fault-times")) body.times = Number(v("fault-times"));
    body.drop = document.getElementById("fault-drop").checked;
    await api("/emulator/faults", body);
    toast("Fault on " + body.path); route();
  } },
    h("h2", {}, "Faults"),
    f.faults.length ? h("div", { class: "scroll" }, h("table", { id: "faults-table" }, h("thead", {}, h("tr", {}, ["Path prefix", "Status", "Latency s", "Drop", "Times", ""].map((t) => h("th", {}, t)))), h("tbody", {}, faultRows)))
      : h("p", { class: "muted" }, "No faults: every call is answered normally."),
    h("div", { class: "grid2" },
      h("div", {}, h("label", { for: "fault-path" }, "Path prefix"), h("input", { id: "fault-path", required: true, value: "/v1/auth/" })),
      h("div", {}, h("label", { for: "fault-status" }, "Status"), h("input", { id: "fault-status", type: "number", min: 100, max: 599, value: 503 })),
      h("div", {}, h("label", { for: "fault-latency" }, "Latency (seconds)"), h("input", { id: "fault-latency", type: "number", min: 0, step: "0.1" })),
      h("div", {}, h("label", { for: "fault-times" }, "Times (empty = until removed)"), h("input", { id: "fault-times", type: "number", min: 1 }))),
    h("label", { class: "inline" }, h("input", { type: "checkbox", id: "fault-drop" }), "drop the connection"),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "fault-add" }, "Switch fault on"),
      f.faults.length ? h("button", { type: "button", onclick: async () => { await api("/emulator/faults", undefined, "DELETE"); route(); } }, "Clear all") : null));

  const clockForm = h("form", { class: "panel", id: "clock-form", onsubmit: async (ev) => {
    ev.preventDefault();
    await api("/emulator/clock", { advanceSeconds: Number(document.getElementById("clock-advance").value) });
    toast("Clock advanced"); route();
  } },
    h("h2", {}, "Clock"),
    h("p", {}, "Emulator time: ", h("strong", { id: "clock-now" }, fmtTime(clock.now)), " (offset " + clock.offsetSeconds + "s; a reset puts it back)"),
    h("label", { for: "clock-advance" }, "Advance by (seconds)"),
    h("input", { id: "clock-advance", type: "number", value: 600 }),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Advance clock")));
  view.replaceChildren(h("h1", {}, "Settings"), settingsForm, faultForm, clockForm);
}

/* -- Data: reset, export, import ------------------------------------------------------- */
async function pageData() {
  const file = h("input", { type: "file", id: "import-file", accept: "application/json,.json", "aria-label": "Project file" });
  view.replaceChildren(h("h1", {}, "Data"),
    h("section", { class: "panel" }, h("h2", {}, "Export"),
      h("p", {}, "The whole project as JSON: the same file ", h("code", {}, "--import"), " reads and ", h("code", {}, "--export-on-exit"), " writes."),
      h("button", { type: "button", id: "export", class: "primary", onclick: async () => {
        const doc = await api("/emulator/project");
        const url = URL.createObjectURL(new Blob([pretty(doc)], { type: "application/json" }));
        const a = h("a", { href: url, download: "descope-project.json" });
        document.body.append(a); a.click(); a.remove(); URL.revokeObjectURL(url);
      } }, "Download project.json")),
    h("section", { class: "panel" }, h("h2", {}, "Import"),
      h("p", {}, "Replaces every user, tenant, role and setting with the file's."), file,
      h("div", { class: "actions" }, h("button", { type: "button", id: "import", onclick: async () => {
        if (!file.files.length) { toast("Choose a file first", true); return; }
        let doc;
        try { doc = JSON.parse(await file.files[0].text()); } catch (e) { toast("That file is not JSON", true); return; }
        if (!confirm("Replace the project's data with " + file.files[0].name + "?")) return;
        await api("/emulator/project", doc); toast("Imported");
      } }, "Import"))),
    h("section", { class: "panel" }, h("h2", {}, "Reset"),
      h("p", {}, "Empties all data (signing keys are kept) and clears faults, counters, the request log and the clock."),
      h("button", { type: "button", class: "danger", id: "reset", onclick: async () => {
        if (!confirm("Delete all users, tenants, sessions and messages?")) return;
        await api("/emulator/reset", {}); toast("Reset done");
      } }, "Reset emulator")));
}

/* -- Tenants, roles, permissions, access keys ------------------------------------------ */
function catalogPanel(title, id, columns, rows, form) {
  return h("section", { class: "panel", id, "aria-label": title }, h("h2", {}, title),
    rows.length ? h("div", { class: "scroll" }, h("table", { class: "responsive" },
      h("thead", {}, h("tr", {}, [...columns, ""].map((c) => h("th", {}, c)))), h("tbody", {}, rows)))
      : h("p", { class: "muted" }, "None yet."),
    form);
}

function inlineForm(id, fields, label, submit) {
  const inputs = fields.map((f) => h("input", { id: id + "-" + f.name, placeholder: f.label, "aria-label": f.label, required: f.required }));
  return h("form", { class: "toolbar mt", id, onsubmit: async (ev) => {
    ev.preventDefault();
    const v = {};
    fields.forEach((f, i) => { v[f.name] = inputs[i].value.trim(); });
    const before = location.hash;
    await submit(v);
    if (location.hash === before) route();  /* else the hashchange routes */
  } }, inputs, h("button", { type: "submit", class: "primary" }, label));
}

const delButton = (label, fn) => h("button", { type: "button", class: "small danger", "aria-label": label, onclick: async () => {
  if (!confirm(label + "?")) return; await fn(); toast("Deleted"); route(); } }, "Delete");

/* An "Edit" button: a dialog of `fields` that `save(values)` stores (false or a refusal: the dialog stays). */
const editButton = (label, title, fields, save) => h("button", { type: "button", class: "small", "aria-label": label, onclick: async () => {
  if (!await formDialog(title, fields, "Save", save)) return;
  toast("Saved"); route(); } }, "Edit");

function editTenant(t) {
  return editButton("Edit tenant " + t.id, "Edit tenant " + t.id, [
    { name: "name", label: "Name", value: t.name, required: true },
    { name: "domains", label: "Self-provisioning domains (comma separated)", value: (t.selfProvisioningDomains || []).join(", ") },
    { name: "enforceSSO", label: "Enforce SSO", type: "checkbox", value: t.enforceSSO },
    { name: "disabled", label: "Disabled", type: "checkbox", value: t.disabled },
    { name: "customAttributes", label: "Custom attributes (JSON object)", type: "textarea", rows: 3, value: pretty(t.customAttributes || {}) },
  ], async (v) => {
    const attrs = parseJsonObject(v.customAttributes, "Custom attributes");
    if (!attrs) return false;
    await capi("tenants/update", { id: t.id, name: v.name.trim(), selfProvisioningDomains: csv(v.domains),
      enforceSSO: v.enforceSSO, disabled: v.disabled, customAttributes: attrs });
    return true;
  });
}

const UNITS = ["minutes", "hours", "days", "weeks"];

/* A tenant's settings: default roles, its own session / refresh lifetimes, inactivity, JIT. */
function tenantSettingsButton(t) {
  return h("button", { type: "button", class: "small", "aria-label": "Settings of tenant " + t.id, onclick: async () => {
    const s = await capi("tenants/settings?id=" + encodeURIComponent(t.id));
    const v = await formDialog("Settings of tenant " + t.id, [
      { name: "defaultRoles", label: "Default roles (given on joining without roles; comma separated)", value: (s.defaultRoles || []).join(", ") },
      { name: "enabled", label: "Tenant's own token lifetimes (for sessions in this tenant)", type: "checkbox", value: s.enabled },
      { name: "session", label: "Session token lifetime", type: "number", value: s.sessionTokenExpiration },
      { name: "sessionUnit", label: "unit", type: "select", options: UNITS, value: s.sessionTokenExpirationUnit },
      { name: "refresh", label: "Refresh token lifetime", type: "number", value: s.refreshTokenExpiration },
      { name: "refreshUnit", label: "unit", type: "select", options: UNITS, value: s.refreshTokenExpirationUnit },
      { name: "enableInactivity", label: "Sign out after inactivity", type: "checkbox", value: s.enableInactivity },
      { name: "inactivity", label: "Inactivity time", type: "number", value: s.inactivityTime },
      { name: "inactivityUnit", label: "unit", type: "select", options: UNITS, value: s.inactivityTimeUnit },
      { name: "JITDisabled", label: "No just-in-time provisioning (SSO)", type: "checkbox", value: s.JITDisabled },
    ], "Save", (v) => capi("tenants/settings", { tenantId: t.id, selfProvisioningDomains: s.selfProvisioningDomains || [], defaultRoles: csv(v.defaultRoles),
      enabled: v.enabled, sessionTokenExpiration: Number(v.session || 0), sessionTokenExpirationUnit: v.sessionUnit,
      refreshTokenExpiration: Number(v.refresh || 0), refreshTokenExpirationUnit: v.refreshUnit,
      enableInactivity: v.enableInactivity, inactivityTime: Number(v.inactivity || 0), inactivityTimeUnit: v.inactivityUnit,
      JITDisabled: v.JITDisabled }));
    if (!v) return;
    toast("Saved"); route();
  } }, "Settings");
}

function editRole(r, tenantIds) {
  return editButton("Edit role " + r.name + (r.tenantId ? " of " + r.tenantId : ""), "Edit role " + r.name, [
    { name: "name", label: "Name", value: r.name, required: true },
    { name: "description", label: "Description", value: r.description },
    { name: "perms", label: "Permissions (comma separated)", value: (r.permissionNames || []).join(", ") },
    { name: "tenant", label: "Tenant", type: "select", value: r.tenantId || "",
      options: [["", "(project role)"], ...tenantIds.map((id) => [id, id])] },
  ], (v) => capi("roles/update", { name: r.name, tenantId: r.tenantId || "", newName: v.name.trim(), description: v.description,
    permissionNames: csv(v.perms), newTenantId: v.tenant }));
}

function editPermission(p) {
  return editButton("Edit permission " + p.name, "Edit permission " + p.name, [
    { name: "name", label: "Name", value: p.name, required: true },
    { name: "description", label: "Description", value: p.description },
  ], (v) => capi("permissions/update", { name: p.name, newName: v.name.trim(), description: v.description }));
}

function editKey(k) {
  return editButton("Edit access key " + k.name, "Edit access key " + k.name, [
    { name: "name", label: "Name", value: k.name, required: true },
    { name: "description", label: "Description", value: k.description },
    { name: "status", label: "Status", type: "select", options: ["active", "inactive"], value: k.status },
    { name: "roles", label: "Roles (comma separated)", value: (k.roleNames || []).join(", ") },
    { name: "tenants", label: "Tenant roles: tenantId:role|role, ...", value: tenantRolesText(k.keyTenants) },
  ], (v) => capi("accesskeys/update", { id: k.id, name: v.name.trim(), description: v.description, status: v.status,
    roleNames: csv(v.roles), keyTenants: parseTenantRoles(v.tenants) }));
}

async function pageCatalog() {
  const c = await capi("catalog");
  const tenantIds = c.tenants.map((t) => t.id);
  const flags = (t) => [(t.defaultRoles || []).length ? h("span", { class: "badge" }, "default roles: " + t.defaultRoles.join(", ")) : null,
    t.enforceSSO ? h("span", { class: "badge warn" }, "SSO enforced") : null,
    t.disabled ? h("span", { class: "badge bad" }, "disabled") : null];
  const tenants = c.tenants.map((t) => h("tr", {}, h("td", { class: "mono", "data-label": "Id" }, t.id),
    h("td", { "data-label": "Name" }, t.name, " ", flags(t)),
    h("td", { "data-label": "Domains" }, (t.selfProvisioningDomains || []).join(", ")),
    h("td", { "data-label": "SSO" }, h("a", { href: "#sso/" + encodeURIComponent(t.id) }, t.authType && t.authType !== "none" ? t.authType.toUpperCase() : "set up")),
    h("td", { class: "actions" }, editTenant(t), " ", tenantSettingsButton(t), " ", delButton("Delete tenant " + t.id, () => capi("tenants/delete", { id: t.id, cascade: true })))));
  const roles = c.roles.map((r) => h("tr", {}, h("td", { "data-label": "Name" }, r.name), h("td", { "data-label": "Tenant", class: "mono" }, r.tenantId || ""),
    h("td", { "data-label": "Description" }, r.description || ""),
    h("td", { "data-label": "Permissions" }, (r.permissionNames || []).map((p) => h("span", { class: "badge" }, p))),
    h("td", { class: "actions" }, editRole(r, tenantIds), " ", delButton("Delete role " + r.name, () => capi("roles/delete", { name: r.name, tenantId: r.tenantId || "" })))));
  const perms = c.permissions.map((p) => h("tr", {}, h("td", { "data-label": "Name" }, p.name), h("td", { "data-label": "Description" }, p.description || ""),
    h("td", { class: "actions" }, editPermission(p), " ", delButton("Delete permission " + p.name, () => capi("permissions/delete", { name: p.name })))));
  const keys = c.accessKeys.map((k) => h("tr", {}, h("td", { class: "mono", "data-label": "Id" }, k.id), h("td", { "data-label": "Name" }, k.name),
    h("td", { "data-label": "Status" }, h("span", { class: "badge " + (k.status === "active" ? "good" : "bad") }, k.status)),
    h("td", { "data-label": "Roles" }, (k.roleNames || []).join(", ")),
    h("td", { "data-label": "Tenants" }, (k.keyTenants || []).map((t) => h("span", { class: "badge" }, t.tenantId + ((t.roleNames || []).length ? ": " + t.roleNames.join(", ") : "")))),
    h("td", { class: "actions" }, editKey(k), " ", delButton("Delete access key " + k.name, () => capi("accesskeys/delete", { id: k.id })))));
  const secret = h("div", { id: "key-secret" });
  view.replaceChildren(h("h1", {}, "Tenants & roles"),
    catalogPanel("Tenants", "tenants", ["Id", "Name", "Self-provisioning domains", "SSO"], tenants,
      inlineForm("tenant-form", [{ name: "name", label: "Tenant name", required: true }, { name: "id", label: "Id (optional)" }, { name: "domains", label: "Domains (comma separated)" }],
        "Add tenant", (v) => capi("tenants/create", { name: v.name, id: v.id || undefined, selfProvisioningDomains: csv(v.domains) }))),
    catalogPanel("Roles", "roles", ["Name", "Tenant", "Description", "Permissions"], roles,
      inlineForm("role-form", [{ name: "name", label: "Role name", required: true }, { name: "perms", label: "Permissions (comma separated)" }, { name: "tenantId", label: "Tenant id (optional)" }],
        "Add role", (v) => capi("roles/create", { name: v.name, permissionNames: csv(v.perms), tenantId: v.tenantId || undefined }))),
    catalogPanel("Permissions", "permissions", ["Name", "Description"], perms,
      inlineForm("permission-form", [{ name: "name", label: "Permission name", required: true }, { name: "description", label: "Description" }],
        "Add permission", (v) => capi("permissions/create", v))),
    catalogPanel("Access keys", "accesskeys", ["Id", "Name", "Status", "Roles", "Tenants"], keys,
      h("div", {}, inlineForm("key-form", [{ name: "name", label: "Key name", required: true }, { name: "roles", label: "Roles (comma separated)" },
        { name: "tenants", label: "Tenant roles (tenantId:role|role, ...)" }],
        "Create access key", async (v) => {
          const r = await capi("accesskeys/create", { name: v.name, roleNames: csv(v.roles), keyTenants: parseTenantRoles(v.tenants) });
          sessionStorage.setItem("lastKeySecret", r.cleartext);
        }), secret)));
  const shown = sessionStorage.getItem("lastKeySecret");
  if (shown) {
    sessionStorage.removeItem("lastKeySecret");
    secret.append(h("p", {}, "The new key's secret (shown once):"), h("pre", { id: "key-cleartext" }, shown), copyButton(() => shown));
  }
}

/* -- SSO settings per tenant ------------------------------------------------------------ */
const SAML_ATTRS = ["name", "email", "username", "phoneNumber", "group", "givenName", "middleName", "familyName", "picture"];
const OIDC_ATTRS = ["loginId", "name", "email", "verifiedEmail", "username", "phoneNumber", "verifiedPhone", "givenName", "middleName", "familyName", "picture"];

/* Labelled inputs in a two-column grid; `f.area` makes a textarea. Values are read back by id. */
function fieldGrid(prefix, fields) {
  return h("div", { class: "grid2" }, fields.map((f) => {
    const id = prefix + "-" + f.name;
    const input = f.area ? h("textarea", { id, rows: f.rows || 3 }) : h("input", { id, type: f.type || "text", autocomplete: "off", required: f.required });
    input.value = f.value === undefined || f.value === null ? "" : f.value;
    return h("div", { class: f.wide ? "span2" : null }, h("label", { for: id }, f.label), input);
  }));
}
const valueOf = (id) => document.getElementById(id).value.trim();

/* "role: group, group" per line <-> [{roleName, groups}] */
const mappingText = (list) => (list || []).map((m) => (m.role || {}).name + ": " + (m.groups || []).join(", ")).join("\n");
const parseMappings = (text) => String(text || "").split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
  const i = l.indexOf(":");
  return { roleName: (i < 0 ? l : l.slice(0, i)).trim(), groups: i < 0 ? [] : csv(l.slice(i + 1)) };
});

const ssoLabel = (s) => s.ssoId ? (s.displayName || s.ssoId) + " (" + s.ssoId + ")" : "default configuration";
const ssoHash = (tenantId, ssoId) => "#sso/" + encodeURIComponent(tenantId) + (ssoId ? "/" + encodeURIComponent(ssoId) : "");

function ssoSummary(tenantId, s) {
  const type = s.tenant.authType || "none";
  const rows = [["SSO id", s.ssoId || "(default)"], ["Display name", s.displayName], ["Auth type", type], ["SSO domains", (s.tenant.domains || []).join(", ")]];
  if (type === "saml") {
    rows.push(["IdP entity id", s.saml.idpEntityId], ["IdP SSO URL", s.saml.idpSSOUrl], ["Metadata URL", s.saml.idpMetadataUrl],
      ["SP entity id", s.saml.spEntityId], ["SP ACS URL", s.saml.spACSUrl], ["Default SSO roles", (s.saml.defaultSSORoles || []).join(", ")],
      ["Group → role", mappingText(s.saml.groupsMapping).replace(/\n/g, "; ")]);
  } else if (type === "oidc") {
    rows.push(["Provider", s.oidc.name], ["Client id", s.oidc.clientId], ["Issuer", s.oidc.issuer], ["Auth URL", s.oidc.authUrl],
      ["Token URL", s.oidc.tokenUrl], ["Scope", (s.oidc.scope || []).join(" ")]);
  }
  return h("section", { class: "panel", id: "sso-current", "aria-label": "Selected SSO configuration" },
    h("div", { class: "toolbar" }, h("h2", {}, "Editing the " + ssoLabel(s)),
      h("span", { class: "badge " + (type === "none" ? "" : "good"), id: "sso-type" }, type === "none" ? "not configured" : type.toUpperCase())),
    h("dl", { class: "kv" }, rows.filter(([, v]) => v).map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])));
}

function ssoList(tenantId, configs, selected) {
  const rows = configs.map((s) => h("tr", { class: s.ssoId === selected ? "selected" : null },
    h("td", { class: "mono", "data-label": "SSO id" }, s.ssoId || "(default)"),
    h("td", { "data-label": "Name" }, s.displayName || ""),
    h("td", { "data-label": "Auth type" }, h("span", { class: "badge " + (s.tenant.authType !== "none" ? "good" : "") }, s.tenant.authType)),
    h("td", { "data-label": "SSO domains" }, (s.tenant.domains || []).join(", ")),
    h("td", { class: "actions" },
      h("a", { href: ssoHash(tenantId, s.ssoId), "aria-label": "Edit SSO " + (s.ssoId || "default") }, "Edit"), " ",
      s.ssoId || s.tenant.authType !== "none" ? h("button", { type: "button", class: "small danger", "aria-label": "Delete SSO " + (s.ssoId || "default"), onclick: async () => {
        if (!confirm("Delete the " + ssoLabel(s) + " of " + tenantId + "?")) return;
        await capi("sso/delete", { tenantId, ssoId: s.ssoId || undefined }); toast("SSO configuration deleted");
        if (s.ssoId === selected && s.ssoId) location.hash = ssoHash(tenantId, ""); else route(); } }, "Delete") : null)));
  return h("section", { class: "panel", id: "sso-list", "aria-label": "SSO configurations" }, h("h2", {}, "Configurations of " + tenantId),
    h("div", { class: "scroll" }, h("table", { class: "responsive" },
      h("thead", {}, h("tr", {}, ["SSO id", "Name", "Auth type", "SSO domains", ""].map((x) => h("th", {}, x)))), h("tbody", {}, rows))),
    inlineForm("sso-new", [{ name: "displayName", label: "New configuration's name", required: true }, { name: "ssoId", label: "SSO id (optional)" }],
      "Add configuration", async (v) => {
        const r = await capi("sso/new", { tenantId, displayName: v.displayName, ssoId: v.ssoId || undefined });
        location.hash = ssoHash(tenantId, r.ssoId);
      }));
}

function samlForm(tenantId, s) {
  const ssoId = s.ssoId || undefined;
  const saml = s.saml || {};
  const attrs = saml.attributeMapping || {};
  const byMetadata = !!saml.idpMetadataUrl;
  return h("form", { class: "panel", id: "saml-form", onsubmit: async (ev) => {
    ev.preventDefault();
    const meta = document.getElementById("saml-mode").value === "metadata";
    const settings = { entityId: valueOf("saml-entityId"), spEntityId: valueOf("saml-spEntityId"), spACSUrl: valueOf("saml-spACSUrl"),
      defaultSSORoles: csv(valueOf("saml-defaultRoles")), roleMappings: parseMappings(valueOf("saml-mappings")),
      attributeMapping: Object.fromEntries(SAML_ATTRS.map((k) => [k, valueOf("saml-attr-" + k)])) };
    if (meta) settings.idpMetadataUrl = valueOf("saml-idpMetadataUrl");
    else { settings.idpUrl = valueOf("saml-idpUrl"); settings.idpCert = valueOf("saml-idpCert"); }
    await capi(meta ? "sso/saml/metadata" : "sso/saml", { tenantId, ssoId, settings, redirectUrl: valueOf("saml-redirectUrl"), domains: csv(valueOf("saml-domains")) });
    toast("SAML settings saved"); route();
  } },
    h("h2", {}, "SAML"),
    h("label", { for: "saml-mode" }, "IdP given by"),
    h("select", { id: "saml-mode" }, h("option", { value: "url", selected: !byMetadata }, "SSO URL and certificate"),
      h("option", { value: "metadata", selected: byMetadata }, "metadata URL")),
    fieldGrid("saml", [
      { name: "entityId", label: "IdP entity id", value: saml.idpEntityId },
      { name: "idpUrl", label: "IdP SSO URL", value: saml.idpSSOUrl },
      { name: "idpMetadataUrl", label: "IdP metadata URL", value: saml.idpMetadataUrl },
      { name: "redirectUrl", label: "Redirect URL after sign-in", value: saml.redirectUrl },
      { name: "spEntityId", label: "SP entity id", value: saml.spEntityId },
      { name: "spACSUrl", label: "SP ACS URL", value: saml.spACSUrl },
      { name: "domains", label: "SSO domains (comma separated)", value: (s.tenant.domains || []).join(", ") },
      { name: "defaultRoles", label: "Default SSO roles (comma separated)", value: (saml.defaultSSORoles || []).join(", ") },
      { name: "idpCert", label: "IdP certificate (PEM)", area: true, value: saml.idpCertificate },
      { name: "mappings", label: "Group → role mappings, one per line: role: group, group", area: true, value: mappingText(saml.groupsMapping) },
    ]),
    h("h3", {}, "Attribute mapping (user field ← SAML attribute)"),
    fieldGrid("saml-attr", SAML_ATTRS.map((k) => ({ name: k, label: k, value: attrs[k] }))),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "saml-save" }, "Save SAML settings")));
}

function oidcForm(tenantId, s) {
  const ssoId = s.ssoId || undefined;
  const o = s.oidc || {};
  const attrs = o.userAttrMapping || {};
  return h("form", { class: "panel", id: "oidc-form", onsubmit: async (ev) => {
    ev.preventDefault();
    const settings = { name: valueOf("oidc-name"), clientId: valueOf("oidc-clientId"), clientSecret: valueOf("oidc-clientSecret"),
      authUrl: valueOf("oidc-authUrl"), tokenUrl: valueOf("oidc-tokenUrl"), userDataUrl: valueOf("oidc-userDataUrl"),
      JWKsUrl: valueOf("oidc-JWKsUrl"), issuer: valueOf("oidc-issuer"), redirectUrl: valueOf("oidc-redirectUrl"),
      scope: csv(valueOf("oidc-scope").replace(/\s+/g, ",")),
      userAttrMapping: Object.fromEntries(OIDC_ATTRS.map((k) => [k, valueOf("oidc-attr-" + k)])) };
    await capi("sso/oidc", { tenantId, ssoId, settings, domains: csv(valueOf("oidc-domains")) });
    toast("OIDC settings saved"); route();
  } },
    h("h2", {}, "OIDC"),
    fieldGrid("oidc", [
      { name: "name", label: "Provider name", value: o.name, required: true },
      { name: "clientId", label: "Client id", value: o.clientId, required: true },
      { name: "clientSecret", label: "Client secret (kept, never shown)", type: "password" },
      { name: "issuer", label: "Issuer", value: o.issuer },
      { name: "authUrl", label: "Authorization URL", value: o.authUrl },
      { name: "tokenUrl", label: "Token URL", value: o.tokenUrl },
      { name: "userDataUrl", label: "User info URL", value: o.userDataUrl },
      { name: "JWKsUrl", label: "JWKS URL", value: o.JWKsUrl },
      { name: "redirectUrl", label: "Redirect URL", value: o.redirectUrl },
      { name: "scope", label: "Scope (space separated)", value: (o.scope || []).join(" ") },
      { name: "domains", label: "SSO domains (comma separated)", value: (s.tenant.domains || []).join(", ") },
    ]),
    h("h3", {}, "Attribute mapping (user field ← claim)"),
    fieldGrid("oidc-attr", OIDC_ATTRS.map((k) => ({ name: k, label: k, value: attrs[k] }))),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "oidc-save" }, "Save OIDC settings")));
}

async function pageSso(tenantId, ssoId) {
  ssoId = ssoId || "";
  const c = await capi("catalog");
  const select = h("select", { id: "sso-tenant", "aria-label": "Tenant", onchange: (ev) => { location.hash = ev.target.value ? ssoHash(ev.target.value, "") : "#sso"; } },
    h("option", { value: "" }, "All tenants"),
    c.tenants.map((t) => h("option", { value: t.id, selected: t.id === tenantId }, t.id + (t.name ? " — " + t.name : ""))));
  view.replaceChildren(h("h1", {}, "SSO"), h("div", { class: "toolbar" }, select));
  if (!tenantId) {
    const rows = c.tenants.map((t) => h("tr", {},
      h("td", { class: "mono", "data-label": "Tenant" }, t.id), h("td", { "data-label": "Name" }, t.name),
      h("td", { "data-label": "Auth type" }, h("span", { class: "badge " + (t.authType && t.authType !== "none" ? "good" : "") }, t.authType || "none")),
      h("td", { "data-label": "SSO domains" }, (t.domains || []).join(", ")),
      h("td", { class: "actions" }, h("a", { href: ssoHash(t.id, ""), "aria-label": "Configure SSO of " + t.id }, "Configure"))));
    view.append(h("p", { class: "muted" }, "Each tenant's default SSO configuration; open a tenant for all of its configurations."),
      c.tenants.length ? h("div", { class: "scroll" }, h("table", { class: "responsive", id: "sso-table" },
        h("thead", {}, h("tr", {}, ["Tenant", "Name", "Auth type", "SSO domains", ""].map((x) => h("th", {}, x)))), h("tbody", {}, rows)))
        : h("p", { class: "muted" }, "No tenants yet: add one under Tenants & roles."));
    return;
  }
  const r = await capi("sso?tenantId=" + encodeURIComponent(tenantId));
  const s = r.configurations.find((x) => x.ssoId === ssoId);
  if (!s) { view.append(h("p", { class: "error" }, "No SSO configuration " + ssoId + " in " + tenantId)); return; }
  view.append(ssoList(tenantId, r.configurations, ssoId), ssoSummary(tenantId, s),
    h("p", { class: "muted" }, "Saving SAML or OIDC makes it this configuration's protocol; the management API (mgmt.sso) reads and writes the same settings."),
    samlForm(tenantId, s), oidcForm(tenantId, s));
}

/* -- router ---------------------------------------------------------------------------- */
const PAGES = { home: pageHome, users: pageUsers, sessions: pageSessions, outbox: pageOutbox, log: pageLog,
  tokens: pageTokens, settings: pageSettings, catalog: pageCatalog, sso: pageSso, data: pageData };

async function route() {
  stopPolling();
  const [name, ...args] = (location.hash.slice(1) || "home").split("/");
  const page = PAGES[name] ? name : "home";
  for (const a of document.querySelectorAll("#nav a")) {
    if (a.getAttribute("href") === "#" + page) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  document.title = (document.querySelector(`#nav a[href="#${page}"]`) || {}).textContent + " · Descope emulator";
  try { await PAGES[page](...args.map(decodeURIComponent)); }
  catch (e) { view.append(h("p", { class: "error" }, "Could not load: " + e.message)); }
  view.dataset.page = page;
  refreshHeader();
}

async function refreshHeader() {
  try {
    const [health, faults] = await Promise.all([api("/emulator/health"), api("/emulator/faults")]);
    document.getElementById("project").textContent = health.projectId + " · " + location.origin;
    const b = document.getElementById("faultbadge");
    b.hidden = !faults.faults.length;
    b.textContent = faults.faults.length + " fault(s) on";
  } catch (e) { /* shown by api() */ }
}

/* a refused call is already shown in a toast; nothing else to do with it */
window.addEventListener("unhandledrejection", (ev) => { if (ev.reason && ev.reason.shown) ev.preventDefault(); });
window.addEventListener("hashchange", () => { route(); view.focus(); });
document.addEventListener("keydown", (ev) => {
  if (ev.key === "/" && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
    const s = document.getElementById("user-search");
    if (s) { ev.preventDefault(); s.focus(); }
  }
});
route();
