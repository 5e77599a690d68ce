"""The answer engine: one loaded model and index, `answer(question) -> Answer`, hot-swapped on re-ingest."""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass

from bot.answer import Thresholds, compose
from bot.bare_article import bare_article_answer
from bot.config import Config
from bot.embedding import Embedder, get_embedder
from bot.evidence import concepts
from bot.glossary import Glossary
from bot.key_words import covers_key
from bot.penalty_reach import punished_behaviours
from bot.query import MAX_QUESTION_CHARS, analyse
from bot.records import Answer
from bot.retrieval import hybrid_search
from bot.key_lookup import with_key_passages
from bot.outline import outline_answer
from bot.penalty_list import penalty_list_answer
from bot.report_lookup import with_report_passages
from bot.second_opinion import ClauseSimilarity
from bot.scope import in_scope, with_indexed_places
from bot.tokenize import tokens
from bot.translate import translate
from bot.store import StoredIndex, current_build, load_index

log = logging.getLogger(__name__)

SCOPE_DEPTH = 30
CANDIDATE_HITS = 8  # passages whose sentences may answer; the first top_k are shown
_MEANINGFUL = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_CODE = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.I | re.S)


@dataclass
class Snapshot:
    """Everything one answer reads; replaced as a whole so a question never mixes two builds."""

    index: StoredIndex
    glossary: Glossary


class Engine:
    def __init__(self, cfg: Config, thresholds: Thresholds | None = None) -> None:
        self.cfg = cfg
        self.thresholds = thresholds or Thresholds()
        index = load_index(cfg.index_dir, store=cfg.store)  # raises IndexNotFound / IndexCorrupt with the fix in the message
        self.embedder: Embedder = get_embedder(index.manifest["model"] if cfg.model == "auto" else cfg.model)
        if index.manifest["model"] != self.embedder.name:
            from bot.errors import ModelMismatch

            raise ModelMismatch(str(cfg.index_dir), index.manifest["model"], self.embedder.name)
        self._snapshot = Snapshot(index, self._glossary())
        self._clauses = ClauseSimilarity(self.embedder.embed_passages)
        self._reload_lock = threading.Lock()

    @property
    def index(self) -> StoredIndex:
        return self._snapshot.index

    @property
    def glossary(self) -> Glossary:
        return self._snapshot.glossary

    def _glossary(self) -> Glossary:
        return Glossary.load(self.cfg.corpus_dir / "glossary.txt")

    def answer(self, question: str) -> Answer:
        started = time.perf_counter()
        problem = input_problem(question)
        if problem:
            return Answer(question, False, problem, notice="bad input")
        snapshot = self._snapshot
        query = self._query(snapshot, question)
        outline = outline_answer(snapshot.index, query)
        if outline is not None:  # "这部条例有几章？": the structure answers, not any clause's words
            return outline
        listed = penalty_list_answer(snapshot.index, query)
        if listed is not None:  # "南阳绿化条例有哪些罚则？": the regulation's penalty table
            return listed
        bare = bare_article_answer(snapshot.index, query)
        if bare is not None:  # "第三十六条讲什么？" of eleven laws: which one is meant
            return bare
        vector = self.embedder.embed_queries([query.search_text])[0]
        # Retrieve deeper than shown: documents out of scope (another city, an older version) are dropped
        # or weighed down only now, and the best in-scope passages must still be among the candidates.
        hits = hybrid_search(snapshot.index, query, vector, max(self.cfg.top_k, SCOPE_DEPTH))
        catalogue = snapshot.index.catalogue
        hits = in_scope(hits, query, catalogue)[: max(self.cfg.top_k, CANDIDATE_HITS)]
        items = concepts(query, snapshot.index.lexical.idf)
        hits = with_key_passages(items, hits, snapshot.index, vector, lambda found: in_scope(found, query, catalogue))
        hits = with_report_passages(query, hits, snapshot.index, vector, lambda found: in_scope(found, query, catalogue))
        result = compose(query, hits, snapshot.index, items, self.thresholds, self.cfg.top_k, self._clauses.to(vector))
        log.debug("answered %r in %.3fs (found=%s)", question[:80], time.perf_counter() - started, result.found)
        return result

    def _query(self, snapshot: Snapshot, question: str):
        query = with_indexed_places(analyse(question, snapshot.glossary), snapshot.index.catalogue)
        lexical = snapshot.index.lexical
        return translate(query, lexical.knows, lambda word: min(lexical.df(t) for t in tokens(word)), lexical.rows)

    def names_topic_of(self, question: str, answer: Answer) -> bool:
        """The answer's clause, or a behaviour it punishes, names the key word of `question` read by itself
        (bot/key_words.py): a question read with words of the one before must still be answered about its own topic."""
        snapshot = self._snapshot
        items = concepts(self._query(snapshot, question), snapshot.index.lexical.idf)
        # a penalty clause that only points back ("违反第十八条…规定的") names its behaviours in the duty it cites
        behaviours = punished_behaviours(snapshot.index, answer.passages[0].chunk_id) if answer.passages else []
        return covers_key(items, "\n".join([answer.sentence, *behaviours]))

    def section_text(self, answer: Answer) -> tuple[str, str]:
        """The whole section the answer stands in: (section path, its text in reading order)."""
        if not answer.passages:
            return "", ""
        index = self.index
        chunk = next((c for c in index.chunks if c.id == answer.passages[0].chunk_id), None)
        if chunk is None:
            return answer.passages[0].section, answer.passages[0].text
        spans: dict[tuple[int, int], str] = {}
        for member in index.chunks_in_section(chunk):
            for a, b in member.sentences:
                spans[(member.start + a, member.start + b)] = member.text[a:b]
        # Sentences that follow each other without a gap were one paragraph in the report.
        parts, last_end = [], None
        for (start, end), text in sorted(spans.items()):
            if last_end is not None and start > last_end + 1:
                parts.append("\n")
            parts.append(text)
            last_end = end
        return " > ".join(chunk.section[:2]), "".join(parts)

    def reload_if_changed(self) -> bool:
        """Switch to a newer published build, if any; the old one keeps answering until the new one is loaded."""
        with self._reload_lock:
            try:
                live = current_build(self.cfg.index_dir).name
            except Exception as exc:  # a missing pointer mid-deploy must not take the bot down
                log.warning("cannot check for a new index: %s", exc)
                return False
            if live == self.index.build_id:
                return False
            fresh = load_index(self.cfg.index_dir, model=self.embedder.name, store=self.cfg.store)
            self._snapshot = Snapshot(fresh, self._glossary())
            log.info("switched to index build %s", fresh.build_id)
            return True


def input_problem(question: str) -> str:
    """A clear reply for input that is not a question, or "" when it is one."""
    if not question or not question.strip():
        return "请输入一个问题，例如：2023年共立案多少宗？ / Please type a question, e.g. how many cases in 2023?"
    if not _MEANINGFUL.search(question):
        return "没有看懂这个问题：请用文字提问，例如：2023年共立案多少宗？ / Please ask in words."
    if _MARKUP.search(question) and not _MEANINGFUL.search(_MARKUP.sub("", _CODE.sub("", question))):
        # pasted web code: the words of a script ("alert") are no question about the documents; a question with
        # stray tags is still answered
        return "这看起来是网页代码，不是问题：请直接用文字提问。 / That looks like web markup, not a question: please ask in words."
    if len(question) > MAX_QUESTION_CHARS:
        return (f"问题太长（{len(question)}字），请缩短到{MAX_QUESTION_CHARS}字以内。"
                f" / The question is too long ({len(question)} characters); please keep it under {MAX_QUESTION_CHARS}.")
    return ""
