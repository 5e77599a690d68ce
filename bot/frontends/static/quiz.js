// The quiz page: one question at a time for a named user; answers are checked and scored on the server.
"use strict";

(function () {
  const {el, api, figureNodes} = window.ui;
  const start = document.getElementById("start");
  const user = document.getElementById("user");
  const topic = document.getElementById("topic");
  const questionBox = document.getElementById("question");
  const resultBox = document.getElementById("result");
  const scoreLine = document.getElementById("score");

  function scoreText(s) {
    if (!s.answered) return "还没有答题记录。";
    const lines = ["已答 " + s.answered + " 题，答对 " + s.correct + " 题（" + Math.round(s.accuracy * 100) + "%）；当前连对 "
                   + s.streak + " 题，最佳 " + s.best_streak + " 题。",
                   "进度：已练 " + s.seen + (s.total ? "/" + s.total : "") + " 题，已掌握 " + s.mastered + " 题，待复习 " + s.due + " 题。"];
    for (const [name, r] of Object.entries(s.topics || {})) lines.push("· " + (name || "其他") + "：" + r.correct + "/" + r.answered);
    return lines.join("\n");
  }

  async function refreshScore() {
    try {
      scoreLine.textContent = scoreText(await api("/api/quiz/score?user=" + encodeURIComponent(user.value.trim())));
    } catch (err) {
      scoreLine.textContent = err.message;
    }
  }

  function clozeForm(item) {
    const field = el("input", {type: "text", inputmode: "decimal", maxlength: "50", placeholder: "填写数字，回车提交",
                               "aria-label": "答案"});
    const form = el("form", {class: "toolbar"}, el("div", {class: "field"}, field), el("button", {type: "submit", class: "primary"}, "提交"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (field.value.trim()) answer(item, field.value.trim());
    });
    setTimeout(() => field.focus(), 0);
    return form;
  }

  function choiceButtons(item) {
    const box = el("div", {class: "options"});
    item.options.forEach((option, n) => {
      const b = el("button", {type: "button"}, String.fromCharCode(65 + n) + ". " + option);
      b.addEventListener("click", () => answer(item, n));
      box.append(b);
    });
    setTimeout(() => box.querySelector("button").focus(), 0);
    return box;
  }

  function showQuestion(item) {
    questionBox.replaceChildren(
      el("p", {class: "where"}, "【" + (item.topic || "报告") + "】" + item.label),
      el("p", {class: "prompt"}, item.prompt),
      el("p", {class: "label"}, item.kind === "choice" ? "请选择正确的数字：" : "请填写空格处的数字："),
      item.kind === "choice" ? choiceButtons(item) : clozeForm(item));
    questionBox.hidden = false;
    resultBox.hidden = true;
  }

  async function next() {
    try {
      const query = "?user=" + encodeURIComponent(user.value.trim()) + "&topic=" + encodeURIComponent(topic.value.trim());
      showQuestion(await api("/api/quiz/next" + query));
    } catch (err) {
      questionBox.replaceChildren(el("p", {class: "error"}, err.message));
      questionBox.hidden = false;
    }
  }

  async function answer(item, reply) {
    for (const b of questionBox.querySelectorAll("button, input")) b.disabled = true;
    try {
      const v = await api("/api/quiz/answer", {body: {user: user.value.trim(), id: item.id, reply: reply}});
      const nextButton = el("button", {type: "button", class: "primary"}, "下一题");
      nextButton.addEventListener("click", next);
      resultBox.replaceChildren(
        el("p", {class: "verdict " + (v.correct ? "right" : "wrong")}, v.correct ? "✅ 回答正确：" + v.figure : "❌ 回答错误，正确答案是 " + v.figure),
        el("p", {}, "原文：", figureNodes(v.sentence, v.figure)),
        el("p", {class: "source"}, "出处：" + v.title + (v.section ? " › " + v.section : "")),
        nextButton);
      resultBox.hidden = false;
      scoreLine.textContent = scoreText(v.score);
      nextButton.focus();
    } catch (err) {
      resultBox.replaceChildren(el("p", {class: "error"}, err.message));
      resultBox.hidden = false;
    }
  }

  start.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!user.value.trim()) return user.focus();
    localStorage.setItem("quiz-user", user.value.trim());
    refreshScore();
    next();
  });

  user.value = localStorage.getItem("quiz-user") || "";
  if (user.value) refreshScore();
  (user.value ? topic : user).focus();
})();
