"""Evaluate the engine on a question set: hit@1, hit@3, MRR, figures in answers, refusals, per language."""

from __future__ import annotations

import itertools
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.answer import Thresholds
from bot.config import Config
from bot.records import Answer

METRICS = ("hit@1", "hit@3", "mrr", "figure", "article", "refusal", "over_refusal", "wrong")


@dataclass
class Case:
    id: str
    lang: str
    question: str
    answerable: bool
    evidence: str | None
    figure: str | None
    kind: str = "fact"
    style: str = ""
    article: str | None = None  # for laws: the article the answer must cite ("第三十二条")
    doc: str | None = None  # the title of the document the answer must come from
    split: str = "dev"  # "dev" (thresholds are calibrated on it) or "test" (held out, reported only)


def load_cases(path: Path, split: str = "") -> list[Case]:
    fields = Case.__dataclass_fields__
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    cases = [Case(**{k: v for k, v in row.items() if k in fields}) for row in rows]
    return [c for c in cases if not split or c.split == split]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def evidence_rank(case: Case, answer: Answer) -> int | None:
    """1 when the answer's sentence quotes the evidence, else the rank of the first passage that does."""
    needle = _squash(case.evidence)
    if answer.found and needle in _squash(answer.sentence):
        return 1
    for rank, passage in enumerate(answer.passages, 1):
        if needle in _squash(passage.text):
            return rank
    return None


def score(cases: list[Case], answers: list[Answer]) -> dict[str, dict[str, float]]:
    """Metrics per language and overall; each a share between 0 and 1 (MRR a mean reciprocal rank)."""
    table: dict[str, dict[str, float]] = {}
    for lang in sorted({c.lang for c in cases}) + ["all"]:
        pairs = [(c, a) for c, a in zip(cases, answers) if lang in ("all", c.lang)]
        table[lang] = _metrics(pairs)
    return table


def _metrics(pairs: list[tuple[Case, Answer]]) -> dict[str, float]:
    answerable = [(c, a) for c, a in pairs if c.answerable]
    unanswerable = [a for c, a in pairs if not c.answerable]
    ranks = [evidence_rank(c, a) for c, a in answerable]
    with_figure = [(c, a) for c, a in answerable if c.figure]
    with_article = [(c, a) for c, a in answerable if c.article]
    def share(values: list[bool]) -> float:
        return sum(values) / len(values) if values else 1.0
    return {
        "n": len(pairs),
        "hit@1": share([r == 1 for r in ranks]),
        "hit@3": share([r is not None and r <= 3 for r in ranks]),
        "mrr": sum(1 / r for r in ranks if r) / len(ranks) if ranks else 1.0,
        "figure": share([a.found and states(a, c.figure) for c, a in with_figure]),
        "article": share([cites(c, a) for c, a in with_article]),
        "refusal": share([not a.found for a in unanswerable]),
        "over_refusal": sum(not a.found for _, a in answerable) / len(answerable) if answerable else 0.0,
        "wrong": sum(wrong_found(c, a) for c, a in pairs) / len(pairs) if pairs else 0.0,
    }


def cites(case: Case, answer: Answer) -> bool:
    """The answer names the expected article of the expected document."""
    return answer.found and answer.section.endswith(case.article or "") and (not case.doc or answer.doc == case.doc)


def states(answer: Answer, figure: str) -> bool:
    """The answer's text holds the figure, its emphasis marks aside ("每辆机动车**五千元**")."""
    return figure in answer.answer.replace("**", "")


def wrong_found(case: Case, answer: Answer) -> bool:
    """Stated as found, but the evidence, figure, article or document is not the expected one."""
    if not answer.found:
        return False
    if not case.answerable:
        return True
    if evidence_rank(case, answer) != 1 or (case.figure and not states(answer, case.figure)):
        return True
    return bool(case.doc) and answer.doc != case.doc


def misses(cases: list[Case], answers: list[Answer]) -> list[dict]:
    out = []
    for case, answer in zip(cases, answers):
        rank = evidence_rank(case, answer) if case.answerable else None
        wrong = (case.answerable and (rank != 1 or not answer.found or (case.figure and not states(answer, case.figure)))) \
            or (not case.answerable and answer.found)
        if wrong or wrong_found(case, answer):
            out.append({"id": case.id, "doc": answer.doc, "section": answer.section, "question": case.question, "expected": case.evidence, "figure": case.figure,
                        "found": answer.found, "rank": rank, "notice": answer.notice, "evidence": answer.evidence,
                        "answer": answer.sentence or answer.answer,
                        "first_passage": answer.passages[0].text[:120] if answer.passages else ""})
    return out


def format_table(table: dict[str, dict[str, float]]) -> str:
    head = f"{'lang':<5} {'n':>4} " + " ".join(f"{m:>8}" for m in METRICS)
    rows = [head]
    for lang, values in table.items():
        rows.append(f"{lang:<5} {int(values['n']):>4} " + " ".join(f"{values[m]:>8.3f}" for m in METRICS))
    return "\n".join(rows)


def calibrate(cases: list[Case], answers: list[Answer]) -> tuple[Thresholds, float]:
    """Search the refusal thresholds that best separate answerable from unanswerable questions.

    Objective: refusal accuracy minus twice the over-refusal rate, since refusing a question the
    report answers costs staff more than a 'not in the report' they can check with related passages.
    """
    rows = [(c.answerable, a.evidence) for c, a in zip(cases, answers) if a.evidence]
    best, best_value = Thresholds(), float("-inf")
    grid = itertools.product([x / 20 for x in range(4, 17)], [x / 100 for x in range(78, 92)], [x / 100 for x in range(70, 84)])
    for cov, dense, floor in grid:
        if floor > dense:
            continue
        limits = Thresholds(cov, dense, floor)
        decided = [(ok, _passes(ev, limits)) for ok, ev in rows]
        refused_bad = sum(not found for ok, found in decided if not ok) / max(1, sum(not ok for ok, _ in decided))
        refused_good = sum(not found for ok, found in decided if ok) / max(1, sum(ok for ok, _ in decided))
        value = refused_bad - 2 * refused_good
        if value > best_value:
            best, best_value = limits, value
    return best, best_value


def _passes(evidence: dict, limits: Thresholds) -> bool:
    if evidence.get("hard"):
        return False
    if evidence["dense"] < limits.floor:
        return False
    return evidence["coverage"] >= limits.coverage or evidence["dense"] >= limits.dense


def run_eval(cfg: Config, questions: str, misses_path: str, as_json: bool, search_thresholds: bool,
             split: str = "") -> int:
    from bot.engine import Engine

    cases = load_cases(Path(questions), split)
    engine = Engine(cfg)
    answers = [engine.answer(c.question) for c in cases]
    table = score(cases, answers)
    if search_thresholds:
        limits, value = calibrate(cases, answers)
        print(f"calibrated thresholds: {limits} (objective {value:.3f})", file=sys.stderr)
    if as_json:
        print(json.dumps(table, ensure_ascii=False, indent=2))
    else:
        print(format_table(table))
    missed = misses(cases, answers)
    Path(misses_path).write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in missed), encoding="utf-8")
    print(f"{len(missed)} miss(es) written to {misses_path}", file=sys.stderr)
    return 0



def sweep_chunking(cfg: Config, questions: str, sizes: list[int], overlaps: list[int]) -> int:
    """Build a scratch index per chunk size and overlap, and print the metrics of each: how CHUNK_CHARS
    and CHUNK_OVERLAP were chosen."""
    import tempfile

    from bot.engine import Engine
    from bot.ingest.pipeline import ingest

    cases = load_cases(Path(questions))
    print(f"{'chars':>5} {'overlap':>7} {'chunks':>6}  " + " ".join(f"{lang}:{m}" for lang in ("zh", "en") for m in ("hit@1", "mrr")))
    for size, overlap in itertools.product(sizes, overlaps):
        with tempfile.TemporaryDirectory() as scratch:
            trial = cfg.with_overrides(index_dir=Path(scratch), chunk_chars=size, chunk_overlap=overlap)
            report = ingest(trial, show_progress=False, force=True)
            engine = Engine(trial)
            table = score(cases, [engine.answer(c.question) for c in cases])
        cells = " ".join(f"{table[lang][m]:>9.3f}" for lang in ("zh", "en") for m in ("hit@1", "mrr") if lang in table)
        print(f"{size:>5} {overlap:>7} {report.chunks:>6}  {cells}", flush=True)
    return 0
