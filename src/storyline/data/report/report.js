// report.html's script: paged, filtered lists built from <template> rows; an article's full view
// cloned in when opened (from a link, an evidence link or the address's #a-… / #ev-…); charts drawn
// from their JSON once the shared chart script has loaded.  Text is only ever moved or cloned as
// nodes the server escaped, never assembled into HTML here.
(function () {
  "use strict";
  var SIZES = {timeline: 25, stances: 25, articles: 20};
  var filters = {q: "", outlet: "", actor: "", type: "", from: "", to: ""};
  var tables = [];
  var texts = {};

  function byId(id) { return document.getElementById(id); }

  function articleText(id) {
    if (!(id in texts)) {
      var tpl = byId("art-" + id);
      texts[id] = tpl ? tpl.content.textContent.toLowerCase() : "";
    }
    return texts[id];
  }

  function matches(row, key, want) {
    if (!want || !row.hasAttribute("data-" + key)) return true;
    var values = row.getAttribute("data-" + key).toLowerCase().split("|");
    for (var i = 0; i < values.length; i++) if (values[i] && values[i].indexOf(want) >= 0) return true;
    return false;
  }

  function keep(row) {
    if (!matches(row, "outlets", filters.outlet) || !matches(row, "actors", filters.actor) ||
        !matches(row, "types", filters.type)) return false;
    if ((filters.from || filters.to) && row.hasAttribute("data-date")) {
      var d = row.getAttribute("data-date");
      if (!d || (filters.from && d.slice(0, filters.from.length) < filters.from) ||
          (filters.to && d.slice(0, filters.to.length) > filters.to)) return false;
    }
    if (filters.q) {
      var text = row.textContent.toLowerCase();
      if (text.indexOf(filters.q) < 0 && !(row.hasAttribute("data-id") &&
          articleText(row.getAttribute("data-id")).indexOf(filters.q) >= 0)) return false;
    }
    return true;
  }

  function Paged(name) {
    var tpl = byId(name + "-data");
    this.rows = Array.prototype.slice.call(tpl.content.children);
    this.body = byId(name + "-rows");
    this.pager = byId(name + "-pager");
    this.size = SIZES[name] || 25;
    this.page = 0;
    this.shown = this.rows;
  }
  Paged.prototype.filter = function () { this.shown = this.rows.filter(keep); this.page = 0; this.draw(); };
  Paged.prototype.draw = function () {
    var pages = Math.max(1, Math.ceil(this.shown.length / this.size));
    this.page = Math.min(Math.max(this.page, 0), pages - 1);
    var first = this.page * this.size;
    this.body.replaceChildren.apply(this.body, this.shown.slice(first, first + this.size));
    var self = this, bar = this.pager;
    bar.replaceChildren();
    function button(label, to) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = label; b.disabled = to < 0 || to >= pages || to === self.page;
      b.onclick = function () { self.page = to; self.draw(); };
      bar.appendChild(b);
    }
    button("«", 0); button("‹", this.page - 1);
    var span = document.createElement("span");
    span.textContent = this.shown.length ? (first + 1) + "–" + Math.min(first + this.size, this.shown.length) +
      " of " + this.shown.length + (this.shown.length < this.rows.length ? " (filtered from " + this.rows.length + ")" : "")
      : "nothing matches the filters";
    bar.appendChild(span);
    button("›", this.page + 1); button("»", pages - 1);
  };

  function openArticle(id, target) {
    var tpl = byId("art-" + id), view = byId("article-view");
    if (!tpl) return;
    view.replaceChildren(tpl.content.cloneNode(true));
    var close = document.createElement("button");
    close.type = "button"; close.textContent = "close article";
    close.onclick = function () { view.replaceChildren(); };
    view.insertBefore(close, view.firstChild);
    var el = (target && byId(target)) || byId("a-" + id);
    if (target) {
      var marks = view.querySelectorAll("mark[data-ev]");
      for (var i = 0; i < marks.length; i++) {
        if (marks[i].getAttribute("data-ev").split(" ").indexOf(target.slice(3)) >= 0) marks[i].classList.add("target");
      }
    }
    if (el) { el.classList.add("target"); el.scrollIntoView(); }
  }

  function route() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("a-") === 0) return openArticle(hash.slice(2), null);
    if (hash.indexOf("ev-") !== 0) return;
    var tpls = document.querySelectorAll("template.article-tpl");
    for (var i = 0; i < tpls.length; i++) {
      if (tpls[i].content.getElementById(hash)) return openArticle(tpls[i].id.slice(4), hash);
    }
  }

  function drawCharts() {
    var blocks = document.querySelectorAll("script.chart-data");
    for (var i = 0; i < blocks.length; i++) {
      var div = byId(blocks[i].getAttribute("data-for"));
      if (!window.Plotly) { div.textContent = "(chart script plotly.min.js not found beside this report)"; continue; }
      var fig = JSON.parse(blocks[i].textContent);
      window.Plotly.newPlot(div, fig.data, fig.layout, {displaylogo: false, responsive: true});
    }
  }

  // The chart script (one file beside the report) is loaded when the charts come near the view.
  function lazyCharts() {
    var first = document.querySelector("div.chart"), main = document.querySelector("main");
    var src = main.getAttribute("data-chart-script");
    if (!first || !src) return;
    var started = false;
    function load() {
      if (started) return;
      started = true;
      var s = document.createElement("script");
      s.src = src; s.onload = drawCharts; s.onerror = drawCharts;
      document.head.appendChild(s);
    }
    if (!("IntersectionObserver" in window)) return load();
    new IntersectionObserver(function (seen, observer) {
      if (seen.some(function (e) { return e.isIntersecting; })) { observer.disconnect(); load(); }
    }, {rootMargin: "400px"}).observe(first);
  }

  function onFilter() {
    filters.q = byId("f-q").value.trim().toLowerCase();
    ["outlet", "actor", "type", "from", "to"].forEach(function (k) {
      filters[k] = byId("f-" + k).value.trim().toLowerCase();
    });
    tables.forEach(function (t) { t.filter(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    ["timeline", "stances", "articles"].forEach(function (name) {
      if (byId(name + "-data")) { var t = new Paged(name); tables.push(t); t.draw(); }
    });
    var timer = null;
    byId("filters").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(onFilter, 150); });
    byId("filters").addEventListener("reset", function () { setTimeout(onFilter, 0); });
    window.addEventListener("hashchange", route);
    route();
    lazyCharts();
  });
})();
