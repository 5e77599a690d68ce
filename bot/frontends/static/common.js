// Shared helpers for every page. All report and user text goes into the page as text nodes, never as HTML.
"use strict";

window.ui = (function () {
  // el("p", {class: "x"}, "text", node, ...): strings become text nodes, so nothing in them is ever parsed as HTML.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // The sentence split around its figure, the figure in <strong>, as the Telegram answer shows it in bold.
  function figureNodes(sentence, figure) {
    const at = figure ? sentence.indexOf(figure) : -1;
    if (at < 0) return [document.createTextNode(sentence)];
    return [
      document.createTextNode(sentence.slice(0, at)),
      el("strong", {class: "figure"}, figure),
      document.createTextNode(sentence.slice(at + figure.length)),
    ];
  }

  function errorText(data, status) {
    const error = data && data.error;
    if (typeof error === "string") return error;
    if (error && typeof error.message === "string") return error.message;
    return "出错了（" + status + "），请稍后再试。";
  }

  // JSON in, JSON out; a 401 sends the browser to the login form and back here afterwards.
  async function api(path, options) {
    const init = {method: "GET", headers: {"Accept": "application/json"}, credentials: "same-origin"};
    if (options && options.body !== undefined) {
      init.method = "POST";
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (err) {
      throw new Error("无法连接服务器，请检查网络后重试。");
    }
    if (response.status === 401) {
      location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search);
      throw new Error("需要登录。");
    }
    let data = null;
    try { data = await response.json(); } catch (err) { data = null; }
    if (!response.ok) throw new Error(errorText(data, response.status));
    return data;
  }

  function param(name) {
    return new URLSearchParams(location.search).get(name) || "";
  }

  return {el, figureNodes, api, param};
})();
