"""Cleaning: page-break splits are joined, doubled page-edge characters dropped, figures normalised."""

from __future__ import annotations

import re

import pytest

from bot.ingest.cleaning import clean, join_split, normalize
from bot.ingest.loaders import load
from tests.conftest import REPORT


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("我局主要负责人认真履行推进法治建设第一责任人职责，全\n\n面贯彻落实中共中央。", "全面贯彻落实"),
        ("聚焦行政审批、行政处罚、队伍管理等权力运行的重要领域和关键节点，全面开展自查，共查\n\n找出廉政风险点 20 个。", "共查找出廉政风险点20个"),
        ("组织班子成员开展交流发言研讨，切实做到第\n\n第一时间学习领会、第一时间跟进落实。", "切实做到第一时间学习领会"),
        ("推行行政调解、行政指导等柔性\n\n执法方式，提升执法实效。", "柔性执法方式"),
        ("提高行政执法透明度、\n\n公信力和联合惩戒效果。", "透明度、公信力"),
    ],
)
def test_page_break_artifacts_are_repaired(raw, expected):
    assert expected in clean(raw)


def test_reduplicated_words_survive_a_page_break():
    assert "常常" in join_split("我们常", "常开展宣传")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2023 年共立案 35 宗", "2023年共立案35宗"),
        ("共公示行政处罚 32 件", "共公示行政处罚32件"),
        ("２０２３年共立案３５宗", "2023年共立案35宗"),
        ("时限压缩比率 92.94%", "时限压缩比率92.94%"),
        ("比率９２．９４％", "比率92.94%"),
        ("12319 城市管理服务热线", "12319城市管理服务热线"),
        ("new media and WeChat", "new media and WeChat"),
    ],
)
def test_figures_and_spacing_are_normalised(raw, expected):
    assert normalize(raw) == expected


def test_real_paragraph_and_heading_boundaries_stay():
    text = clean("二、推进法治政府建设的举措和成效\n\n（一）健全法规制度，推进城市治理法治化\n\n坚持用法治思维推进城市管理。\n\n我局始终把法治宣传放在首位。")
    assert text.split("\n") == [
        "二、推进法治政府建设的举措和成效",
        "（一）健全法规制度，推进城市治理法治化",
        "坚持用法治思维推进城市管理。",
        "我局始终把法治宣传放在首位。",
    ]


def test_short_title_lines_are_not_glued_together():
    text = clean("许昌市城市管理局文件\n\n许城管〔2024〕6号\n\n许昌市城市管理局 关于2023年法治政府建设情况的报告")
    assert len(text.split("\n")) == 3


def test_pdf_page_numbers_are_dropped():
    assert clean("城市管理工作，\n- 3 -\n取得积极成效。") == "城市管理工作，取得积极成效。"


@pytest.fixture(scope="module")
def report_text() -> str:
    return clean(load(REPORT).text)


@pytest.mark.parametrize("artifact", ["全\n面", "共查\n找", "第第一", "授课\n员", "35 宗", " 万元"])
def test_shipped_report_has_no_artifacts_left(report_text, artifact):
    assert artifact not in report_text


def test_every_paragraph_of_the_shipped_report_ends_a_sentence_or_is_a_heading(report_text):
    from bot.ingest.headings import is_heading

    for line in report_text.split("\n")[4:]:
        assert is_heading(line) or re.search(r"[。：；]$", line), line
