"""The penalty table end to end on two real regulations (tests/conftest.py TWO_REGULATIONS) ingested with the real model:
extraction into the build, the CLI contract, the web API, Telegram /penalties over the loopback Bot API, the quiz."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from bot.config import ROOT
from bot.frontends.web import create_app
from bot.ingest.pipeline import ingest
from bot.penalty_sheet import COLUMNS
from bot.qlog import QuestionLog
from bot.quiz import check, items_of, select
from bot.store import load_index
from tests.botapi_stub import BotAPIStub, running

GREENING = "南阳市城市绿化条例"
ALLOWED = 1001


@pytest.fixture(scope="module")
def index(regulations_config):
    return load_index(regulations_config.index_dir)


def rows_of(index, title):
    return [p for p in index.penalties if p.title == title]


def test_the_build_holds_the_penalty_table_of_each_regulation(index, regulations_config):
    assert (index.path / "penalties.jsonl").is_file()
    greening = rows_of(index, GREENING)
    assert len(greening) >= 20 and sum(1 for p in greening if any(f.has_range for f in p.fines)) >= 15
    [trees] = [p for p in greening if "擅自砍伐、移植城市树木" in p.behaviour]
    [fine] = [f for f in trees.fines if f.has_range]
    assert (fine.low, fine.high, fine.unit, fine.per) == (1000, 10000, "元", "每株")
    assert trees.citation == f"《{GREENING}》第三十六条第三项" and trees.duty == "第二十六条"
    # A penalty item that only names duty items ("违反第六项规定的") gets the duty item's own words.
    followed = [p for p in greening if p.behaviour.startswith("违反第二十九条")]
    assert len(followed) >= 6 and all("：" in p.behaviour and len(p.behaviour) > 12 for p in followed)
    # The national regulation sets no amounts: its rows carry 警告/罚款 without a range, nothing invented.
    national = rows_of(index, "城市市容和环境卫生管理条例")
    assert len(national) >= 10 and not any(f.has_range for p in national for f in p.fines)
    assert all(p.source != "许昌市城市管理局2023年法治政府建设情况报告.txt" for p in index.penalties)
    assert regulations_config.index_dir.joinpath("CURRENT").is_file()
    assert index.manifest["counts"]["penalties"] == len(index.penalties)


def test_re_ingesting_unchanged_files_keeps_the_table(regulations_config, index):
    report = ingest(regulations_config, show_progress=False)
    assert not report.changed and report.embedded == 0
    again = load_index(regulations_config.index_dir)
    assert [p.to_json() for p in again.penalties] == [p.to_json() for p in index.penalties]


def bot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_cli_json_csv_and_xlsx(regulations_config, tmp_path):
    where = ["--index", str(regulations_config.index_dir)]
    result = bot("facts", "--penalties", "砍伐", "--json", *where)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all("砍伐" in r["behaviour"] or "砍伐" in json.dumps(r, ensure_ascii=False) for r in rows)
    assert {"behaviour", "measures", "article", "item", "citation", "title", "id"} <= set(rows[0])
    assert any(m["per"] == "每株" and m["low"] == 1000 for r in rows for m in r["measures"])
    text = bot("facts", "--penalties", "砍伐", *where)
    assert text.returncode == 0 and f"《{GREENING}》罚则" in text.stdout and "第三十六条第三项" in text.stdout
    csv_path, xlsx_path = tmp_path / "p.csv", tmp_path / "p.xlsx"
    exported = bot("facts", "--penalties", "--csv", str(csv_path), "--xlsx", str(xlsx_path), *where)
    assert exported.returncode == 0 and "wrote" in exported.stderr
    lines = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert lines[0] == COLUMNS and len(lines) > 30
    sheet = load_workbook(xlsx_path).active
    header = [c.value for c in sheet[1]]
    assert header == COLUMNS and sheet.max_row == len(lines)
    low = header.index("罚款下限")
    assert any(isinstance(row[low], int) for row in sheet.iter_rows(min_row=2, values_only=True))
    missing = bot("facts", "--penalties", "没有这种行为xyz", *where)
    assert missing.returncode == 1 and "没有找到" in missing.stderr


@pytest.fixture(scope="module")
def client(regulations_engine, regulations_config, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("penalties-web")
    cfg = regulations_config.with_overrides(data_dir=tmp / "data")
    with TestClient(create_app(regulations_engine, QuestionLog(tmp / "q.sqlite3"), cfg)) as c:
        yield c


def test_web_api_page_and_downloads(client):
    data = client.get("/api/penalties", params={"q": "古树名木"}).json()
    assert data["count"] == len(data["penalties"]) >= 2
    assert all("古树名木" in json.dumps(p, ensure_ascii=False) for p in data["penalties"])
    assert any("每株" in s for p in data["penalties"] for s in p["summary"])
    assert client.get("/api/penalties").json()["count"] > data["count"]
    assert client.get("/api/penalties", params={"q": "x" * 101}).status_code == 422
    page = client.get("/penalties")
    assert page.status_code == 200 and "罚则一览" in page.text
    xlsx = client.get("/api/penalties.xlsx", params={"q": "砍伐"})
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]
    assert load_workbook(io.BytesIO(xlsx.content)).active.max_row >= 2
    assert client.get("/api/penalties.csv").text.lstrip("\ufeff").startswith(",".join(COLUMNS))


def test_quiz_draws_on_the_penalty_table(index, client):
    items = [i for i in items_of(index) if i.topic == "罚则"]
    assert items, "no quiz questions from the penalty table"
    trees = next(i for i in items if "擅自砍伐、移植城市树木" in i.prompt)
    assert "每株" in trees.prompt and trees.answer == "一千元以上一万元以下" and len(set(trees.options)) == 4
    assert check(trees, trees.answer) and not check(trees, next(o for o in trees.options if o != trees.answer))
    assert trees in select(items_of(index), "砍伐")
    question = client.get("/api/quiz/next", params={"user": "officer", "topic": "移植城市树木"}).json()
    assert question["kind"] == "choice" and question["prompt"].endswith("罚款幅度是？")
    verdict = client.post("/api/quiz/answer", json={"user": "officer", "id": question["id"],
                                                    "reply": question["options"].index(trees.answer)
                                                    if question["id"] == trees.id else 0}).json()
    assert "correct" in verdict and "出处" in verdict["text"]


def test_telegram_penalties_lists_rows_and_sends_the_workbook(regulations_engine, regulations_config, tmp_path):
    from bot.frontends.telegram_bot import TelegramBot

    with BotAPIStub() as stub:
        cfg = regulations_config.with_overrides(
            telegram_token=stub.token, telegram_base_url=stub.base_url, telegram_allowed_ids=(str(ALLOWED),),
            data_dir=tmp_path / "data")
        bot_ = TelegramBot(cfg, regulations_engine, QuestionLog(tmp_path / "q.sqlite3"))

        async def scenario():
            async with running(bot_.build()):
                stub.push_message("/penalties 砍伐", user_id=ALLOWED)
                await stub.wait_calls("sendDocument", count=1, timeout=30)
                text = "\n".join(stub.sent_texts(ALLOWED))
                assert "擅自砍伐、移植城市树木" in text and "每株1,000–10,000元" in text
                [doc] = stub.calls("sendDocument")
                assert doc.files
                before = len(stub.sent_texts(ALLOWED))
                stub.push_message("/penalties 没有这种行为xyz", user_id=ALLOWED)
                await stub.wait_messages(chat_id=ALLOWED, count=before + 1, timeout=30)
                assert "没有找到" in stub.sent_texts(ALLOWED)[-1]

        asyncio.run(asyncio.wait_for(scenario(), 60))
        assert stub.rejected() == []
