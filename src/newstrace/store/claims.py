"""Queries of the claims stage: attributed statements, and the parses they are found in.

Claims are stored per article and replaced whole when an article is re-read, like mentions.
A claim keeps the language stage's actor *key*, not the actor id: actors are re-merged on
every language run and their ids may change, so the actor is joined in at read time.

The parse cache holds the language stage's spaCy parse of each article, so the claims stage
reads it back (about a millisecond) instead of parsing again (about forty).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from newstrace.claims.records import CUE_TYPES, QUOTE_TYPES, STANCES, Claim
from newstrace.errors import UsageError
from newstrace.language.records import Span
from newstrace.store.articles import ArticleQueries

SPANS = ("speaker", "speaker_ref", "via", "cue", "medium", "content")
"""The claim's span fields, each stored as three columns: X_start, X_end and X (its text)."""
COLUMNS = ("id", "article_id", "part", *(f"{s}{end}" for s in SPANS
                                         for end in ("_start", "_end", "")),
           "speaker_key", "via_key", "cue_text", "cue_type", "stance", "quote_type", "denies",
           "run_id")
TITLE_FIRST = "CASE c.part WHEN 'title' THEN 0 ELSE 1 END"


class ClaimQueries(ArticleQueries):
    """Built on the article queries because an `--article` filter resolves ids like `show`."""

    # -- the parse cache ---------------------------------------------------------------

    def save_parse(self, article_id: str, model: str, data: bytes, run_id: str) -> None:
        """Keep one article's parse (call inside a transaction); a re-parse replaces it."""
        self.conn.execute(
            "INSERT OR REPLACE INTO parses (article_id, model, data, run_id) VALUES (?,?,?,?)",
            (article_id, model, data, run_id))

    def get_parse(self, article_id: str) -> tuple[str, bytes] | None:
        """(model, serialised parse), or None when the article was never parsed."""
        row = self.conn.execute("SELECT model, data FROM parses WHERE article_id = ?",
                                (article_id,)).fetchone()
        return None if row is None else (str(row[0]), bytes(row[1]))

    # -- writing claims ----------------------------------------------------------------

    def save_article_claims(self, article_id: str, claims: Sequence[Claim],
                            run_id: str) -> None:
        """Replace one article's claims (call inside a transaction)."""
        strays = {c.article_id for c in claims} - {article_id}
        if strays:  # they would escape the next replacement of either article
            raise ValueError(f"claims of {sorted(strays)} saved as claims of {article_id}")
        self.conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        rows = {c.id: _claim_row(c, run_id) for c in claims}  # one position, one claim
        self.conn.executemany(
            f"INSERT INTO claims ({', '.join(COLUMNS)}) VALUES ({','.join('?' * len(COLUMNS))})",
            list(rows.values()))

    # -- reading claims ----------------------------------------------------------------

    def article_claims(self, article_id: str) -> list[Claim]:
        """One article's claims as records, the title's first, then in text order."""
        rows = self.conn.execute(
            "SELECT * FROM claims c WHERE article_id = ? "
            f"ORDER BY {TITLE_FIRST}, content_start, cue_start, id", (article_id,)).fetchall()
        return [_claim(r) for r in rows]

    def list_claims(self, article: str | None = None, speaker: str | None = None,
                    limit: int | None = None) -> list[dict[str, Any]]:
        """Claims with their speakers' actors resolved, oldest article first.

        ``speaker`` matches, ignoring case, the speaker as written, the mention it resolves
        to, and the actor's name and aliases; it is matched here rather than in SQL because
        SQLite folds the case of ASCII letters only.
        """
        sql = ("SELECT c.*, sa.id AS speaker_actor_id, sa.name AS speaker_actor, "
               "sa.aliases AS speaker_aliases, va.id AS via_actor_id, va.name AS via_actor "
               "FROM claims c "
               "JOIN articles a ON a.id = c.article_id "
               "LEFT JOIN actor_keys sk ON sk.article_id = c.article_id "
               "AND sk.key = c.speaker_key LEFT JOIN actors sa ON sa.id = sk.actor_id "
               "LEFT JOIN actor_keys vk ON vk.article_id = c.article_id "
               "AND vk.key = c.via_key LEFT JOIN actors va ON va.id = vk.actor_id")
        params: list[Any] = []
        if article is not None:
            sql += " WHERE c.article_id = ?"
            params.append(self.get_article(article).id)
        sql += (" ORDER BY a.published_utc IS NULL, a.published_utc, a.id, "
                f"{TITLE_FIRST}, c.content_start, c.cue_start, c.id")
        if limit is not None and limit < 0:
            raise UsageError(f"limit {limit}: cannot be negative")
        if limit is not None and speaker is None:
            sql += f" LIMIT {int(limit)}"
        out: list[dict[str, Any]] = []
        for row in self.conn.execute(sql, params):
            if limit is not None and len(out) >= limit:
                break
            if speaker is None or _speaker_matches(row, speaker):
                out.append(_claim_dict(row))
        return out

    def claims_summary(self) -> dict[str, int]:
        """How many claims, in how many articles, of each cue type, stance and quote type."""
        one = self.conn.execute
        out = {"claims": int(one("SELECT count(*) FROM claims").fetchone()[0]),
               "claim_articles": int(one(
                   "SELECT count(DISTINCT article_id) FROM claims").fetchone()[0])}
        for column, values in (("cue_type", CUE_TYPES), ("stance", STANCES),
                               ("quote_type", QUOTE_TYPES)):
            counts = dict(one(f"SELECT {column}, count(*) FROM claims GROUP BY 1").fetchall())
            out.update({f"{column}_{v}": int(counts.get(v, 0)) for v in values})
        return out


def _claim_row(c: Claim, run_id: str) -> tuple[Any, ...]:
    spans: list[Any] = []
    for span in (c.speaker, c.speaker_ref, c.via, c.cue, c.medium, c.content):
        spans += (None, None, None) if span is None else (span.start, span.end, span.text)
    return (c.id, c.article_id, c.part, *spans, c.speaker_actor, c.via_actor, c.cue_text,
            c.cue_type, c.stance, c.quote_type, c.denies, run_id)


def _span(row: sqlite3.Row, name: str) -> Span | None:
    start = row[f"{name}_start"]
    return None if start is None else Span(int(start), int(row[f"{name}_end"]), row[name])


def _claim(row: sqlite3.Row) -> Claim:
    cue, content = _span(row, "cue"), _span(row, "content")
    assert cue is not None and content is not None  # NOT NULL columns
    return Claim(article_id=row["article_id"], part=row["part"], speaker=_span(row, "speaker"),
                 cue=cue, cue_type=row["cue_type"], content=content, stance=row["stance"],
                 quote_type=row["quote_type"], speaker_ref=_span(row, "speaker_ref"),
                 speaker_actor=row["speaker_key"], via=_span(row, "via"),
                 via_actor=row["via_key"], cue_text=row["cue_text"],
                 medium=_span(row, "medium"), denies=row["denies"])


def _claim_dict(row: sqlite3.Row) -> dict[str, Any]:
    """A claim for people and programs: flat, each span as its text and its offsets."""
    out: dict[str, Any] = {"id": row["id"], "article": row["article_id"], "part": row["part"]}
    for name in SPANS:
        out.update({name: row[name], f"{name}_start": row[f"{name}_start"],
                    f"{name}_end": row[f"{name}_end"]})
    for name in ("speaker_key", "speaker_actor", "speaker_actor_id", "via_key", "via_actor",
                 "via_actor_id", "cue_text", "cue_type", "stance", "quote_type", "denies"):
        out[name] = row[name]
    out["run"] = row["run_id"]
    return out


def _speaker_matches(row: sqlite3.Row, needle: str) -> bool:
    aliases = json.loads(row["speaker_aliases"]) if row["speaker_aliases"] else []
    names = [row["speaker"], row["speaker_ref"], row["speaker_actor"], *aliases]
    folded = needle.casefold()
    return any(folded in name.casefold() for name in names if name)
