// The penalty table page: behaviour -> measures -> article for every law and regulation, filtered by a keyword
// (table.js), with spreadsheet downloads.
"use strict";

(function () {
  const {el, keywordTable} = window.ui;

  function row(p) {
    return el("tr", {},
      el("td", {}, el("strong", {}, p.citation)),
      el("td", {},
        el("div", {}, p.behaviour),
        el("div", {class: "where"}, p.duty ? "违反 " + p.duty : ""),
        // a class of behaviour punished by name: what the duty article lists under it
        ...(p.listed && p.listed.length ? [el("ul", {class: "where"}, ...p.listed.map((b) => el("li", {}, b)))] : [])),
      el("td", {},
        el("ul", {}, ...p.summary.map((s) => el("li", {}, s))),
        el("div", {class: "where"}, p.sentence)));
  }

  keywordTable("penalties", {row, unit: "条罚则", noun: "罚则", empty: "索引中没有法律法规的罚则。"});
})();
