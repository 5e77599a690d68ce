"""The text shaping the DingTalk, Telegram and WeCom formats share (bot/frontends/chat_text.py)."""

from __future__ import annotations

from html import escape

import pytest

from bot.frontends.chat_text import (CHINESE, ENGLISH, clip, cut_utf8, mark_figure, pack, related, shown_section,
                                     utf8_size, words)
from bot.records import Answer, Passage


def test_the_figure_is_bold_and_each_part_escaped_apart():
    bold = lambda text: f"<b>{text}</b>"  # noqa: E731
    assert mark_figure("共立案35宗<&>", "35宗", escape, bold) == "共立案<b>35宗</b>&lt;&amp;&gt;"
    assert mark_figure("没有数字<b>", "35宗", escape, bold) == "没有数字&lt;b&gt;"
    assert mark_figure("共立案35宗", "", escape, bold) == "共立案35宗"


@pytest.mark.parametrize("text, limit, clipped", [("一二三", 3, "一二三"), ("一二三四", 3, "一二…"), ("", 1, "")])
def test_clip_marks_what_it_cut(text, limit, clipped):
    assert clip(text, limit) == clipped


@pytest.mark.parametrize("limit", range(0, 12))
def test_a_utf8_cut_never_splits_a_character(limit):
    cut = cut_utf8("许昌a城管", limit)
    assert utf8_size(cut) <= limit and "许昌a城管".startswith(cut)
    assert utf8_size(cut) > limit - 3  # as much as fits: at most one character short


def test_pack_fills_messages_in_order_and_keeps_each_under_the_limit():
    pieces = ["a" * 4, "b" * 4, "c" * 9, "d"]
    messages = pack(pieces, 10)
    assert messages == ["aaaa\n\nbbbb", "ccccccccc", "d"]
    assert pack(["许昌", "城管"], 14, utf8_size) == ["许昌\n\n城管"] and pack(["许昌", "城管"], 13, utf8_size) == ["许昌", "城管"]
    assert pack([], 10) == []


def test_words_follow_the_language_of_the_question():
    assert words(Answer("how many cases in 2023", False, "")) is ENGLISH
    assert words(Answer("2023年共立案多少宗？", False, "")) is CHINESE


def test_related_passages_name_where_they_stand_and_are_short():
    passages = [Passage("报告", "一、执法 > 二是", "案" * 500, 0.9), Passage("条例", "", "条", 0.8), Passage("x", "", "y", 0.1)]
    shown = related(Answer("问", False, "没有找到", passages=passages))
    assert shown == [("报告 > 一、执法 > 二是", "案" * 199 + "…"), ("条例", "条")]
    assert shown_section("一、执法 > 二是") == "一、执法 › 二是"


def test_a_related_passage_names_its_document_where_every_regulation_has_the_same_chapters():
    """Two regulations' 第四章 法律责任 > 第二十五条 are told apart in every front-end's related reading."""
    from bot.frontends.render import render_text
    from bot.frontends.telegram_format import passages_html
    from bot.frontends.wecom_format import answer_text

    section = "第四章 法律责任 > 第二十五条"
    passages = [Passage("上海市烟花爆竹安全管理条例", section, "第二十五条违反本条例……", 0.9),
                Passage("宁波市市政设施管理条例", section, "第二十五条违反本条例……", 0.8)]
    refused = Answer("卖冲天炮罚多少？", False, "资料中没有找到", passages=passages)
    assert [where for where, _ in related(refused)] == [f"上海市烟花爆竹安全管理条例 > {section}",
                                                         f"宁波市市政设施管理条例 > {section}"]
    assert f"[宁波市市政设施管理条例 > {section}]" in render_text(refused)
    assert "宁波市市政设施管理条例 &gt; 第四章" in passages_html(refused, start=1)
    assert "上海市烟花爆竹安全管理条例 › 第四章 法律责任 › 第二十五条" in answer_text(refused)
