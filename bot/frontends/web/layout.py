"""The HTML pages, written from one layout: the head, the brand and the nav exist once; each page adds its body.

Templates are plain `string.Template` files under templates/ (no template engine to install); every value put
into them is our own text, never the user's, so nothing is escaped here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from string import Template

TEMPLATES = Path(__file__).resolve().parent / "templates"
NAV = (("/", "问答"), ("/facts", "数字一览"), ("/penalties", "罚则一览"), ("/quiz", "练习"), ("/docs", "API"))
CURRENT = ' aria-current="page"'  # how the nav marks the page the reader is on
BRAND_ONLY = '<header class="top"><span class="brand">📑 报告问答</span></header>'


@dataclass(frozen=True)
class Page:
    title: str
    body: str  # the template file of what follows the header
    scripts: tuple[str, ...]  # under /static, in load order
    nav: bool = True  # False: only the brand, for the login form, where every link would lead back to it
    body_class: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # values for the body template


def table_page(name: str, title: str, placeholder: str, columns: tuple[str, ...]) -> Page:
    """A keyword-filtered table with CSV and Excel downloads of /api/<name>: the fact sheet and the penalty table."""
    cells = "".join(f"<th>{c}</th>" for c in columns)
    return Page(title, "table.html", ("common.js", "table.js", f"{name}.js"),
                fields={"name": name, "heading": title, "placeholder": placeholder, "columns": cells})


SITE = {
    "/": Page("报告问答", "chat.html", ("common.js", "chat.js"), body_class="chat"),
    "/facts": table_page("facts", "报告数字一览", "按关键词筛选，如：立案、便民服务点", ("指标", "数字", "年份", "原句与出处")),
    "/penalties": table_page("penalties", "罚则一览", "按关键词筛选，如：砍伐、广告、拘留", ("条款", "违法行为", "处罚措施")),
    "/quiz": Page("报告练习", "quiz.html", ("common.js", "quiz.js")),
    "/login": Page("登录 · 报告问答", "login.html", ("login.js",), nav=False),
}


@cache
def render(path: str) -> str:
    """The page served at `path` (one of SITE), rendered once per process."""
    page = SITE[path]
    scripts = "\n".join(f'<script src="/static/{name}" defer></script>' for name in page.scripts)
    return _template("layout.html").substitute(
        title=page.title, scripts=scripts, body_class=f' class="{page.body_class}"' if page.body_class else "",
        header=_header(path) if page.nav else BRAND_ONLY, body=_template(page.body).substitute(page.fields))


def _header(current: str) -> str:
    links = "\n".join(f'    <a href="{href}"{CURRENT if href == current else ""}>{text}</a>' for href, text in NAV)
    return f'<header class="top">\n  <a class="brand" href="/">📑 报告问答</a>\n  <nav>\n{links}\n  </nav>\n</header>'


def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))
