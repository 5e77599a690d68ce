// The chat page: ask, render the answer like the Telegram bot does, more passages, whole section, feedback.
"use strict";

(function () {
  const {el, figureNodes, api, param} = window.ui;
  const conversation = document.getElementById("conversation");
  const welcome = document.getElementById("welcome");
  const form = document.getElementById("ask");
  const input = document.getElementById("question");
  const newButton = document.getElementById("new-conversation");

  // One conversation per browser tab session: follow-ups ("那罚款呢？") are read against the questions before.
  function freshId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }
  let conversationId = sessionStorage.getItem("conversation") || freshId();
  sessionStorage.setItem("conversation", conversationId);

  function show(node) {
    conversation.append(node);
    node.scrollIntoView({block: "end", behavior: "smooth"});
    return node;
  }

  function shareLink(question) {
    return "/?q=" + encodeURIComponent(question);
  }

  function sourceLine(doc, section) {
    return el("p", {class: "source"}, "📍 ", el("span", {class: "doc"}, doc),
              section ? el("span", {class: "section"}, section) : null);
  }

  // The document first: with several regulations indexed, each has its "第四章 法律责任" (Passage.where).
  function where(passage) {
    return passage.doc && passage.section ? passage.doc + " > " + passage.section : passage.section || passage.doc;
  }

  // `caption` false: the source line above already names this passage's section.
  function passageBlock(passage, number, caption = true) {
    return el("figure", {class: "passage"},
      caption ? el("figcaption", {}, number ? number + ". " : "", where(passage)) : null,
      el("blockquote", {}, passage.text));
  }

  function understood(data) {
    if (!data.understood_as) return null;
    const english = /^[\x00-\x7F]*$/.test(data.question);
    return el("p", {class: "understood"}, (english ? "Understood as: " : "理解为：") + data.understood_as);
  }

  function answerBody(data) {
    return [understood(data), answerParts(data)];
  }

  function answerParts(data) {
    if (data.found) {
      const english = /^[\x00-\x7F]*$/.test(data.question);
      return [
        el("p", {class: "sentence"}, "💡 ", figureNodes(data.sentence, data.figure)),
        sourceLine(data.doc, data.section),
        data.passages.length ? el("p", {class: "label"}, english ? "Passage：" : "原文段落：") : null,
        data.passages.length ? passageBlock(data.passages[0], 0, data.passages[0].section !== data.section) : null,
      ];
    }
    const related = data.notice === "bad input" ? [] : data.passages.slice(0, 2);
    return [
      el("p", {class: "notice"}, data.answer.replace(/\*\*/g, "")),
      related.length ? el("p", {class: "label"}, "相关段落：") : null,
      related.map((p) => passageBlock(p)),
    ];
  }

  function button(text, action, handler) {
    const node = el("button", {type: "button", class: "action", "data-action": action}, text);
    node.addEventListener("click", () => handler(node));
    return node;
  }

  function actions(data, card) {
    const bar = el("div", {class: "actions"});
    const shown = data.found ? 1 : 2;
    if (data.notice !== "bad input" && data.passages.length > shown) {
      bar.append(button("更多段落", "more", (b) => morePassages(data, card, b, shown)));
    }
    if (data.notice !== "bad input" && data.passages.length) {
      bar.append(button("整节原文", "section", (b) => wholeSection(data, card, b)));
    }
    if (data.notice !== "bad input") {
      bar.append(button("👍 有用", "up", (b) => vote(data, bar, b, 1)));
      bar.append(button("👎 没用", "down", (b) => vote(data, bar, b, -1)));
    }
    bar.append(el("a", {class: "share", href: shareLink(data.question), title: "可复制这个链接分享给同事"}, "🔗 分享链接"));
    return bar;
  }

  async function run(buttonNode, card, work) {
    buttonNode.disabled = true;
    try {
      await work();
    } catch (err) {
      card.append(el("p", {class: "error"}, err.message));
      buttonNode.disabled = false;
    }
  }

  function morePassages(data, card, node, shown) {
    return run(node, card, async () => {
      const result = await api("/api/answers/" + data.id + "/passages");
      const rest = result.passages.slice(shown);
      const box = el("div", {class: "more"}, rest.length ? rest.map((p, n) => passageBlock(p, shown + n + 1)) : "没有更多段落了。");
      card.insertBefore(box, card.querySelector(".actions"));
      node.hidden = true;
    });
  }

  function wholeSection(data, card, node) {
    return run(node, card, async () => {
      const result = await api("/api/answers/" + data.id + "/section");
      const box = el("section", {class: "whole"}, el("h3", {}, "📖 ", result.section || result.doc),
                     el("div", {class: "section-text"}, result.text));
      card.insertBefore(box, card.querySelector(".actions"));
      node.hidden = true;
    });
  }

  function vote(data, bar, node, value) {
    return run(node, bar, async () => {
      await api("/api/answers/" + data.id + "/feedback", {body: {value: value}});
      for (const b of bar.querySelectorAll("[data-action=up], [data-action=down]")) {
        b.disabled = true;
        b.setAttribute("aria-pressed", String(b === node));
      }
      if (!bar.querySelector(".thanks")) bar.insertBefore(el("span", {class: "thanks", role: "status"}, "谢谢反馈！"), bar.querySelector(".share"));
    });
  }

  async function ask(question) {
    question = question.trim();
    if (!question) {
      input.focus();
      return;
    }
    welcome.hidden = true;
    history.replaceState(null, "", shareLink(question));
    const asked = show(el("div", {class: "bubble user"}, question));
    const pending = show(el("div", {class: "bubble bot pending", role: "status"}, "正在查找…"));
    let card;
    try {
      const data = await api("/api/chat", {body: {question: question, conversation: conversationId}});
      card = el("article", {class: "bubble bot answer", "data-found": String(data.found), "data-id": data.id,
                            "data-kind": data.kind}, answerBody(data));
      if (data.kind !== "smalltalk") card.append(actions(data, card));
    } catch (err) {
      card = el("div", {class: "bubble bot error"}, err.message);
    }
    pending.replaceWith(card);
    // Read from the top: the question, then the answer, even when the answer is longer than the screen.
    asked.scrollIntoView({block: "start", behavior: "smooth"});
  }

  // "新对话": the server forgets this conversation and the page starts a new one.
  newButton.addEventListener("click", async () => {
    const old = conversationId;
    conversationId = freshId();
    sessionStorage.setItem("conversation", conversationId);
    for (const node of [...conversation.children]) if (node !== welcome) node.remove();
    welcome.hidden = false;
    history.replaceState(null, "", "/");
    input.focus();
    try {
      await api("/api/conversations/new", {body: {conversation: old}});
    } catch (err) {
      // the old thread also expires on its own; the new id already starts afresh
    }
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value;
    input.value = "";
    ask(question);
    input.focus();
  });

  for (const example of document.querySelectorAll(".example")) {
    example.addEventListener("click", () => ask(example.textContent));
  }

  // Keyboard first: "/" jumps to the question box from anywhere, Escape clears it.
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && document.activeElement !== input && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      input.focus();
    } else if (event.key === "Escape" && document.activeElement === input) {
      input.value = "";
    }
  });

  // A shared link /?q=… asks its question as soon as the page opens.
  const shared = param("q");
  if (shared) ask(shared);
  input.focus();
})();
