// Draws every chart whose figure the server embedded with json_script. No inline code, so the page keeps a
// Content-Security-Policy without 'unsafe-inline' for scripts. Without JavaScript the tables below each chart
// carry the same numbers.
(function () {
  "use strict";
  if (!window.Plotly) {
    return;
  }
  document.querySelectorAll("[data-chart]").forEach(function (container) {
    var source = document.getElementById(container.getAttribute("data-chart"));
    if (!source) {
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
    });
  });
})();
