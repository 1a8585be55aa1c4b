from __future__ import annotations

import pytest

from extract import parse_text
from helpers import HQIP
from schema import Report


@pytest.fixture(scope="session")
def hqip_text() -> str:
    return HQIP.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def hqip(hqip_text: str) -> Report:
    return parse_text(hqip_text, name=HQIP.name)
