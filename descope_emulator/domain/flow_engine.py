"""The flow engine: the emulator's own sign-in flows (``sign-up-or-in``, ``sign-up``,
``sign-in``, ``step-up``) as screens and the interactions that move between them, run
screen by screen for the official web component (``/v1/flow/start``, ``/v1/flow/next``) or
in one go for ``mgmt.flow.run_flow``.

Vocabulary, as the web component speaks it:

* a **screen** has an id and an HTML file made of the UI library's elements
  (``descope_emulator/flow_screens/<file>``; a team may replace any of them by id with
  ``--flow-screens DIR``). The component shows it, and each click of a ``descope-button``
  sends the button's ``id`` as the **interaction id** with every named field as ``input``.
* an **interaction handler** ``handler(run, input) -> Step`` decides what comes next:
  ``run.show(screen_id, **state)`` (another screen), ``run.complete(jwt, method)`` (the
  session: the flow ends), ``run.poll()`` / ``run.redirect(url)`` / ``run.webauthn(...)``.
  A handler refuses by raising :class:`errors.ApiError` (the same errors the REST API
  raises: the domain functions are shared): the engine shows the same screen again with
  the reason in ``screen.state.errorText``. Handlers keep what they collected in
  ``run.ctx`` (stored with the execution between requests).
* the **start screen** of each flow is composed of **sections** that the methods add
  (the email field first, then each method's buttons by ``order``). Interactions on any
  start screen are registered under :data:`START`. ``interactionId: "submit"`` (the Node
  SDK's and a management run's) means the screen's default interaction.

Adding a method: write ``domain/flow_methods/<method>.py``, and in it call
:func:`screen` for each screen it shows, :func:`start_section` for its part of the start
screen, and decorate its handlers with :func:`on`; then import the module in
``domain/flow_methods/__init__.py``. Nothing here changes. A handler reads the input
(``run.take``), what earlier screens collected (``run.ctx``), the session the flow started
with (``run.refresh_token``; step-up: ``run.session_login_id``), the tenant (``run.tenant``),
and where to send the browser back (``run.redirect_url``: the component's ``redirect-url``,
else the page's URL, else its origin; ``run.resume_url()``: that page naming the step the
answer leads to, for a magic link or an identity provider's way back; ``run.base_url``: the
emulator's URL for its own landing pages). ``run.redirect(url, screen=...)`` and
``run.webauthn(..., screen=...)`` name the screen whose default interaction gets the
result. A method that asks for a second factor after any first one registers a
:func:`second_factor` check (totp.py).

Executions: the id is ``<flowId>|#|<random>`` (no ``_``: a magic link carries
``<executionId>_<stepId>``); each answer has a new ``stepId`` and only the newest is
accepted, except that a poll keeps its ``stepId`` (the component polls with it, and a link
sent from that screen names it); when an execution that was polling completes through
another interaction (the link opened in another tab), the polling screen's next poll gets
the completed answer, once; a refusal on a polling screen (a stale link opened in another
tab) keeps the step too. An execution expires :data:`EXECUTION_TTL` seconds after it started (``E103205``,
the code the component restarts on); a completed execution answers nothing more."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .. import errors
from ..state import Emulator
from . import sessions

START = "*start*"  # the screen id interactions of every start screen are registered under
SUBMIT = "submit"  # the interaction id meaning "the screen's default interaction"
POLLING = "polling"  # the component's polling interaction
STEP = "flow_step"  # challenges kind: the current step of an interactive execution
DONE = "flow_done"  # challenges kind: an execution that completed
POLLED = "flow_polled"  # challenges kind: a completion the polling screen has yet to learn
EXECUTION_TTL = 1800  # seconds from the start
FLOW_KINDS = {"sign-up-or-in": "signup-in", "sign-up": "signup", "sign-in": "signin",
              "step-up": "stepup"}
RUN_IDS_PARAM = "descope-login-flow"  # the component resumes the execution it names
RESUME_PARAMS = frozenset({RUN_IDS_PARAM, "t", "code", "err"})  # a page's earlier resume
SECRET_INPUTS = frozenset({"code", "password", "newPassword", "token", "response"})
REQUEST_ERRORS = frozenset({errors.FLOW_NEEDS_INPUT.code, errors.INVALID_REQUEST.code,
                            errors.WRONG_TYPE.code})


@dataclass(frozen=True)
class Screen:
    """A screen: its id, its HTML file and the inputs its default interaction needs (what a
    management run must be given)."""

    id: str
    file: str
    inputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class StartSection:
    """A method's part of the start screens: an HTML fragment file, its place (``order``,
    smaller first) and the flows whose start screen shows it."""

    id: str
    file: str
    order: int
    flows: frozenset[str]


@dataclass
class Step:
    """What an interaction leads to (built by the :class:`Run` helpers)."""

    action: str  # screen | completed | poll | redirect | webauthnCreate | webauthnGet
    screen: str = ""
    state: dict[str, Any] = field(default_factory=dict)
    auth_info: dict[str, Any] | None = None
    method: str = ""
    redirect: str = ""
    webauthn: dict[str, Any] | None = None
    by_poll: bool = False  # answered to the component's polling


Handler = Callable[["Run", dict[str, Any]], Step]
#: a second factor: given the run and the completed step of a first factor, the step that
#: asks for the second one, or None when the user has none to give
SecondFactor = Callable[["Run", Step], "Step | None"]


@dataclass
class Registry:
    """Every screen, start section and interaction the methods registered."""

    screens: dict[str, Screen] = field(default_factory=dict)
    sections: dict[str, StartSection] = field(default_factory=dict)
    handlers: dict[tuple[str, str], Handler] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)  # screen id -> interaction id
    second_factors: list[SecondFactor] = field(default_factory=list)


REGISTRY = Registry()


def screen(screen_id: str, file: str, inputs: tuple[str, ...] = ()) -> Screen:
    """Register a screen (its HTML file under ``flow_screens/``)."""
    item = Screen(screen_id, file, inputs)
    REGISTRY.screens[screen_id] = item
    return item


def start_section(section_id: str, file: str, order: int,
                  flows: tuple[str, ...] = tuple(FLOW_KINDS)) -> StartSection:
    """Register a method's fragment of the start screens of ``flows``."""
    item = StartSection(section_id, file, order, frozenset(flows))
    REGISTRY.sections[section_id] = item
    return item


def on(screen_id: str, *interaction_ids: str,
       default: bool = False) -> Callable[[Handler], Handler]:
    """Decorator: ``handler`` answers these interaction ids on ``screen_id`` (:data:`START`
    for the start screens); ``default``: also ``submit``."""

    def register(handler: Handler) -> Handler:
        for interaction_id in interaction_ids:
            REGISTRY.handlers[(screen_id, interaction_id)] = handler
        if default:
            REGISTRY.defaults[screen_id] = interaction_ids[0]
        return handler

    return register


def second_factor(check: SecondFactor) -> SecondFactor:
    """Decorator: ``check`` may ask for a second factor once a first one completed (the
    first that asks wins; a run asks at most once)."""
    REGISTRY.second_factors.append(check)
    return check


def sections_for(flow_id: str) -> list[StartSection]:
    """The start sections of a flow, in order."""
    return sorted((s for s in REGISTRY.sections.values() if flow_id in s.flows),
                  key=lambda s: (s.order, s.id))


def is_builtin(flow_id: str) -> bool:
    """True for the flows this engine runs."""
    return flow_id in FLOW_KINDS


@dataclass
class Run:
    """One execution while a handler runs: the emulator, the flow, what was collected
    (``ctx``, kept between requests) and the session the flow was started with."""

    e: Emulator
    flow_id: str
    screen_id: str
    ctx: dict[str, Any]
    refresh_token: str | None = None
    base_url: str = ""  # the emulator's own URL as the browser reached it (links' landing)
    execution_id: str = ""
    step_id: str = ""  # the id the answer gives the step it leads to

    @property
    def redirect_url(self) -> str:
        """Where links and identity providers send the browser back: the component's
        ``redirect-url`` (start option ``redirectUrl``), else the page that started the
        flow (the web SDK's ``location`` option, else its ``Origin``), else ''."""
        return str(self.ctx.get("redirectUrl") or self.ctx.get("pageLocation")
                   or self.ctx.get("pageOrigin") or "")

    @property
    def kind(self) -> str:
        """``signup-in``, ``signup``, ``signin`` or ``stepup``."""
        return FLOW_KINDS[self.flow_id]

    @property
    def session_login_id(self) -> str:
        """Step-up: the login id of the user whose session the flow steps up ('' else);
        the methods sign this user in whatever the screen's fields say."""
        return str(self.ctx.get("sessionLoginId") or "")

    @property
    def tenant(self) -> str:
        """The tenant the flow runs for (the component's ``tenant`` attribute), or ''."""
        return str(self.ctx.get("tenant") or "")

    def take(self, given: dict[str, Any], name: str, *, keep: bool = True) -> str:
        """The non-empty string input ``name`` (400 when missing); kept in ``ctx`` unless
        ``keep`` is false (secrets: codes, passwords)."""
        value = given.get(name)
        if not isinstance(value, (str, int, float)) or isinstance(value, bool) or value == "":
            raise errors.FLOW_NEEDS_INPUT(f"'input.{name}' is required on this screen")
        text = str(value).strip() if name not in SECRET_INPUTS else str(value)
        if keep:
            self.ctx[name] = text
        return text

    def show(self, screen_id: str, **state: Any) -> Step:
        """Go to ``screen_id`` with ``state`` (values its texts show, ``inputs`` to fill)."""
        if screen_id not in REGISTRY.screens and screen_id not in FLOW_KINDS:
            raise errors.FLOW_NOT_RUNNABLE(f"Unknown screen '{screen_id}'")
        return Step("screen", screen_id, state)

    def complete(self, auth_info: dict[str, Any], method: str) -> Step:
        """End the flow with this session (a REST JWT answer) signed in by ``method``."""
        return Step("completed", auth_info=auth_info, method=method)

    def poll(self, **state: Any) -> Step:
        """Stay on this screen; the component asks again (``polling``) every 2 seconds."""
        return Step("poll", self.screen_id, state)

    def redirect(self, url: str, screen: str = "") -> Step:
        """Send the browser to ``url`` (an identity provider); it comes back to the app's
        page (:meth:`resume_url`) on ``screen``, whose default interaction gets the code."""
        return Step("redirect", screen or self.screen_id, redirect=url)

    def webauthn(self, action: str, transaction_id: str, options: str, screen: str = "") -> Step:
        """Ask the browser for a passkey ceremony (``webauthnCreate`` / ``webauthnGet``); its
        answer comes to ``screen``'s default interaction."""
        return Step(action, screen or self.screen_id,
                    webauthn={"transactionId": transaction_id, "options": options})

    def resume_url(self) -> str:
        """:attr:`redirect_url` with ``descope-login-flow=<executionId>_<stepId>`` naming the
        step this answer leads to: a magic link, or an identity provider's way back, resumes
        the execution there (400 when the start named no page)."""
        page = self.redirect_url
        if not page:
            raise errors.INVALID_REQUEST("The flow start named no page to come back to")
        parts = urlsplit(page)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                 if k not in RESUME_PARAMS]
        query.append((RUN_IDS_PARAM, f"{self.execution_id}_{self.step_id}"))
        return urlunsplit(parts._replace(query=urlencode(query), fragment=""))


# -- executions ------------------------------------------------------------------------------


def _handler(screen_id: str, flow_id: str, interaction_id: str) -> Handler:
    key = START if screen_id == flow_id else screen_id
    if interaction_id == SUBMIT:
        interaction_id = REGISTRY.defaults.get(key, SUBMIT)
    handler = REGISTRY.handlers.get((key, interaction_id))
    if handler is None:
        raise errors.INVALID_REQUEST(
            f"Unknown interaction '{interaction_id[:64]}' on screen '{screen_id}'")
    return handler


def _shown_state(step: Step, given: dict[str, Any]) -> dict[str, Any]:
    state = dict(step.state)
    form = {k: v for k, v in given.items()
            if k not in SECRET_INPUTS and isinstance(v, str) and k != "origin"}
    if form:
        state["inputs"] = {**form, **(state.get("inputs") or {})}
    return state


def _interact(run: Run, interaction_id: str, given: dict[str, Any]) -> Step:
    """Run the interaction; a refusal shows the same screen with the reason."""
    handler = _handler(run.screen_id, run.flow_id, interaction_id)
    previous = dict(run.ctx.get("_state") or {})
    try:
        step = handler(run, given)
        if step.action == "completed" and not run.ctx.get("_secondFactor"):
            for check in REGISTRY.second_factors:
                asked = check(run, step)
                if asked is not None:
                    run.ctx["_secondFactor"] = True
                    return asked
        return step
    except errors.ApiError as exc:
        if exc.code in REQUEST_ERRORS:  # a malformed call, not something a user did
            raise
        state = {**previous, "errorText": exc.message, "errorType": exc.code}
        step = Step("screen", run.screen_id, _shown_state(Step("screen", "", state), given))
        step.state["_error"] = {"code": exc.code, "description": exc.description,
                                "message": exc.message}
        return step


def _last_auth(run: Run, step: Step) -> dict[str, Any]:
    user = (step.auth_info or {}).get("user") or {}
    login_id = run.ctx.get("email") or run.ctx.get("phone") or run.ctx.get("loginId") or ""
    out: dict[str, Any] = {"authMethod": step.method} if step.method else {}
    if login_id:
        out["loginId"] = login_id
    if user.get("name"):
        out["name"] = user["name"]
    return out


def _answer(run: Run, execution_id: str, step: Step, deadline: float,
            current: str = "") -> dict[str, Any]:
    """Store the execution's new step (a poll keeps the ``current`` step id, which the
    component keeps polling with) and build the component's answer."""
    e = run.e
    if step.action == "completed":
        answer = {"executionId": execution_id, "stepId": "", "stepName": "end",
                  "status": "completed", "action": "none", "screen": {},
                  "authInfo": step.auth_info or {}, "lastAuth": _last_auth(run, step),
                  "output": _output(run.ctx, step.auth_info)}
        e.store.challenges.add(DONE, execution_id, "", deadline + EXECUTION_TTL,
                               {"flowId": run.flow_id})
        polling = str(run.ctx.get("_polling") or "")
        if polling and not step.by_poll:  # completed elsewhere (a link in another tab)
            e.store.challenges.add(POLLED, execution_id, polling, deadline, {"answer": answer})
        return answer
    state = dict(step.state)
    error = state.pop("_error", None)
    # a poll keeps its step, and so does a refusal on a polling screen (a stale link opened
    # in another tab must not stop the tab that polls)
    keep = step.action == "poll" or (error and run.ctx.get("_polling") == current)
    step_id = current if keep and current else run.step_id or secrets.token_hex(8)
    if step.action == "poll":
        run.ctx["_polling"] = step_id
    run.ctx["_state"] = {k: v for k, v in state.items() if k not in ("errorText", "errorType")}
    screen_id = step.screen or run.screen_id
    e.store.challenges.add(STEP, execution_id, step_id, deadline,
                           {"flowId": run.flow_id, "screen": screen_id, "ctx": run.ctx,
                            "deadline": deadline})
    answer: dict[str, Any] = {
        "executionId": execution_id, "stepId": step_id, "stepName": screen_id,
        "status": "waiting", "action": step.action, "screen": {"id": screen_id, "state": state},
        "lastAuth": _last_auth(run, step),
    }
    if step.redirect:
        answer["redirect"] = {"url": step.redirect}
    if step.webauthn:
        answer["webauthn"] = step.webauthn
    if error:
        answer["error"] = error
    return answer


def _output(ctx: dict[str, Any], auth: dict[str, Any] | None) -> dict[str, Any]:
    """What a finished flow hands back (management runs): the login id, user and session."""
    out: dict[str, Any] = {"loginId": ctx.get("email") or ctx.get("phone")
                           or ctx.get("loginId") or ""}
    if auth:
        out.update(user=auth.get("user") or {}, firstSeen=auth.get("firstSeen", False),
                   sessionJwt=auth.get("sessionJwt"), refreshJwt=auth.get("refreshJwt"))
    return out


@dataclass(frozen=True)
class Client:
    """What the request that starts or continues an execution says about the browser: the
    emulator's URL as it reached it, the page's ``Origin``, the ``redirectUrl`` and
    ``location`` options."""

    base_url: str = ""
    origin: str = ""
    redirect_url: str = ""
    location: str = ""  # the page's URL (the web SDK's ``location`` start option)


NO_CLIENT = Client()  # a call that says nothing about a browser (management runs, tests)


def _new_run(e: Emulator, flow_id: str, tenant: str, refresh_token: str | None,
             prefill: dict[str, Any], client: Client = NO_CLIENT) -> Run:
    if tenant and e.store.tenants.get(tenant) is None:
        raise errors.TENANT_NOT_FOUND(f"Tenant '{tenant[:64]}' not found")
    ctx: dict[str, Any] = {"tenant": tenant} if tenant else {}
    if client.redirect_url:
        ctx["redirectUrl"] = client.redirect_url
    if client.location:
        ctx["pageLocation"] = client.location
    if client.origin:
        ctx["pageOrigin"] = client.origin
    inputs = {k: v for k, v in prefill.items()
              if k in ("email", "loginId", "phone") and isinstance(v, str) and v}
    if inputs:
        ctx["_state"] = {"inputs": inputs}
    return Run(e, flow_id, flow_id, ctx, refresh_token, client.base_url)


def start(e: Emulator, flow_id: str, *, tenant: str, given: dict[str, Any],
          interaction_id: str, refresh_token: str | None,
          client: Client = NO_CLIENT) -> dict[str, Any]:
    """Start an execution: the start screen, or (when the component already showed the
    start screen from ``config.json``'s ``startScreenId`` and the user clicked) the answer
    to that first interaction."""
    run = _new_run(e, flow_id, tenant, refresh_token, given, client)
    if run.kind == "stepup":  # steps up the session the browser has (401 without one)
        _, _, user = sessions.check_refresh(e, refresh_token)
        run.ctx["userId"] = user["userId"]
        run.ctx["sessionLoginId"] = user["loginIds"][0]
        run.ctx["_state"] = {"inputs": {"email": user.get("email") or user["loginIds"][0]}}
    execution_id = f"{flow_id}|#|{secrets.token_hex(12)}"
    run.execution_id, run.step_id = execution_id, secrets.token_hex(8)
    deadline = e.now() + EXECUTION_TTL
    if interaction_id:
        step = _interact(run, interaction_id, given)
    else:
        step = Step("screen", flow_id, dict(run.ctx.get("_state") or {}))
    return _answer(run, execution_id, step, deadline)


def next_step(e: Emulator, execution_id: str, step_id: str, interaction_id: str,
              given: dict[str, Any], refresh_token: str | None,
              client: Client = NO_CLIENT) -> dict[str, Any]:
    """Answer an interaction on the execution's current screen."""
    if e.store.challenges.latest(DONE, execution_id) is not None:
        # the screen that was polling learns, once, that the flow completed elsewhere
        polled = e.store.challenges.active_for(POLLED, execution_id, step_id)
        if interaction_id == POLLING and polled is not None:
            e.store.challenges.set(polled["id"], state="used")
            answer: dict[str, Any] = polled["data"]["answer"]
            return answer
        raise errors.FLOW_EXECUTION_DONE("This flow execution already completed")
    row = e.store.challenges.latest(STEP, execution_id)
    if row is None:
        raise errors.FLOW_EXECUTION_NOT_FOUND("Flow execution not found")
    data = row["data"]
    if row["expires"] <= e.now():
        raise errors.FLOW_TIMED_OUT("The flow execution expired; start again")
    if row["secret"] != step_id:
        raise errors.FLOW_STALE_STEP("'stepId' is not the execution's current step")
    run = Run(e, str(data["flowId"]), str(data["screen"]), dict(data["ctx"]), refresh_token,
              client.base_url, execution_id, secrets.token_hex(8))
    step = _interact(run, interaction_id, given)
    step.by_poll = interaction_id == POLLING
    if step.action == "completed":
        e.store.challenges.set(row["id"], state="used")
    return _answer(run, execution_id, step, float(data["deadline"]), step_id)


def run_to_end(e: Emulator, flow_id: str, given: dict[str, Any], tenant: str) -> dict[str, Any]:
    """A management run: every screen's default interaction with ``given`` as its input,
    until the flow completes. ``{"executionId", "status": "completed", "output"}``, or the
    refusing action's own error (400 when a screen needs an input ``given`` lacks)."""
    run = _new_run(e, flow_id, tenant, None, {})
    for _ in range(20):  # a flow that never completes on its defaults is refused below
        key = START if run.screen_id == flow_id else run.screen_id
        screen_def = REGISTRY.screens.get(key)
        for name in screen_def.inputs if screen_def else ():
            if given.get(name) in (None, ""):
                raise errors.FLOW_NEEDS_INPUT(
                    f"Screen '{run.screen_id}' needs 'input.{name}' (a management run shows no "
                    "screens)")
        step = _handler(run.screen_id, flow_id, SUBMIT)(run, given)
        if step.action == "completed":
            return {"executionId": secrets.token_hex(12), "status": "completed",
                    "output": _output(run.ctx, step.auth_info)}
        if step.action != "screen":
            break
        run.screen_id = step.screen
    raise errors.FLOW_NOT_RUNNABLE(f"Flow '{flow_id}' cannot complete without screens")
