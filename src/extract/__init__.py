"""report-extract: recommendation-and-response report tables to validated JSON.

>>> from extract import parse
>>> report = parse("samples/hqip-engaging-clinicians-2014.txt")
>>> report.report.responder, str(report.report.published)
('HQIP', '2014-10-08')
>>> print(report.to_json()[:1])
{
"""

from extract.audit import Audit, audit
from extract.errors import ExtractError
from extract.pipeline import parse, parse_bytes, parse_text
from extract.profile import Profile

__all__ = ["Audit", "ExtractError", "Profile", "audit", "parse", "parse_bytes", "parse_text"]
