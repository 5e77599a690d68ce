"""`python -m bot web`: the browser chat, a JSON API and an OpenAI-compatible endpoint, one module per concern.

app (lifespan, server) · context (what requests share, answering in a conversation) · shapes (request and
response models) · pages (routes) · layout (the HTML pages from one template) · answers (/api) · openai_api (/v1) ·
training (facts and quiz) · penalties (penalty table) · downloads (CSV, Excel) · auth (token, cookie, security
headers) · limits (body size) · errors (one error shape).
"""

from bot.frontends.web.app import create_app, is_loopback, run_web
from bot.frontends.web.context import STATIC

__all__ = ["STATIC", "create_app", "is_loopback", "run_web"]
