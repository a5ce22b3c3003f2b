"""Shared fixtures: the seed story, the gazetteer, and maps built once per session."""

from __future__ import annotations

import pathlib

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.gazetteer import Gazetteer

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "2025-02-03-kyodo-ishiba-trump-summit.txt"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def run(*args: str, input: str | bytes | None = None):
    """Run the geomap CLI in-process, as a user would from a shell."""
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="session")
def offline_map(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("offline")
    result = run("build", str(SEED), "--out", str(out), "--offline")
    assert result.exit_code == 0, result.output
    return out / f"{SEED.stem}.html"


@pytest.fixture(scope="session")
def online_map(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("online")
    result = run("build", str(SEED), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out / f"{SEED.stem}.html"
