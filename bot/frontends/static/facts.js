// The fact sheet page: every figure of the reports, filtered by a keyword (table.js), with spreadsheet downloads.
"use strict";

(function () {
  const {el, figureNodes, keywordTable} = window.ui;

  function row(fact) {
    return el("tr", {},
      el("td", {}, fact.label),
      el("td", {class: "num"}, el("strong", {class: "figure"}, fact.figure)),
      el("td", {}, fact.year || fact.doc_year || ""),
      el("td", {},
        el("div", {}, figureNodes(fact.sentence, fact.figure)),
        el("div", {class: "where"}, fact.title + (fact.section ? " › " + fact.section : ""))));
  }

  keywordTable("facts", {row, unit: "个数字", noun: "数字", empty: "索引中没有数字。"});
})();
