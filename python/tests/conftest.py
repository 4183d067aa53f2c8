"""Paths of the repository's fixtures and examples."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "crates" / "roadmap-io" / "tests" / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def example() -> Path:
    return ROOT / "examples" / "itu-transformation.xlsx"


@pytest.fixture
def profile() -> str:
    """The example organization's profile: its pillars, areas, checkpoints."""
    return str(ROOT / "examples" / "profiles" / "itu-transformation.profile.json")


@pytest.fixture
def seed() -> Path:
    return ROOT / "examples" / "itu-transformation.json"
