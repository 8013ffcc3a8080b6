"""The stage registry: named, versioned stages whose needs are checked up front."""

from __future__ import annotations

import pytest

from newstrace import stages
from newstrace.errors import PipelineError, UsageError


@pytest.fixture
def registry(monkeypatch):
    """A registry holding the real stages plus whatever a test registers, undone afterwards."""
    monkeypatch.setattr(stages, "_REGISTRY", dict(stages._REGISTRY))
    return stages._REGISTRY


def test_ingest_is_registered():
    from newstrace.ingest import VERSION, ingest

    stage = stages.get("ingest")
    assert stage.fn is ingest
    assert stage.version == VERSION
    assert stage.needs == ()
    assert set(stage.produces) >= {"articles", "outlets"}
    assert stage.doc.startswith("Ingest files")
    assert stage in stages.all_stages()


def test_plan_accepts_needs_met_by_earlier_stage(registry):
    @stages.register("test_reuse", "0.1", needs=("articles",), produces=("reuse_links",))
    def reuse() -> None:
        """Find text reuse."""

    ordered = stages.plan(["ingest", "test_reuse"])
    assert [s.name for s in ordered] == ["ingest", "test_reuse"]
    assert stages.get("test_reuse").doc == "Find text reuse."


def test_plan_rejects_unmet_need(registry):
    @stages.register("test_claims", "0.1", needs=("articles", "languages"), produces=("claims",))
    def claims() -> None:
        pass

    with pytest.raises(PipelineError, match="needs languages, which no earlier stage produces"):
        stages.plan(["ingest", "test_claims"])
    # the order matters: a need produced only by a later stage is unmet
    @stages.register("test_language", "0.1", needs=("articles",), produces=("languages",))
    def language() -> None:
        pass

    with pytest.raises(PipelineError):
        stages.plan(["ingest", "test_claims", "test_language"])
    assert [s.name for s in stages.plan(["ingest", "test_language", "test_claims"])] == [
        "ingest", "test_language", "test_claims"]
    # what is already in the store counts as available
    assert stages.plan(["test_claims"], available=["articles", "languages"])


def test_unknown_stage(registry):
    with pytest.raises(UsageError, match=r"unknown stage 'nope'.*ingest"):
        stages.plan(["ingest", "nope"])


def test_registering_a_different_function_twice_fails(registry):
    def one() -> None:
        pass

    def two() -> None:
        pass

    stages.register("test_twice", "1")(one)
    stages.register("test_twice", "1")(one)  # the same function again is fine (re-import)
    with pytest.raises(PipelineError, match="registered twice"):
        stages.register("test_twice", "1")(two)


def test_registry_fixture_undoes_registrations():
    assert all(not s.name.startswith("test_") for s in stages.all_stages())
