// Draws every chart whose figure the server embedded with json_script. No inline code, so the page keeps a
// Content-Security-Policy without 'unsafe-inline' for scripts. Without JavaScript the tables below each chart
// carry the same numbers.
//
// Pages whose charts are all drawn on the server too (the profile, its embed) do not load plotly with the page:
// its ~300 KB are most of a first visit on a phone, for a chart most visitors only look at. This script then
// finds plotly's address on its own tag (data-plotly) and loads it when the person presses a chart's "explore"
// button, or, on a wide screen, once the page is idle. A page with a chart the server did not draw (the
// comparison, the overview) loads it at once.
(function () {
  "use strict";
  var WIDE_SCREEN = "(min-width: 1024px)";
  var IDLE_TIMEOUT_MS = 2000;
  var script = document.currentScript;
  var plotlyUrl = script && script.getAttribute("data-plotly");
  var loading = null;
  var asked = false;

  function draw() {
    document.querySelectorAll("[data-chart]").forEach(function (container) {
      var source = document.getElementById(container.getAttribute("data-chart"));
      if (!source || container.hasAttribute("data-chart-drawing")) {
        return;
      }
      var figure = JSON.parse(source.textContent);
      // Plotly draws into a box of its own, first in the container; the server-drawn SVG and its legend stay
      // after it, hidden on screen once drawn, for paper: plotly keeps the screen's width when printed.
      var target = document.createElement("div");
      target.className = "chart-plotly";
      container.insertBefore(target, container.firstChild);
      container.setAttribute("data-chart-drawing", "");
      window.Plotly.newPlot(target, figure.data, figure.layout, {
        responsive: true,
        displayModeBar: false,
        scrollZoom: false,
      }).then(function () {
        container.setAttribute("data-chart-drawn", "");
        // The pressed button is gone: keyboard focus goes to the chart it asked for, not to the page's start.
        if (asked) {
          container.setAttribute("tabindex", "-1");
          container.focus();
          asked = false;
        }
      });
    });
    document.querySelectorAll("[data-chart-explore]").forEach(function (button) {
      button.hidden = true;
    });
  }

  function buttons() {
    return document.querySelectorAll("[data-chart-explore]");
  }

  // One load of plotly whatever asks for it (a button, the idle wide screen, both).
  function load() {
    if (window.Plotly) {
      draw();
      return;
    }
    if (loading) {
      return;
    }
    loading = document.createElement("script");
    loading.src = plotlyUrl;
    loading.async = true;
    loading.onload = draw;
    loading.onerror = function () {
      document.head.removeChild(loading);
      loading = null;
      buttons().forEach(function (button) {
        button.disabled = false;
        button.textContent = button.getAttribute("data-retry");
      });
    };
    document.head.appendChild(loading);
  }

  if (window.Plotly) {
    draw();
    return;
  }
  if (!plotlyUrl) {
    return;
  }
  if (document.querySelector("[data-chart]:not(.chart-with-svg)")) {
    load();
    return;
  }
  buttons().forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      asked = true;
      buttons().forEach(function (each) {
        each.disabled = true;
        each.textContent = each.getAttribute("data-loading");
      });
      load();
    });
  });
  if (window.matchMedia && window.matchMedia(WIDE_SCREEN).matches) {
    var whenIdle = function () {
      if (window.requestIdleCallback) {
        window.requestIdleCallback(load, { timeout: IDLE_TIMEOUT_MS });
      } else {
        window.setTimeout(load, 1);
      }
    };
    if (document.readyState === "complete") {
      whenIdle();
    } else {
      window.addEventListener("load", whenIdle);
    }
  }
})();
