// A table filtered by a keyword, with CSV and Excel downloads of the same selection: the fact sheet and the
// penalty table pages share it. The page /<name> shows the rows of /api/<name> in the table whose id is <name>.
"use strict";

window.ui.keywordTable = function (name, {row, unit, noun, empty}) {
  const {api, param} = window.ui;
  const form = document.getElementById("filter");
  const keyword = document.getElementById("keyword");
  const count = document.getElementById("count");
  const body = document.querySelector("#" + name + " tbody");

  // The downloads and the address bar follow the filter, so a shared link or a download is what is on screen.
  function follow(query) {
    document.getElementById("csv").setAttribute("href", "/api/" + name + ".csv" + query);
    document.getElementById("xlsx").setAttribute("href", "/api/" + name + ".xlsx" + query);
    history.replaceState(null, "", "/" + name + query);
  }

  function summary(n, q) {
    if (n) return "共 " + n + " " + unit + (q ? "（关键词：" + q + "）" : "");
    return q ? "没有找到与“" + q + "”相关的" + noun + "。" : empty;
  }

  async function load(q) {
    const query = q ? "?q=" + encodeURIComponent(q) : "";
    follow(query);
    count.textContent = "正在载入…";
    try {
      const data = await api("/api/" + name + query);
      body.replaceChildren(...data[name].map(row));
      count.textContent = summary(data.count, q);
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
};
