// FlexMigrate dashboard: polls the migrations API (the Functions app's, or the one `flexmigrate migrate --dashboard`
// serves: same routes, same JSON) and draws one migration. Plain script, no build step. Every value from the API is
// put on the page as text (textContent), never as markup: a table name is data, not HTML.
(function () {
  "use strict";

  const POLL_MS = 2000;
  const FINAL = ["Completed", "Failed", "Terminated"];
  // The page lives at <api base>/dashboard/; the API is <api base>/migrations.
  const apiBase = location.pathname.replace(/\/dashboard(\/.*)?$/, "");
  const state = { key: null, id: null, view: null, chart: null, chartKey: "", openAction: null, lastOk: 0, timer: null };

  const $ = (id) => document.getElementById(id);
  const text = (id, value) => { $(id).textContent = value == null ? "" : String(value); };
  const show = (id, visible) => { $(id).hidden = !visible; };

  // ---- formatting ------------------------------------------------------------------------------------------
  const nf = new Intl.NumberFormat("en-US");
  const count = (n) => (n == null ? "–" : nf.format(Math.round(n)));
  function compact(n) {
    if (n == null) return "–";
    const a = Math.abs(n);
    if (a >= 1e9) return (n / 1e9).toFixed(2).replace(/\.?0+$/, "") + "G";
    if (a >= 1e6) return (n / 1e6).toFixed(2).replace(/\.?0+$/, "") + "M";
    if (a >= 1e4) return (n / 1e3).toFixed(1).replace(/\.0$/, "") + "k";
    return String(Math.round(n));
  }
  function bytes(b) {
    if (b == null) return "–";
    if (b >= 2 ** 30) return (b / 2 ** 30).toFixed(1) + " GiB";
    if (b >= 2 ** 20) return (b / 2 ** 20).toFixed(1) + " MiB";
    if (b >= 2 ** 10) return (b / 2 ** 10).toFixed(1) + " KiB";
    return b + " B";
  }
  function duration(s) {
    if (s == null || !isFinite(s)) return "–";
    s = Math.max(0, s);
    if (s >= 3600) return Math.floor(s / 3600) + "h" + String(Math.floor((s % 3600) / 60)).padStart(2, "0") + "m";
    if (s >= 60) return Math.floor(s / 60) + "m" + String(Math.floor(s % 60)).padStart(2, "0") + "s";
    return s.toFixed(1) + "s";
  }
  // CopyingData -> "Copying data"
  const words = (name) => (name ? name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().replace(/^./, (c) => c.toUpperCase()) : "–");
  const percent = (f) => (f >= 1 ? 100 : Math.min(99, Math.floor(Math.max(0, f) * 100))) + "%";

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("data-") || k === "title" || k === "role" || k === "type" || k === "name" || k === "value") node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
    return node;
  }
  function bar(fraction, done) {
    const fill = el("div", { class: "fill" });
    fill.style.width = (Math.min(1, Math.max(0, fraction)) * 100).toFixed(1) + "%";
    return el("div", { class: "progress" + (done ? " done" : ""), role: "progressbar" }, fill);
  }

  // ---- address: #id=...&key=... (a fragment never reaches a server or its logs) ----------------------------
  function readAddress() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const query = new URLSearchParams(location.search);
    const key = params.get("key") || query.get("code");
    if (key) sessionStorage.setItem("flexmigrate.key", key);
    state.key = sessionStorage.getItem("flexmigrate.key");
    state.id = params.get("id") || query.get("id");
    // Keep the key out of the address bar, history and screenshots once read.
    if (params.has("key")) {
      params.delete("key");
      const rest = params.toString();
      history.replaceState(null, "", location.pathname + location.search + (rest ? "#" + rest : ""));
    }
  }
  function selectMigration(id) {
    state.id = id;
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    params.set("id", id);
    history.replaceState(null, "", location.pathname + location.search + "#" + params.toString());
    poll();
  }

  // ---- API --------------------------------------------------------------------------------------------------
  async function api(path, options) {
    const headers = { Accept: "application/json" };
    if (state.key) headers["x-functions-key"] = state.key;
    if (options && options.body) headers["Content-Type"] = "application/json";
    const response = await fetch(apiBase + "/" + path, Object.assign({ headers, cache: "no-store", credentials: "omit" }, options || {}));
    let body = null;
    try { body = await response.json(); } catch { body = null; }
    return { status: response.status, ok: response.ok, body };
  }

  async function poll() {
    clearTimeout(state.timer);
    try {
      if (!state.id) {
        const list = await api("migrations");
        if (!handleAuth(list)) return;
        if (!list.ok) throw new Error(problem(list));
        const running = list.body.filter((m) => m.runtimeStatus === "Running" || m.runtimeStatus === "Pending");
        if (list.body.length === 1 || running.length === 1) return selectMigration((running[0] || list.body[0]).id);
        renderPicker(list.body);
      } else {
        const got = await api("migrations/" + encodeURIComponent(state.id));
        if (!handleAuth(got)) return;
        if (!got.ok) throw new Error(problem(got));
        state.view = got.body;
        render(got.body);
        // An ended instance never changes again (a resume is a new instance), and the CLI's server stops once its
        // migration ends: polling on would only turn a finished page into "connection lost".
        if (FINAL.includes(got.body.runtimeStatus)) {
          connection("final state, read " + new Date().toLocaleTimeString() + " (reload to look again)", false);
          return;
        }
      }
      state.lastOk = Date.now();
      connection("updated " + new Date().toLocaleTimeString(), false);
    } catch (e) {
      connection("connection lost: " + (e && e.message ? e.message : e) + "; retrying", true);
    }
    state.timer = setTimeout(poll, POLL_MS);
  }

  function handleAuth(result) {
    if (result.status === 401 || result.status === 403) {
      show("key-panel", true);
      text("key-reason", state.key ? "The key was refused. Enter the current one." : "This dashboard needs a key: the function key in Azure, or the token `flexmigrate migrate --dashboard` printed.");
      connection("waiting for a key", true);
      return false;
    }
    show("key-panel", false);
    return true;
  }
  const problem = (r) => (r.body && (r.body.detail || r.body.title)) || "HTTP " + r.status;
  function connection(message, bad) {
    const c = $("connection");
    c.textContent = message;
    c.classList.toggle("bad", !!bad);
  }

  // ---- rendering ---------------------------------------------------------------------------------------------
  function renderPicker(list) {
    show("picker", true);
    show("overview", false);
    const rows = $("picker-rows");
    rows.replaceChildren(...list.map((m) => {
      const row = el("tr", { class: "clickable", "data-id": m.id },
        el("td", { class: "name" }, m.id), el("td", {}, m.mode || "–"), el("td", {}, m.runtimeStatus),
        el("td", {}, words(m.progress && m.progress.phase)), el("td", {}, new Date(m.createdAt).toLocaleString()));
      row.addEventListener("click", () => selectMigration(m.id));
      return row;
    }));
    show("picker-empty", list.length === 0);
  }

  function render(v) {
    show("picker", false);
    show("overview", true);
    const p = v.progress || {};
    // Which status this drawing shows, for anyone comparing the page with the API.
    document.body.setAttribute("data-updated", v.lastUpdatedAt);
    text("migration-id", v.id);
    document.title = "FlexMigrate · " + words(p.phase) + " · " + v.id;
    badge("mode", v.mode);
    badge("runtime", v.runtimeStatus);

    text("phase", words(p.phase));
    text("tables", p.tablesTotal != null ? p.tablesCopied + " / " + p.tablesTotal : "–");
    text("rows", p.rowsEstimated ? count(p.rowsCopied) + " / " + count(p.rowsEstimated) : count(p.rowsCopied));
    text("bytes", p.bytesCopied != null ? bytes(p.bytesCopied) + " copied" : "");
    text("rate", p.rowsPerSecond != null ? compact(p.rowsPerSecond) + " rows/s" : "–");
    text("eta", p.etaSeconds != null ? duration(p.etaSeconds) : v.report ? "done" : "–");
    const started = p.startedUtc ? Date.parse(p.startedUtc) : Date.parse(v.createdAt);
    const ended = v.report ? Date.parse(v.report.finishedUtc) : null;
    text("elapsed", "elapsed " + duration(((ended || Date.now()) - started) / 1000));
    const fraction = p.rowsEstimated > 0 ? p.rowsCopied / p.rowsEstimated : v.report ? 1 : 0;
    const overall = $("overall-bar");
    overall.querySelector(".fill").style.width = (Math.min(1, fraction) * 100).toFixed(1) + "%";
    overall.classList.toggle("done", fraction >= 1);
    overall.querySelector(".pct").textContent = percent(fraction) + " of rows copied";

    renderTables(p.tablesInProgress || []);
    renderReplication(p.replication, v.lagHistory, v);
    renderFindings(p.precheckFindings || []);
    renderThrottle(p.throttle);
    renderActions(v.actions || []);
    renderReport(v.report);
    show("failure", !!v.failure);
    text("failure-text", v.failure);
  }

  // ---- throttling and live control (issue 17) ---------------------------------------------------------------
  function renderThrottle(t) {
    show("throttle", !!t);
    if (!t) return;
    const state = t.paused ? "paused" : t.hibernatingUntilUtc ? "hibernating" : t.throttled ? "throttled" : "running";
    const line = $("throttle-state");
    line.setAttribute("data-state", state);
    line.className = "note " + (state === "running" ? "good" : state === "hibernating" ? "bad" : "warn");
    const reason = t.reason ? t.reason.condition + ": " + t.reason.subject + " " + t.reason.value + " > " + t.reason.limit : "";
    line.textContent = state === "paused" ? "Paused: no new chunk or batch starts."
      : state === "hibernating" ? "Hibernating until " + new Date(t.hibernatingUntilUtc).toLocaleTimeString() + " (" + reason + ")."
      : state === "throttled" ? "Throttled: " + reason + "." : "Not throttled.";
    const s = t.settings;
    text("throttle-settings", "parallelism " + s.parallelism + ", rows/s " + (s.throttle.maxRowsPerSecond || "unlimited")
      + Object.keys(t.secondsByCondition || {}).map((k) => "; " + k + " " + t.secondsByCondition[k] + " s").join(""));
    $("throttle-changes").replaceChildren(...(t.changes || []).slice(-5).map((c) =>
      el("li", { "data-change": c.change }, c.change + (c.refused ? " refused: " + c.refused : " took effect at " + new Date(c.appliedUtc).toLocaleTimeString())
        + (c.requestedBy ? " (" + c.requestedBy + ")" : ""))));
  }

  function badge(id, value) {
    const b = $(id);
    b.hidden = !value;
    b.textContent = value || "";
    b.className = "badge " + String(value || "").toLowerCase();
  }

  function renderTables(tables) {
    show("tables-card", tables.length > 0);
    $("table-rows").replaceChildren(...tables.map((t) => {
      const fraction = t.rowsEstimated > 0 ? Math.min(1, t.rowsCopied / t.rowsEstimated) : t.chunksTotal > 0 ? t.chunksDone / t.chunksTotal : 0;
      const copied = t.chunksTotal > 0 && t.chunksDone === t.chunksTotal;
      const eta = !copied && t.rowsPerSecond > 0 && t.rowsEstimated > t.rowsCopied ? duration((t.rowsEstimated - t.rowsCopied) / t.rowsPerSecond) : "–";
      const stateText = copied ? (t.indexesAdded ? "done" : "adding indexes") : t.chunksDone > 0 || t.rowsCopied > 0 ? "copying" : "queued";
      return el("tr", { "data-table": t.table },
        el("td", { class: "name", title: t.table, "data-col": "name" }, t.table),
        el("td", { "data-col": "bar" }, bar(fraction, copied)),
        el("td", { class: "num", "data-col": "rows" }, count(t.rowsCopied) + " / " + count(t.rowsEstimated)),
        el("td", { class: "num", "data-col": "rate" }, compact(t.rowsPerSecond)),
        el("td", { class: "num", "data-col": "eta" }, eta),
        el("td", { class: "num", "data-col": "chunks" }, t.chunksDone + " / " + t.chunksTotal),
        el("td", { "data-col": "state" }, stateText));
    }));
  }

  function renderReplication(r, history, v) {
    show("replication", !!r || (history && history.length > 0));
    if (!r) { if (history) drawLag(history, null, v); return; }
    // After a cutover with reverseAfterCutover the target replicates back to the old source until rollback or finish.
    const reverse = r.direction === "reverse";
    const what = reverse ? "Rollback" : "Cutover";
    text("replication-title", reverse ? "Replicating back" : "Replication");
    text("direction", reverse
      ? "Direction: target → old source. The target is the primary; the old source stays read-only and in sync until you roll back or finish."
      : "Direction: source → target.");
    text("lag-label", reverse ? "Reverse lag" : "Lag");
    const lag = $("lag");
    lag.textContent = r.lagSeconds.toFixed(1) + " s";
    lag.className = "value " + (r.lagSeconds < 5 ? "good" : r.lagSeconds < 60 ? "warn" : "bad");
    text("lag-bytes", bytes(r.lagBytes) + " behind");
    text("apply-rate", compact(r.rowsPerSecond) + " rows/s");
    text("applied", count(r.transactionsApplied) + " tx");
    text("applied-rows", count(r.rowsApplied) + " rows applied");
    text("caught-up", r.caughtUp ? "caught up" : "catching up");
    $("caught-up").className = "value " + (r.caughtUp ? "good" : "warn");
    const noun = what.toLowerCase();
    text("attempts", r.cutoverAttempts ? r.cutoverAttempts + " " + noun + " attempt" + (r.cutoverAttempts === 1 ? "" : "s") : "no " + noun + " yet");
    text("positions", reverse
      ? "applied " + r.appliedPosition + " of the target's " + r.sourcePosition + " · replicating back since " + r.startPosition
      : "applied " + r.appliedPosition + " of " + r.sourcePosition + " · started at " + r.startPosition + " · copy ended at " + r.catchUpPosition);
    const phase = v.progress.phase;
    note("cutover-step", r.cutoverStep ? (phase === "finishing" ? "Finish" : what) + ": " + r.cutoverStep : null);
    note("apply-error", r.lastApplyError ? "Retrying after: " + r.lastApplyError : null);
    note("cutover-error", r.lastCutoverError && phase !== "cuttingOver" && phase !== "rollingBack" ? "Last " + noun + " undone: " + r.lastCutoverError : null);
    drawLag(history || [], r, v);
  }
  function note(id, message) { show(id, !!message); text(id, message); }

  // Lag over time: the loop's own history (carried through its generations) plus the latest status.
  function drawLag(history, r, v) {
    const points = history.map((s) => [Date.parse(s.utc) / 1000, s.lagSeconds, s.rowsPerSecond]);
    const now = Date.parse(v.lastUpdatedAt) / 1000;
    if (r && (points.length === 0 || points[points.length - 1][0] < now)) points.push([now, r.lagSeconds, r.rowsPerSecond]);
    const chart = $("lag-chart");
    chart.setAttribute("data-points", String(points.length));
    const key = points.length + ":" + (points.length ? points[points.length - 1].join(",") : "");
    if (key === state.chartKey || typeof uPlot === "undefined") return;
    state.chartKey = key;
    const data = [points.map((p) => p[0]), points.map((p) => p[1]), points.map((p) => p[2])];
    const width = Math.max(300, chart.clientWidth || 800);
    if (!state.chart) {
      state.chart = new uPlot({
        width, height: 240, legend: { live: false },
        scales: { x: { time: true }, lag: { auto: true, range: (u, min, max) => [0, Math.max(1, max * 1.2)] }, rate: { auto: true, range: (u, min, max) => [0, Math.max(1, max * 1.2)] } },
        axes: [{}, { scale: "lag", label: "lag (s)" }, { scale: "rate", side: 1, label: "rows/s", grid: { show: false } }],
        series: [{}, { label: "lag (s)", scale: "lag", stroke: "#c4262e", width: 2, fill: "rgba(196,38,46,.08)" }, { label: "apply rows/s", scale: "rate", stroke: "#0f6cbd", width: 1 }],
      }, data, chart);
    } else {
      if (Math.abs(state.chart.width - width) > 20) state.chart.setSize({ width, height: 240 });
      state.chart.setData(data);
    }
  }

  function renderFindings(findings) {
    show("findings-card", findings.length > 0);
    $("finding-rows").replaceChildren(...findings.map((f) => el("tr", { "data-rule": f.rule },
      el("td", {}, el("span", { class: "sev " + String(f.severity).toLowerCase() }, f.severity)),
      el("td", {}, el("code", {}, f.rule)),
      el("td", { class: "name" }, f.object || ""),
      el("td", {}, el("div", {}, f.message), el("div", { class: "remedy" }, f.remedy ? "Fix: " + f.remedy : "")))));
  }

  // ---- actions: drawn from the status, so a new control is one more action in the API ------------------------
  function renderActions(actions) {
    show("actions", actions.length > 0 || !!$("action-result").textContent);
    $("action-buttons").replaceChildren(...actions.map((a) => {
      const b = el("button", { type: "button", class: a.danger ? "danger" : "primary", "data-action": a.name, title: a.reason || a.description }, a.title);
      b.disabled = !a.enabled;
      b.addEventListener("click", () => openAction(a.name));
      return b;
    }));
    if (state.openAction) {
      const current = actions.find((a) => a.name === state.openAction.name);
      if (!current) closeAction();
      else { state.openAction = current; $("action-confirm").disabled = !current.enabled; text("action-reason", current.reason || ""); }
    }
  }
  function openAction(name) {
    const a = (state.view.actions || []).find((x) => x.name === name);
    if (!a) return;
    state.openAction = a;
    text("action-description", a.description);
    text("action-reason", a.reason || "");
    $("action-fields").replaceChildren(...a.fields.map((f) => {
      let input;
      if (f.kind === "fixed") {
        return el("input", { name: f.name, type: "hidden", value: f.default, "data-field-name": f.name });
      }
      if (f.kind === "choice") {
        input = el("select", { name: f.name, "data-field-name": f.name }, ...f.choices.map((c) => el("option", { value: c.value }, c.label)));
        input.value = f.default;
      } else {
        input = el("input", { name: f.name, type: "number", value: f.default, "data-field-name": f.name });
      }
      return el("label", {}, f.label, input, f.help ? el("span", { class: "help" }, f.help) : "");
    }));
    $("action-confirm").textContent = "Confirm: " + a.title.toLowerCase();
    $("action-confirm").disabled = !a.enabled;
    $("action-form").setAttribute("data-open", a.name);
    show("action-form", true);
  }
  function closeAction() {
    state.openAction = null;
    show("action-form", false);
    $("action-form").removeAttribute("data-open");
  }
  async function submitAction(event) {
    event.preventDefault();
    const a = state.openAction;
    if (!a) return;
    const body = {};
    for (const f of a.fields) {
      const input = $("action-fields").querySelector("[data-field-name='" + f.name + "']");
      body[f.name] = f.kind === "number" ? Number(input.value) : input.value;
    }
    $("action-confirm").disabled = true;
    const result = $("action-result");
    try {
      const r = await api(a.path, { method: "POST", body: JSON.stringify(body) });
      if (!handleAuth(r)) return;
      result.textContent = r.ok ? a.title + ": requested at " + new Date().toLocaleTimeString() + "." : a.title + " refused: " + problem(r);
      result.className = r.ok ? "note" : "note bad";
      result.setAttribute("data-outcome", r.ok ? "accepted" : "refused");
      if (r.ok) closeAction();
    } catch (e) {
      result.textContent = a.title + " failed: " + e.message;
      result.className = "note bad";
      result.setAttribute("data-outcome", "failed");
    } finally {
      $("action-confirm").disabled = false;
    }
    poll();
  }

  function renderReport(report) {
    show("report", !!report);
    if (!report) return;
    const facts = [["Outcome", words(report.outcome)], ["Rows", count(report.rowsCopied)], ["Data", bytes(report.bytesCopied)],
      ["Duration", duration((Date.parse(report.finishedUtc) - Date.parse(report.startedUtc)) / 1000)], ["Rate", count(report.rowsPerSecond) + " rows/s"],
      ["Tables", String((report.tables || []).length)]];
    if (report.replication) {
      facts.push(["Downtime", report.replication.downtimeSeconds.toFixed(2) + " s (" + report.replication.stopWrites + ", requested by " + (report.replication.requestedBy || "unknown") + ")"]);
      facts.push(["Changes replayed", count(report.replication.totals.transactions) + " transactions"]);
    }
    if (report.reverse) {
      // The final state of a migration that replicated back after its cutover (issue 16).
      const rolledBack = report.outcome === "rolledBack";
      facts.push(["Final state", rolledBack ? "rolled back: the old source is the primary again" : "forward final: the target is the primary"]);
      facts.push(["Replayed back", count(report.reverse.totals.transactions) + " transactions"]);
      if (rolledBack) facts.push(["Rollback downtime", report.reverse.downtimeSeconds.toFixed(2) + " s (" + report.reverse.stopWrites + ", requested by " + (report.reverse.requestedBy || "unknown") + ")"]);
    }
    if (report.validation) facts.push(["Validation", report.validation.equal ? "target equals source (" + count(report.validation.rowsCompared) + " rows)" : "target DIFFERS from source"]);
    $("report").classList.toggle("notgood", report.outcome !== "succeeded" && report.outcome !== "rolledBack");
    $("report-facts").replaceChildren(...facts.flatMap(([k, val]) => [el("dt", {}, k), el("dd", { "data-fact": k.toLowerCase() }, val)]));
  }

  // ---- start ---------------------------------------------------------------------------------------------------
  document.addEventListener("DOMContentLoaded", () => {
    readAddress();
    text("api-path", apiBase + "/migrations");
    $("key-form").addEventListener("submit", (e) => {
      e.preventDefault();
      state.key = $("key-input").value.trim();
      sessionStorage.setItem("flexmigrate.key", state.key);
      $("key-input").value = "";
      poll();
    });
    $("action-form").addEventListener("submit", submitAction);
    $("action-back").addEventListener("click", closeAction);
    window.addEventListener("hashchange", () => { readAddress(); poll(); });
    poll();
  });
})();
