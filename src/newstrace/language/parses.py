"""The parse cache's format: a spaCy parse as bytes, and back, without the model.

The language stage parses every article once (about 40 ms for 1,500 characters); the claims
stage needs the same parse. Stored as a `DocBin` it costs about 1 ms to write, 1 ms to read
and 5 KB an article, and reading needs no model: a DocBin carries its own strings.

Only what later stages read is kept: tokens and their spacing, tags, the dependency tree,
sentences and entities. Lemmas are not (no lemmatizer runs), nor user data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy takes most of a second to import: not for every CLI command
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

ATTRS = ["ORTH", "TAG", "POS", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "SENT_START"]


def doc_to_bytes(doc: Doc) -> bytes:
    from spacy.tokens import DocBin

    docs = DocBin(attrs=ATTRS, store_user_data=False)
    docs.add(doc)
    return docs.to_bytes()


def doc_from_bytes(data: bytes, vocab: Vocab) -> Doc:
    """The one parse in ``data``; ``vocab`` should come from `blank_vocab`, shared per run."""
    from spacy.tokens import DocBin

    docs = list(DocBin().from_bytes(data).get_docs(vocab))
    if len(docs) != 1:
        raise ValueError(f"a stored parse holds {len(docs)} documents, not one")
    return docs[0]


def blank_vocab() -> Vocab:
    """An English vocabulary without a model.

    Not a bare `Vocab()`: that one has no lexical attribute functions, so every token read
    into it has an empty ``lower_`` and is never ``is_punct`` or ``is_space``, and
    ``noun_chunks`` raises; the claims finders rely on all of these.
    """
    from spacy.lang.en import English
    from spacy.vocab import create_vocab

    return create_vocab("en", English.Defaults)
