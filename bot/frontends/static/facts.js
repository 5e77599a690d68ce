// The fact sheet page: every figure of the reports, filtered by a keyword, with spreadsheet downloads.
"use strict";

(function () {
  const {el, figureNodes, api, param} = window.ui;
  const form = document.getElementById("filter");
  const keyword = document.getElementById("keyword");
  const count = document.getElementById("count");
  const body = document.querySelector("#facts tbody");

  function row(fact) {
    return el("tr", {},
      el("td", {}, fact.label),
      el("td", {class: "num"}, el("strong", {class: "figure"}, fact.figure)),
      el("td", {}, fact.year || fact.doc_year || ""),
      el("td", {},
        el("div", {}, figureNodes(fact.sentence, fact.figure)),
        el("div", {class: "where"}, fact.title + (fact.section ? " › " + fact.section : ""))));
  }

  async function load(q) {
    const query = q ? "?q=" + encodeURIComponent(q) : "";
    document.getElementById("csv").setAttribute("href", "/api/facts.csv" + query);
    document.getElementById("xlsx").setAttribute("href", "/api/facts.xlsx" + query);
    history.replaceState(null, "", "/facts" + query);
    count.textContent = "正在载入…";
    try {
      const data = await api("/api/facts" + query);
      body.replaceChildren(...data.facts.map(row));
      count.textContent = data.count ? "共 " + data.count + " 个数字" + (q ? "（关键词：" + q + "）" : "")
                                     : (q ? "没有找到与“" + q + "”相关的数字。" : "索引中没有数字。");
    } catch (err) {
      count.textContent = err.message;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load(keyword.value.trim());
  });

  keyword.value = param("q");
  load(keyword.value.trim());
  keyword.focus();
})();
