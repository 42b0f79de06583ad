// The board's live parts, without inline script (the pages' CSP forbids it): the job page follows its job over
// server-sent events, the log pane filters as you type, and the jobs list refreshes itself.
"use strict";

(function () {
  const activeStates = ["waiting", "running", "pending_approval"];

  function badge(state) {
    const span = document.createElement("span");
    span.className = "state state-" + state;
    span.dataset.state = state;
    span.textContent = state.replace("_", " ");
    return span;
  }

  function setBadge(cell, state) {
    if (cell) {
      cell.replaceChildren(badge(state));
    }
  }

  function showActions(state) {
    const active = activeStates.includes(state);
    document.querySelectorAll("[data-when]").forEach(function (a) {
      a.hidden = (a.dataset.when === "active") !== active;
    });
  }

  function followJob(root) {
    const log = document.getElementById("log");
    const search = document.getElementById("log-search");
    const maxLines = 2000;

    function matches(li) {
      const text = search ? search.value.trim().toLowerCase() : "";
      return text === "" || li.textContent.toLowerCase().includes(text);
    }
    function filter() {
      log.querySelectorAll("li").forEach(function (li) { li.hidden = !matches(li); });
    }
    if (search) {
      search.addEventListener("input", filter);
    }
    showActions(root.dataset.jobState);

    const events = new EventSource(root.dataset.eventsUrl);
    events.addEventListener("job", function (e) {
      const job = JSON.parse(e.data);
      root.dataset.jobState = job.state;
      setBadge(document.getElementById("job-state"), job.state);
      const ended = document.getElementById("job-ended");
      if (ended) {
        ended.textContent = job.ended;
      }
      showActions(job.state);
    });
    events.addEventListener("component", function (e) {
      const c = JSON.parse(e.data);
      document.querySelectorAll(".dag-node").forEach(function (node) {
        if (node.dataset.component === c.name) {
          node.dataset.state = c.state;
          const title = node.querySelector("title");
          if (title) {
            title.textContent = title.textContent.replace(/: [a-z_]+$/, ": " + c.state);
          }
        }
      });
    });
    events.addEventListener("task", function (e) {
      const t = JSON.parse(e.data);
      const body = document.querySelector("#tasks tbody");
      let row = Array.from(body.rows).find(function (r) { return r.dataset.task === t.id; });
      if (!row) {
        row = body.insertRow();
        row.dataset.task = t.id;
        const head = document.createElement("th");
        head.scope = "row";
        head.textContent = t.component;
        row.appendChild(head);
        ["", "", "task-state", "task-progress", "task-status", "task-attempt", "", ""].forEach(function (cls) {
          const cell = row.insertCell();
          cell.className = cls;
        });
        row.cells[1].textContent = t.party;
        row.cells[2].textContent = t.role;
      }
      setBadge(row.querySelector(".task-state"), t.state);
      row.querySelector(".task-progress").textContent = Math.round(t.progress * 100) + "%";
      row.querySelector(".task-status").textContent = t.status || "";
      row.querySelector(".task-attempt").textContent = t.attempt;
    });
    events.addEventListener("log", function (e) {
      const line = JSON.parse(e.data);
      const li = document.createElement("li");
      li.dataset.seq = line.seq;
      [["log-time", line.time], ["log-where", line.where], ["log-level", line.level], ["log-text", line.message]].forEach(function (part, i) {
        if (i > 0) {
          li.appendChild(document.createTextNode(" "));
        }
        const span = document.createElement("span");
        span.className = part[0];
        span.textContent = part[1];
        li.appendChild(span);
      });
      li.hidden = !matches(li);
      const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
      log.appendChild(li);
      log.dataset.last = line.seq;
      while (log.children.length > maxLines) {
        log.removeChild(log.firstElementChild);
      }
      if (atBottom) {
        log.scrollTop = log.scrollHeight;
      }
    });
    events.addEventListener("gone", function () { events.close(); });
  }

  // The list re-reads its own page (same filters, same page) and swaps the live part: new jobs appear, states and
  // durations change, and the boxes ticked for comparison stay ticked. Not while focus is inside it, so a keyboard
  // user's place is never taken away.
  function refreshJobs(live) {
    function tick() {
      if (live.contains(document.activeElement)) {
        return;
      }
      fetch(location.href, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "text/html" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null || live.contains(document.activeElement)) {
            return;
          }
          const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("jobs-live");
          if (!fresh) {
            return;
          }
          const ticked = Array.from(live.querySelectorAll("input[name='jobs']:checked")).map(function (c) { return c.value; });
          live.replaceChildren.apply(live, Array.from(fresh.childNodes).map(function (n) { return document.importNode(n, true); }));
          live.querySelectorAll("input[name='jobs']").forEach(function (c) { c.checked = ticked.includes(c.value); });
        })
        .catch(function () { /* the next tick tries again */ });
    }
    setInterval(tick, 2000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    const job = document.getElementById("job");
    if (job && job.dataset.eventsUrl) {
      followJob(job);
    }
    const jobs = document.getElementById("jobs-live");
    if (jobs) {
      refreshJobs(jobs);
    }
  });
})();
