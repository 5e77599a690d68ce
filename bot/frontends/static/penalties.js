// The penalty table page: behaviour -> measures -> article for every law and regulation, filtered by a keyword.
"use strict";

(function () {
  const {el, api, param} = window.ui;
  const form = document.getElementById("filter");
  const keyword = document.getElementById("keyword");
  const count = document.getElementById("count");
  const body = document.querySelector("#penalties tbody");

  function row(p) {
    return el("tr", {},
      el("td", {}, el("strong", {}, p.citation)),
      el("td", {},
        el("div", {}, p.behaviour),
        el("div", {class: "where"}, p.duty ? "违反 " + p.duty : "")),
      el("td", {},
        el("ul", {}, ...p.summary.map((s) => el("li", {}, s))),
        el("div", {class: "where"}, p.sentence)));
  }

  async function load(q) {
    const query = q ? "?q=" + encodeURIComponent(q) : "";
    document.getElementById("csv").setAttribute("href", "/api/penalties.csv" + query);
    document.getElementById("xlsx").setAttribute("href", "/api/penalties.xlsx" + query);
    history.replaceState(null, "", "/penalties" + query);
    count.textContent = "正在载入…";
    try {
      const data = await api("/api/penalties" + query);
      body.replaceChildren(...data.penalties.map(row));
      count.textContent = data.count ? "共 " + data.count + " 条罚则" + (q ? "（关键词：" + q + "）" : "")
                                     : (q ? "没有找到与“" + q + "”相关的罚则。" : "索引中没有法律法规的罚则。");
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
