// cchc — live ratios and totals, unsaved input kept in localStorage, charts. No framework.
(function () {
  "use strict";

  // Numbers as the server reads them (cchc.numbers.parse_number): "1.902", "99,3", "1896".
  function parseVN(text) {
    var raw = String(text || "").trim().replace(/\s|\u00a0/g, "").replace(/%$/, "");
    var sign = raw.charAt(0) === "-" ? -1 : 1;
    var body = raw.replace(/^[+-]/, "");
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(body)) return sign * parseFloat(body.replace(/\./g, "").replace(",", "."));
    if (/^\d{1,3}(,\d{3})+\.\d+$/.test(body)) return sign * parseFloat(body.replace(/,/g, ""));
    if (/^\d+([.,]\d+)?$/.test(body)) return sign * parseFloat(body.replace(",", "."));
    return null;
  }
  function formatVN(value, decimals) {
    var fixed = Math.abs(value).toFixed(decimals).split(".");
    var whole = fixed[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (value < 0 ? "-" : "") + whole + (fixed[1] ? "," + fixed[1] : "");
  }
  function byDomId(id) { return document.getElementById("v-" + id); }

  function computeOne(input) {
    var parts = (input.dataset.parts || "").split(",").map(byDomId);
    var button = document.getElementById("calc-" + input.id.slice(2));
    if (!button) return;
    var nums = parts.map(function (p) { return p ? parseVN(p.value) : null; });
    var value = null;
    if (input.dataset.compute === "ratio") {
      if (nums[0] !== null && nums[1]) value = nums[0] / nums[1] * 100;
    } else if (nums.every(function (n) { return n !== null; })) {
      value = nums.reduce(function (a, b) { return a + b; }, 0);
    }
    if (value === null || input.disabled) { button.hidden = true; return; }
    var text = formatVN(value, input.dataset.compute === "ratio" ? 2 : 0);
    var typed = parseVN(input.value);
    button.hidden = false;
    button.dataset.value = text;
    button.textContent = "= " + text + (input.dataset.compute === "ratio" ? "%" : "") +
      (typed !== null && Math.abs(typed - value) > (input.dataset.compute === "ratio" ? 0.01 : 0.5) ? " (khác)" : "");
  }
  function computeAll() { document.querySelectorAll("[data-compute]").forEach(computeOne); }

  // Unsaved input survives a lost connection or a closed tab.
  var form = null, draftKey = null;
  function readDraft() { try { return JSON.parse(localStorage.getItem(draftKey) || "{}"); } catch (e) { return {}; } }
  function writeDraft(d) {
    try { Object.keys(d).length ? localStorage.setItem(draftKey, JSON.stringify(d)) : localStorage.removeItem(draftKey); } catch (e) { /* private mode */ }
  }
  var sent = {};
  // The report's version the page is based on (hidden "version" fields, one per form).
  function pageVersion() { var v = document.querySelector("input[name=version]"); return v ? v.value : null; }
  function setupDraft() {
    form = document.getElementById("editor");
    if (!form) return;
    draftKey = "cchc:draft:" + form.dataset.draftKey;
    form.addEventListener("input", function (ev) {
      var el = ev.target; if (!el.name || el.name === "csrf_token" || el.name === "version") return;
      var d = readDraft(); d[el.name] = el.value; d.__version = pageVersion(); writeDraft(d);
      el.classList.add("unsaved");
    });
    var restored = null, d = readDraft(), based = d.__version;
    delete d.__version;
    Object.keys(d).forEach(function (name) {
      var el = form.elements.namedItem(name);
      if (el && !el.disabled && el.value !== d[name]) { el.value = d[name]; el.classList.add("unsaved"); restored = el; }
    });
    if (!restored) return;
    var note = document.getElementById("autosave");
    if (based !== undefined && based !== pageVersion()) {
      // Someone saved the report since these were typed: show them, let the clerk decide.
      if (note) note.textContent = "Có số liệu bạn nhập chưa lưu (đánh dấu vàng) trong khi báo cáo đã được cập nhật; hãy kiểm tra rồi bấm «Lưu nháp».";
      return;
    }
    if (note) note.textContent = "Đã khôi phục số liệu chưa lưu từ lần trước; đang gửi lại…";
    setTimeout(function () { htmx.trigger(restored, "change"); }, 50);
  }
  document.addEventListener("htmx:beforeRequest", function (ev) {
    if (!form || !form.contains(ev.detail.elt)) return;
    sent = {}; Array.prototype.forEach.call(form.elements, function (el) { if (el.name) sent[el.name] = el.value; });
  });
  document.addEventListener("htmx:afterRequest", function (ev) {
    var net = document.getElementById("net");
    if (!ev.detail.successful) {
      if (net && !ev.detail.xhr.status) net.hidden = false;
      return;
    }
    if (net) net.hidden = true;
    var problem = document.getElementById("hx-error"); if (problem) problem.innerHTML = "";
    var tag = ev.detail.xhr.getResponseHeader("ETag");
    if (tag) document.querySelectorAll("input[name=version]").forEach(function (v) { v.value = tag.replace(/\D/g, ""); });
    if (!form || !form.contains(ev.detail.elt)) return;
    var d = readDraft();
    delete d.__version;
    Object.keys(d).forEach(function (name) {
      if (sent[name] === d[name]) {
        delete d[name];
        var el = form.elements.namedItem(name); if (el && el.classList) el.classList.remove("unsaved");
      }
    });
    if (Object.keys(d).length) d.__version = pageVersion();
    writeDraft(d);
    var note = document.getElementById("autosave");
    if (note) note.textContent = "Đã lưu lúc " + new Date().toLocaleTimeString("vi-VN");
  });
  document.addEventListener("htmx:sendError", function () {
    var net = document.getElementById("net"); if (net) net.hidden = false;
  });
  window.addEventListener("online", function () {
    if (!form) return;
    var d = readDraft(); delete d.__version;
    var name = Object.keys(d)[0];
    var el = name && form.elements.namedItem(name);
    if (el) htmx.trigger(el, "change");
  });

  // Live ratios, "fill in" buttons, jumping to a line in the review screen.
  document.addEventListener("input", function (ev) { if (ev.target.closest("#editor")) computeAll(); });
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest("button.calc");
    if (button) {
      var input = document.getElementById(button.dataset.for);
      if (input && !input.disabled) {
        input.value = button.dataset.value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        htmx.trigger(input, "change");
      }
      return;
    }
    var jump = ev.target.closest("a.jump");
    if (jump) {
      ev.preventDefault();
      var line = document.getElementById("L" + jump.dataset.line);
      document.querySelectorAll(".ln.focus").forEach(function (l) { l.classList.remove("focus"); });
      if (line) {
        line.classList.add("focus");
        var box = line.closest(".doc-text");
        if (box) box.scrollTop = line.offsetTop - box.clientHeight / 2;
      }
    }
  });

  // Behaviour declared in the markup (no inline script: the pages' CSP forbids it).
  document.addEventListener("submit", function (ev) {
    var text = ev.target.dataset && ev.target.dataset.confirm;
    if (text && !window.confirm(text)) ev.preventDefault();
  }, true);
  document.addEventListener("change", function (ev) {
    if (ev.target.matches && ev.target.matches("select[data-autosubmit]")) ev.target.form.submit();
  });
  document.addEventListener("input", function (ev) {  // typing a correction chooses "Sửa"
    var name = ev.target.dataset && ev.target.dataset.choose;
    if (!name || !ev.target.value) return;
    var radio = ev.target.form.querySelector('input[type=radio][value=correct][name="' + name + '"]');
    if (radio) radio.checked = true;
  });
  document.addEventListener("click", function (ev) {
    var back = ev.target.closest && ev.target.closest("a[data-back]");
    if (back && window.history.length > 1) { ev.preventDefault(); window.history.back(); }
  });

  function drawCharts() {
    if (typeof Chart === "undefined") return;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var points = JSON.parse(canvas.dataset.chart || "[]");
      var kind = canvas.dataset.kind;
      new Chart(canvas, {
        type: kind === "line" ? "line" : "bar",
        data: {
          labels: points.map(function (p) { return p.label; }),
          datasets: [{ data: points.map(function (p) { return p.value; }), backgroundColor: "#1f5fa3",
                       borderColor: "#1f5fa3", spanGaps: true, tension: 0.2 }]
        },
        options: {
          indexAxis: kind === "hbar" ? "y" : "x", animation: false, responsive: true, aspectRatio: 2.6,
          plugins: { legend: { display: false } },
          scales: kind === "hbar" ? { x: { min: 0, max: 100 } } : { y: { min: 0, max: 100 } }
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { computeAll(); setupDraft(); drawCharts(); });
})();
