"""The web chat end to end in headless Chromium (Debian's chromium + chromium-driver) against a real uvicorn server."""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

from bot.frontends.web import create_app
from bot.qlog import QuestionLog

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=zh-CN"]
HOSTILE = "<img src=x onerror=\"window.__pwned=1\">"
WAIT = 30

if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    if os.environ.get("CI"):  # CI installs them (make browser-deps): a missing browser there is a failure
        pytest.fail(f"{CHROMIUM} / {CHROMEDRIVER} missing under CI: run `make browser-deps`", pytrace=False)
    pytest.skip("Chromium not installed: `make browser-deps` (apt-get install chromium chromium-driver fonts-noto-cjk)",
                allow_module_level=True)

from selenium import webdriver  # noqa: E402  (after the skip: selenium is useless without the browser)
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app) -> Iterator[str]:
    """uvicorn on a free loopback port in a background thread, for as long as the block runs; yields the base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(built_config, engine, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The web front-end served for this module; yields the base URL and the question log's path."""
    root = tmp_path_factory.mktemp("web")
    log_path = root / "questions.sqlite3"
    app = create_app(engine, QuestionLog(log_path), built_config.with_overrides(data_dir=root / "data"))
    with serving(app) as base:
        yield base, log_path


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator[webdriver.Chrome]:
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not try to download a driver
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium')}", "--window-size=1100,900"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT)
    yield driver
    driver.quit()


def wait(browser, css: str, count: int = 1):
    """The `count`-th element matching `css`, once it exists."""
    WebDriverWait(browser, WAIT).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, css)) >= count)
    return browser.find_elements(By.CSS_SELECTOR, css)[count - 1]


def ask(browser, question: str):
    """Type the question, press Enter, and return the answer card that appears for it."""
    before = len(browser.find_elements(By.CSS_SELECTOR, ".bubble.bot:not(.pending)"))
    box = browser.find_element(By.ID, "question")
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    return wait(browser, ".bubble.bot:not(.pending)", before + 1)


def no_script_ran(browser) -> bool:
    try:
        browser.switch_to.alert
        return False
    except NoAlertPresentException:
        return browser.execute_script("return window.__pwned === undefined")


def test_a_shared_link_answers_its_question_on_load(server, browser):
    base, _ = server
    browser.get(f"{base}/?q={quote('2023年共立案多少宗')}")
    card = wait(browser, ".answer[data-found=true]")
    assert "35" in card.text
    assert card.find_element(By.CSS_SELECTOR, ".sentence strong").text == "35宗"
    assert "严格规范执法" in card.find_element(By.CSS_SELECTOR, ".source").text
    assert "2023年共立案35宗" in card.find_element(By.CSS_SELECTOR, "blockquote").text


@pytest.mark.parametrize("question", ["2023年共立案多少宗？", "how many cases in 2023"])
def test_typing_a_question_and_pressing_enter_renders_the_answer(server, browser, question):
    base, _ = server
    browser.get(base + "/")
    assert browser.switch_to.active_element == browser.find_element(By.ID, "question")  # keyboard first
    card = ask(browser, question)
    assert card.get_attribute("data-found") == "true" and "35宗" in card.text
    assert browser.find_element(By.ID, "welcome").is_displayed() is False
    assert browser.execute_script("return location.search") == "?q=" + quote(question, safe="")


@pytest.mark.parametrize("how", ["typed", "link"])
def test_hostile_input_is_shown_as_text_and_runs_nothing(server, browser, how):
    base, _ = server
    if how == "typed":
        browser.get(base + "/")
        ask(browser, HOSTILE)
    else:
        browser.get(f"{base}/?q={quote(HOSTILE)}")
        wait(browser, ".bubble.bot:not(.pending)")
    assert browser.find_element(By.CSS_SELECTOR, ".bubble.user").text == HOSTILE
    assert browser.find_elements(By.CSS_SELECTOR, "#conversation img") == []
    assert no_script_ran(browser)


def test_more_passages_whole_section_and_feedback(server, browser):
    base, log_path = server
    browser.get(base + "/")
    card = ask(browser, "2023年共立案多少宗？")
    qid = int(card.get_attribute("data-id"))
    card.find_element(By.CSS_SELECTOR, "[data-action=more]").click()
    more = wait(browser, ".answer .more")
    assert len(more.find_elements(By.CSS_SELECTOR, "blockquote")) >= 1
    # each further passage names its document before its section (Passage.where)
    doc = card.find_element(By.CSS_SELECTOR, ".source .doc").text
    assert more.find_element(By.CSS_SELECTOR, "figcaption").text.split(". ", 1)[-1].startswith(doc + " > ")
    card.find_element(By.CSS_SELECTOR, "[data-action=section]").click()
    section = wait(browser, ".answer .whole")
    assert "严格规范执法" in section.find_element(By.TAG_NAME, "h3").text
    assert "2023年共立案35宗" in section.text
    card.find_element(By.CSS_SELECTOR, "[data-action=up]").click()
    WebDriverWait(browser, WAIT).until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, ".answer .thanks"), "谢谢反馈"))
    with sqlite3.connect(log_path) as db:
        assert db.execute("SELECT feedback FROM questions WHERE id = ?", (qid,)).fetchone()[0] == 1


def test_example_questions_on_the_empty_page_ask_when_clicked(server, browser):
    base, _ = server
    browser.get(base + "/")
    examples = browser.find_elements(By.CSS_SELECTOR, ".example")
    assert len(examples) >= 3
    examples[0].click()
    assert "35" in wait(browser, ".answer").text


def test_the_page_fits_a_phone_screen(server, browser):
    base, _ = server
    browser.set_window_size(390, 844)
    try:
        browser.get(f"{base}/?q={quote('2023年共立案多少宗')}")
        wait(browser, ".answer")
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        assert browser.find_element(By.ID, "question").is_displayed()
    finally:
        browser.set_window_size(1100, 900)


def test_the_fact_sheet_lists_figures_with_downloads(server, browser):
    base, _ = server
    browser.get(f"{base}/facts?q={quote('立案')}")
    WebDriverWait(browser, WAIT).until(ec.text_to_be_present_in_element((By.ID, "count"), "共"))
    figures = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#facts tbody .num")]
    assert "35宗" in figures
    assert browser.find_element(By.ID, "xlsx").get_attribute("href").endswith("/api/facts.xlsx?q=" + quote("立案"))


def test_the_penalty_table_filters_by_keyword_and_its_links_follow(regulations_config, regulations_engine, browser,
                                                                    tmp_path):
    cfg = regulations_config.with_overrides(data_dir=tmp_path / "data")
    with serving(create_app(regulations_engine, QuestionLog(tmp_path / "questions.sqlite3"), cfg)) as base:
        browser.get(base + "/penalties")
        WebDriverWait(browser, WAIT).until(ec.text_to_be_present_in_element((By.ID, "count"), "条罚则"))
        everything = len(browser.find_elements(By.CSS_SELECTOR, "#penalties tbody tr"))
        assert browser.switch_to.active_element == browser.find_element(By.ID, "keyword")
        browser.find_element(By.ID, "keyword").send_keys("砍伐", Keys.ENTER)
        WebDriverWait(browser, WAIT).until(ec.text_to_be_present_in_element((By.ID, "count"), "（关键词：砍伐）"))
        rows = browser.find_elements(By.CSS_SELECTOR, "#penalties tbody tr")
        assert 0 < len(rows) < everything and "擅自砍伐、移植城市树木" in browser.find_element(By.ID, "penalties").text
        assert browser.find_element(By.ID, "csv").get_attribute("href").endswith("/api/penalties.csv?q=" + quote("砍伐"))
        assert browser.execute_script("return location.pathname + location.search") == "/penalties?q=" + quote("砍伐")
        browser.get(f"{base}/penalties?q={quote(HOSTILE)}")  # a shared link with a keyword nothing matches
        WebDriverWait(browser, WAIT).until(ec.text_to_be_present_in_element((By.ID, "count"), "没有找到"))
        assert HOSTILE in browser.find_element(By.ID, "count").text and no_script_ran(browser)


def test_the_quiz_page_asks_and_scores(server, browser):
    base, _ = server
    browser.get(base + "/quiz")
    browser.find_element(By.ID, "user").send_keys("测试员", Keys.ENTER)
    question = wait(browser, "#question .prompt")
    assert "___" in question.text
    choices = browser.find_elements(By.CSS_SELECTOR, "#question .options button")
    if choices:
        choices[0].click()
    else:
        browser.find_element(By.CSS_SELECTOR, "#question input").send_keys("1", Keys.ENTER)
    verdict = wait(browser, "#result .verdict")
    assert "回答" in verdict.text
    WebDriverWait(browser, WAIT).until(ec.text_to_be_present_in_element((By.ID, "score"), "已答 1 题"))


def test_with_a_token_the_login_form_leads_back_to_the_shared_link(built_config, engine, browser, tmp_path):
    cfg = built_config.with_overrides(data_dir=tmp_path, web_token="browser-test-token")
    with serving(create_app(engine, QuestionLog(tmp_path / "questions.sqlite3"), cfg)) as base:
        browser.get(f"{base}/?q={quote('2023年共立案多少宗')}")
        WebDriverWait(browser, WAIT).until(lambda d: "/login" in d.current_url)
        browser.find_element(By.ID, "token").send_keys("wrong", Keys.ENTER)
        WebDriverWait(browser, WAIT).until(lambda d: "error=1" in d.current_url)
        assert browser.find_element(By.ID, "error").is_displayed()
        browser.find_element(By.ID, "token").send_keys("browser-test-token", Keys.ENTER)
        assert "35宗" in wait(browser, ".answer[data-found=true]").text
        assert browser.execute_script("return location.pathname") == "/"


def test_a_follow_up_shows_how_it_was_read_and_new_conversation_forgets(server, browser):
    base, _ = server
    browser.get(base + "/")
    ask(browser, "今年以来共公示行政处罚多少件？")
    card = ask(browser, "那行政许可呢？")
    WebDriverWait(browser, WAIT).until(lambda d: "37件" in card.text)
    assert "理解为：今年以来共公示行政许可多少件？" in card.find_element(By.CSS_SELECTOR, ".understood").text
    hello = ask(browser, "你好")
    assert hello.get_attribute("data-kind") == "smalltalk" and not hello.find_elements(By.CSS_SELECTOR, ".actions")
    browser.find_element(By.ID, "new-conversation").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "welcome").is_displayed())
    assert not browser.find_elements(By.CSS_SELECTOR, ".bubble")
    card = ask(browser, "那行政许可呢？")
    assert not card.find_elements(By.CSS_SELECTOR, ".understood")
    ask(browser, "今年以来共公示行政处罚多少件？")
    browser.get(base + "/")  # a reload keeps the tab's conversation
    card = ask(browser, "那行政许可呢？")
    assert "今年以来共公示行政许可多少件" in card.find_element(By.CSS_SELECTOR, ".understood").text
