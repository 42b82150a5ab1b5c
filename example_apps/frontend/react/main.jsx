// The React single-page example: the official React SDK signs the user in with the
// project's `sign-up-or-in` flow, then the page calls the FastAPI example's
// /api/reports with `Authorization: Bearer <session token>`.
//
// The page that loads this bundle (jinja_templates/react.html, served by the FastAPI
// app at /react) hands over the project id and the Descope address in a JSON block, so
// one bundle serves the emulator and a real project alike.
import { useCallback, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import {
  AuthProvider,
  Descope,
  getSessionToken,
  useDescope,
  useSession,
  useUser,
} from "@descope/react-sdk";

const config = JSON.parse(document.getElementById("descope-config").textContent);

// The first render of the flow, for the measurements in the docs (performance marks
// show up in the browser's devtools too).
performance.mark("descope-react:start");

function Reports() {
  const [answer, setAnswer] = useState({ state: "loading" });

  const load = useCallback(async () => {
    setAnswer({ state: "loading" });
    const response = await fetch(config.reportsUrl, {
      headers: { Authorization: `Bearer ${getSessionToken()}` },
    });
    const body = await response.json().catch(() => ({}));
    setAnswer({ state: response.ok ? "ok" : "refused", status: response.status, body });
  }, []);

  useEffect(() => {
    load();
  }, [load]);

  if (answer.state === "loading") return <p>Calling the API…</p>;
  if (answer.state === "refused") {
    return (
      <p id="reports-error" role="alert">
        The API answered {answer.status}: {answer.body.detail || answer.body.error || "refused"}
      </p>
    );
  }
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">Reports</h2>
      <p>
        <code>GET {config.reportsUrl}</code> with <code>Authorization: Bearer …</code> answered
        for user <code id="reports-user">{answer.body.user_id}</code>:
      </p>
      <ul id="reports">
        {(answer.body.reports || []).map((report) => (
          <li key={report.id}>{report.title}</li>
        ))}
      </ul>
      <button type="button" onClick={load}>Call again</button>
    </section>
  );
}

function SignedIn() {
  const { user } = useUser();
  const sdk = useDescope();
  const signOut = useCallback(() => sdk.logout(), [sdk]);
  return (
    <>
      <p>
        Signed in as <strong id="user-email">{user?.email || user?.loginIds?.[0] || "…"}</strong>{" "}
        <button type="button" id="sign-out" onClick={signOut}>Sign out</button>
      </p>
      <Reports />
    </>
  );
}

function SignIn() {
  const [error, setError] = useState("");
  const ready = useCallback(() => performance.mark("descope-react:flow-ready"), []);
  return (
    <section aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in</h2>
      <Descope
        flowId="sign-up-or-in"
        theme="light"
        onReady={ready}
        onError={(event) => setError(event.detail?.errorDescription || "The flow failed")}
      />
      {error && <p id="flow-error" role="alert">{error}</p>}
    </section>
  );
}

function App() {
  const { isAuthenticated, isSessionLoading } = useSession();
  if (isSessionLoading) return <p id="session-loading">Restoring your session…</p>;
  return isAuthenticated ? <SignedIn /> : <SignIn />;
}

createRoot(document.getElementById("root")).render(
  <AuthProvider
    projectId={config.projectId}
    baseUrl={config.baseUrl}
    baseCdnUrl={config.baseUrl}
  >
    <App />
  </AuthProvider>,
);
