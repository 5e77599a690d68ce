"""The fact sheet: every figure of the shipped report found once and labelled, exported, and listed by the CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from bot.config import ROOT, Config
from bot.figures import figures as engine_figures
from bot.facts import (COLUMNS, export_csv, export_xlsx, extract_facts, filter_facts, format_sheet_text,
                       group_by_section, sentence_facts, sheet_pages, xlsx_bytes)
from bot.ingest.chunking import chunk_document
from bot.ingest.documents import read_document
from bot.records import Fact
from tests.conftest import CORPUS, REPORT

# Every figure of the report, counted by hand in reading order, as the report writes it, with (part of) what it
# counts. Left out on purpose: years (2023年, 2021—2025年), months (7月、12月), the document number (〔2024〕6号),
# hotlines (12319, 12345), named days (6.5环境保护日, 12.4宪法宣传日), names ("721"工作法) and counts written in
# Chinese numerals, which in reports name institutions rather than measure work (三级审理机制, "三项"制度, 四张清单).
REPORT_FIGURES = [
    ("3次", "专题会"), ("5次", "案委会"), ("30宗", "重大案件"),
    ("10次", "专题学习"), ("4期", "专题讲座"),
    ("100%", "合法性审核"),
    ("4部", "城市管理立法"),
    ("5次", "专题培训"), ("8次", "执法交流会"),
    ("6个", "以案释法优秀案例"),
    ("32件", "公示行政处罚"), ("37件", "行政许可"),
    ("35宗", "立案"), ("115万元", "罚没收入"),
    ("30项", "风险点"), ("80余项", "防控措施"),
    ("10余类", "行政相对人"), ("5万余次", "回访"), ("3500次", "书面行政指导"),
    ("达到80%以上", "从轻处罚"), ("95%以上", "回访满意率"),
    ("75个", "便民服务点"), ("63个", "夜市点"), ("8600万次", "点击播放量"),
    ("658项", "执法职责"),
    ("达到100%", "不见面"), ("47%", "即办件"), ("92.94%", "时限压缩比率"),
    ("13项", "免于处罚"), ("8项", "从轻处罚事项"), ("3项", "减轻处罚"), ("3宗", "办结案件"),
    ("2件", "行政复议案件"), ("2次", "出庭应诉"), ("100%", "胜诉率"),
    ("20个", "廉政风险点"), ("48项", "防范措施"),
    ("135件", "市长信箱"), ("10件", "局长信箱"), ("2件", "依申请公开"), ("20件", "信访"), ("255次", "来电"),
    ("100%", "回复率"),
]


@pytest.fixture(scope="module")
def chunks():
    doc = read_document(REPORT, CORPUS)
    cfg = Config()
    return chunk_document(doc, cfg.chunk_chars, cfg.chunk_overlap)


@pytest.fixture(scope="module")
def facts(chunks) -> list[Fact]:
    return extract_facts(chunks)


def fact_with(facts: list[Fact], figure: str, label: str) -> Fact:
    return next(f for f in facts if f.figure == figure and label in f.label)


# ---- extraction over the whole report ----------------------------------------------------------------

def test_the_report_holds_43_figures_and_all_are_found_in_reading_order(facts):
    assert len(REPORT_FIGURES) == 43
    assert [f.figure for f in facts] == [figure for figure, _ in REPORT_FIGURES]


@pytest.mark.parametrize("position, figure, label", [(n, f, l) for n, (f, l) in enumerate(REPORT_FIGURES)])
def test_every_figure_is_labelled_with_what_it_counts(facts, position, figure, label):
    fact = facts[position]
    assert fact.figure == figure and label in fact.label
    assert 2 <= len(fact.label) <= 12 and not fact.label.startswith(("的", "、", "共", "累计"))


@pytest.mark.parametrize("value, unit, label", [
    ("35", "宗", "立案"), ("115", "万元", "罚没收入"), ("658", "项", "执法职责"), ("8600", "万次", "点击播放量"),
    ("92.94", "%", "时限压缩比率"), ("75", "个", "便民服务点"), ("63", "个", "夜市点"),
])
def test_the_figures_the_issue_names_are_on_the_sheet(facts, value, unit, label):
    assert any(f.value == value and f.unit == unit and label in f.label for f in facts)


@pytest.mark.parametrize("figure, value, unit, qualifier, prefix", [
    ("80余项", "80", "项", "余", ""),
    ("10余类", "10", "类", "余", ""),
    ("5万余次", "5", "万次", "余", ""),
    ("达到80%以上", "80", "%", "以上", "达到"),
    ("95%以上", "95", "%", "以上", ""),
    ("达到100%", "100", "%", "", "达到"),
    ("92.94%", "92.94", "%", "", ""),
])
def test_qualifiers_are_kept(facts, figure, value, unit, qualifier, prefix):
    fact = next(f for f in facts if f.figure == figure)
    assert (fact.value, fact.unit, fact.qualifier, fact.prefix) == (value, unit, qualifier, prefix)


def test_80_odd_is_not_80(facts):
    assert "80项" not in {f.figure for f in facts}


def test_each_figure_stands_in_its_sentence_where_the_fact_says(facts):
    for fact in facts:
        assert fact.sentence[fact.offset:].startswith(fact.figure)
        assert fact.section and fact.source == REPORT.name and fact.title.startswith("许昌市城市管理局")


def test_overlapping_chunks_never_give_a_fact_twice(chunks, facts):
    repeated = [f for f in facts if sum(f.sentence in c.text for c in chunks) > 1]
    assert repeated, "the report's chunks overlap, so some sentences with figures stand in two chunks"
    assert len({f.id for f in facts}) == len(facts)
    assert len({(f.sentence, f.offset) for f in facts}) == len(facts)


@pytest.mark.parametrize("value", ["2021", "2022", "2023", "2024", "2025", "7", "12", "12319", "12345", "6.5", "12.4", "721"])
def test_years_dates_hotlines_and_names_are_not_facts(facts, value):
    assert value not in {f.value for f in facts}


@pytest.mark.parametrize("phrase", ["三级审理机制", "“三项”制度", "四张清单", "百日行动", "分别听取一次", "“八五”普法"])
def test_counts_in_chinese_numerals_are_not_facts(chunks, facts, phrase):
    assert any(phrase in c.text for c in chunks)
    for fact in facts:
        at = fact.sentence.find(phrase)
        assert at < 0 or not at <= fact.offset < at + len(phrase)
    assert all(f.value.replace(".", "").isdigit() for f in facts)


@pytest.mark.parametrize("figure, label, year", [("35宗", "立案", "2023"), ("3次", "专题会", "2023"), ("10次", "专题学习", "")])
def test_the_year_is_the_one_the_sentence_states(facts, figure, label, year):
    fact = fact_with(facts, figure, label)
    assert fact.year == year and fact.doc_year == "2023"


def test_a_fact_the_engine_would_quote_is_on_the_sheet(chunks, facts):
    """The engine's figure finder and the sheet agree on every sentence: what it can quote, the sheet lists."""
    on_sheet = {(f.sentence, f.figure) for f in facts}
    for chunk in chunks:
        for sentence in chunk.sentence_texts():
            for figure in engine_figures(sentence):
                if figure.unit:  # a bare number ("12319") is never quoted as an amount
                    assert (sentence, figure.text) in on_sheet, (sentence, figure.text)


@pytest.mark.parametrize("question", ["2023年共立案多少宗？", "罚没收入是多少？", "设置了多少个便民服务点？", "划定了多少个夜市点？",
                                      "时限压缩比率是多少？", "梳理了多少项执法职责？", "防控措施有多少项？"])
def test_the_engines_answers_are_on_the_sheet(engine, question):
    answer = engine.answer(question)
    assert answer.found and answer.figure
    assert any(f.sentence == answer.sentence and f.figure == answer.figure for f in engine.index.facts)


# ---- extraction is not hard-wired to this report ---------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("全年共清运建筑垃圾1200吨，查处违规广告牌86处。", [("1200吨", "建筑垃圾"), ("86处", "违规广告牌")]),
    ("2022年新增城市绿地50公顷，建成口袋公园12座，绿化覆盖率达到41.5%。",
     [("50公顷", "城市绿地"), ("12座", "口袋公园"), ("达到41.5%", "绿化覆盖率")]),
    ("全市共有环卫工人3,200余名，日均清扫面积约1.2万平方米。", [("3,200余名", "环卫工人"), ("约1.2万平方米", "清扫面积")]),
    ("受理投诉1.5万件，办结率98.6%，较上年提高3.2个百分点。", [("1.5万件", "投诉"), ("98.6%", "办结率"), ("3.2个百分点", "提高")]),
    ("组织联合执法行动15次共计出动执法人员600余人次。", [("15次", "联合执法行动"), ("600余人次", "执法人员")]),
    ("完成投资8.6亿元，同比增长12%左右，超过5000万元的项目达20多个。",
     [("8.6亿元", "投资"), ("12%左右", "同比增长"), ("超过5000万元", "项目"), ("20多个", "项目")]),
    ("根据《2021年工作方案》，7月1日起实施，许政〔2023〕12号文件，第3次会议，拨打12345热线。", []),
])
def test_other_reports_figures_get_labels_too(sentence, expected):
    found = sentence_facts(sentence)
    assert [f.figure for f in found] == [figure for figure, _ in expected]
    for (_, label), fact in zip(expected, found):
        assert label in fact.label


@pytest.mark.parametrize("row, figure", [
    ({"value": "5", "unit": "万次", "qualifier": "余"}, "5万余次"),
    ({"value": "80", "unit": "项", "qualifier": "余"}, "80余项"),
    ({"value": "95", "unit": "%", "qualifier": "以上"}, "95%以上"),
])
def test_facts_stored_before_figures_were_kept_still_load(row, figure):
    """An index built by the placeholder extractor has no `figure`: it is rebuilt until the next ingest."""
    sentence = f"共回访{figure}。"
    old = Fact(**{**row, "label": "", "year": "", "section": "", "sentence": sentence, "source": "a.txt", "title": "a"})
    assert old.figure == figure and sentence[old.offset:].startswith(figure)


def test_thousands_separators_are_dropped_from_the_value():
    (fact,) = sentence_facts("全市共有环卫工人3,200余名。")
    assert (fact.value, fact.number, fact.qualifier) == ("3200", 3200.0, "余")


# ---- the sheet ------------------------------------------------------------------------------------------------

def test_a_keyword_filters_by_label_section_or_sentence(facts):
    found = filter_facts(facts, "处罚")
    assert found and all("处罚" in f"{f.label}{f.section}{f.sentence}" for f in found)
    assert {"32件", "13项", "8项", "3项"} <= {f.figure for f in found}
    assert filter_facts(facts, "") == facts and filter_facts(facts, "不存在的词") == []


def test_facts_are_grouped_by_section_in_reading_order(facts):
    groups = group_by_section(facts)
    assert sum(len(members) for members in groups.values()) == len(facts)
    assert [f for members in groups.values() for f in members] == facts
    assert all(f.section == section for (_, section), members in groups.items() for f in members)


def test_the_sheet_text_shows_label_figure_and_year(facts):
    text = format_sheet_text(facts)
    assert "· 立案：35宗（2023年）" in text and "· 时限压缩比率：92.94%" in text
    assert "【二、推进法治政府建设的举措和成效 > （三）严格规范执法，持续提升执法质效 > 三是依法严格规范办案】" in text


@pytest.mark.parametrize("limit", [300, 1000, 3500])
def test_long_sheets_are_cut_into_message_sized_pages(facts, limit):
    pages = sheet_pages(facts, limit=limit)
    assert all(len(page) <= limit for page in pages)
    joined = "\n".join(pages)
    assert all(f"{f.label}：{f.figure}" in joined for f in facts)
    assert len(pages) == 1 if limit == 3500 else len(pages) > 1


# ---- spreadsheets -----------------------------------------------------------------------------------------------

def test_csv_round_trip(facts, tmp_path):
    path = tmp_path / "facts.csv"
    assert export_csv(facts, path) == len(facts)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8 Chinese
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == COLUMNS and len(rows) == len(facts)
    assert [(r["数字"], r["指标"]) for r in rows] == [(f.figure, f.label) for f in facts]
    buffer = io.StringIO()
    export_csv(facts[:2], buffer)
    assert buffer.getvalue().splitlines()[0] == ",".join(COLUMNS)


def test_xlsx_round_trip_keeps_numbers_as_numbers(facts, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "facts.xlsx"
    assert export_xlsx(facts, path) == len(facts)
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS and len(rows) == len(facts) + 1
    by_figure = {row[3]: row for row in rows[1:]}
    assert by_figure["35宗"][2] == "立案" and by_figure["35宗"][4] == 35 and isinstance(by_figure["35宗"][4], int)
    assert by_figure["92.94%"][4] == pytest.approx(92.94)
    assert by_figure["达到80%以上"][6] == "达到 以上"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert xlsx_bytes(facts).startswith(b"PK")  # a zip: what Telegram sends as the document


# ---- the index and the command line ---------------------------------------------------------------------------------

def test_ingest_stores_the_facts_and_they_load_back(built_config, facts):
    from bot.store import load_index

    stored = load_index(built_config.index_dir).facts
    assert [(f.figure, f.label, f.section, f.sentence) for f in stored] == [(f.figure, f.label, f.section, f.sentence) for f in facts]
    assert all(Fact(**f.to_json()) == f for f in stored)


def bot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_cli_json_lists_one_fact_per_line_filtered_by_keyword(built_config):
    result = bot("facts", "--json", "--index", str(built_config.index_dir), "处罚")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all("处罚" in f"{r['label']}{r['section']}{r['sentence']}" for r in rows)
    assert {"value", "unit", "qualifier", "label", "year", "section", "sentence", "figure"} <= set(rows[0])
    assert any(r["figure"] == "32件" and r["label"] == "公示行政处罚" for r in rows)


def test_cli_text_is_grouped_by_section(built_config):
    result = bot("facts", "--index", str(built_config.index_dir))
    assert result.returncode == 0
    assert "【二、推进法治政府建设的举措和成效 > （四）优化服务措施，提升市民群众满意度 > 三是开展便民服务活动】\n· 便民服务点：75个" in result.stdout
    assert result.stdout.count("· ") == 43


def test_cli_exports_csv_and_xlsx(built_config, tmp_path):
    result = bot("facts", "--index", str(built_config.index_dir), "--csv", str(tmp_path / "a.csv"), "--xlsx", str(tmp_path / "a.xlsx"))
    assert result.returncode == 0 and result.stdout == ""
    assert "wrote 43 facts" in result.stderr
    assert (tmp_path / "a.csv").stat().st_size > 0 and (tmp_path / "a.xlsx").read_bytes().startswith(b"PK")


@pytest.mark.parametrize("args, message", [
    (["--index", "{missing}"], "python ingest.py"),
    (["--index", "{index}", "不存在的词"], "没有找到"),
])
def test_cli_errors_exit_1_with_a_clear_line(built_config, tmp_path, args, message):
    args = [a.format(missing=tmp_path / "none", index=built_config.index_dir) for a in args]
    result = bot("facts", *args)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_unchanged_files_get_fresh_facts_when_extraction_changes(built_config, tmp_path):
    """A facts/quiz version bump re-extracts from the stored chunks: nothing is re-embedded."""
    import shutil

    from bot.ingest.pipeline import ingest
    from bot.store import current_build, load_index

    cfg = Config().with_overrides(corpus_dir=built_config.corpus_dir, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    shutil.copytree(built_config.index_dir, cfg.index_dir)
    build = current_build(cfg.index_dir)
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    (build / "manifest.json").write_text(json.dumps({**manifest, "extractors": {"facts": 0, "quiz": 0}}), encoding="utf-8")
    (build / "facts.jsonl").write_text("", encoding="utf-8")
    report = ingest(cfg, show_progress=False)
    assert report.changed and report.embedded == 0 and report.reused == [REPORT.name]
    index = load_index(cfg.index_dir)
    assert len(index.facts) == 43 and len(index.quiz) == 43
    assert ingest(cfg, show_progress=False).changed is False
