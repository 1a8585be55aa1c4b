"""Layout profiles: a TOML file overrides what the layout stage infers, and must fit the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import Profile, parse_text
from extract.cli import main
from extract.errors import ProfileError
from helpers import HQIP

HEADER = "Rec no\tWhat was recommended\tOwner\tWhat we will do"
ROWS = ["A1\tKeep records.\tChief Nurse\tAgreed.  We will audit them.", "A2\tShare them.\t\tIn part."]


def _doc(*lines: str) -> str:
    return "\n".join(["", "Title", "", *lines]) + "\n"


def test_without_a_profile_an_unusual_identifier_label_is_found_from_its_cells() -> None:
    report = parse_text(_doc(HEADER, *ROWS), name="x.txt")
    assert report.tables[0].columns[0].key == "number"
    note = next(d for d in report.diagnostics if d.code == "identifier-column")
    assert note.severity.value == "info" and "taken as the identifier column" in note.message


def test_a_profile_names_the_identifier_labels_inheritance_and_paragraphs() -> None:
    profile = {
        "identifier": "Rec no",
        "labels": {"What was recommended": "recommendation", "What we will do": "response"},
        "inherit": ["owner"],
        "paragraphs": "single",
    }
    report = parse_text(_doc(HEADER, *ROWS), name="x.txt", profile=profile)
    assert [c.key for c in report.tables[0].columns] == ["number", "recommendation", "owner", "response"]
    first, second = (record.cells() for record in report.records)
    assert first["response"].text == "Agreed. We will audit them."
    assert (second["owner"].text, second["owner"].inherited_from) == ("Chief Nurse", "A1")
    assert second["response"].text == "In part."


def test_profile_from_a_toml_file_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, profile = tmp_path / "in.txt", tmp_path / "profile.toml"
    source.write_text(_doc(HEADER, *ROWS), encoding="utf-8")
    profile.write_text('identifier = "Rec no"\n[labels]\n"What we will do" = "response"\n', encoding="utf-8")
    assert main(["-q", str(source), "--profile", str(profile)]) == 0
    assert '"response": {' in capsys.readouterr().out


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ({"identifier": "Ref"}, "the profile names the header label 'Ref', which the header lacks (it has 'Rec no', "),
        ({"identifier": "Rec no", "inherit": ["lead"]}, "the profile lets column 'lead' inherit merged cells, but the "
                                                        "columns that may are what_was_recommended, owner, "),
        ({"identifier": "Rec no", "inherit": ["number"]}, "the profile lets column 'number' inherit merged cells"),
        ({"labels": {"Owner": "who", "What we will do": "who"}}, "the profile maps two labels to the key 'who'"),
        ({"identifer": "Rec no"}, "the profile's identifer: Extra inputs are not permitted"),
        ({"labels": {"Owner": "Owner Key"}}, "label 'Owner' maps to 'Owner Key', which is not a snake_case key"),
        ({"paragraphs": "triple"}, "the profile's paragraphs: Input should be 'two-spaces' or 'single'"),
    ],
)
def test_a_profile_that_does_not_fit_is_an_error_naming_the_mismatch(profile: dict[str, object], message: str) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_text(_doc(HEADER, *ROWS), name="x.txt", profile=profile)
    assert message in str(caught.value)


def test_a_profile_file_that_is_not_toml(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("identifier = \n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"bad\.toml: the profile is not valid TOML"):
        Profile.resolve(bad)


def test_the_hqip_report_with_an_empty_profile_is_unchanged(hqip_text: str, hqip) -> None:  # type: ignore[no-untyped-def]
    assert parse_text(hqip_text, name=hqip.source.file, profile={}).to_json() == hqip.to_json()


def test_a_profile_that_is_not_utf8_or_not_a_profile_at_all(tmp_path: Path) -> None:
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'identifier = "R\xe9f"\n')
    with pytest.raises(ProfileError, match="not UTF-8 text"):
        Profile.resolve(latin)
    with pytest.raises(ProfileError, match="a profile is a Profile, a dict or a TOML file's path, got int"):
        Profile.resolve(5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("x = " + "[" * 3000 + "]" * 3000, "the profile is over 4,096 bytes: not a layout profile"),
        ("x = " + "[" * 1500 + "]" * 1500, "the profile is not a layout profile: its values are nested too deeply"),
        ("x = " + "1" * 5001, "the profile is over 4,096 bytes: not a layout profile"),
        ("a" + ".a" * 50_000 + " = 1", "the profile is over 4,096 bytes: not a layout profile"),
    ],
    ids=["deep-and-long", "deep", "5001-digits", "long-dotted-key"],
)
def test_a_hostile_profile_is_a_profile_error_naming_it(tmp_path: Path, content: str, message: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "hostile.toml"
    profile.write_text(content)
    assert main(["-q", "--profile", str(profile), str(HQIP)]) == 1
    assert capsys.readouterr().err == f"{profile}: {message}\n"


def test_an_endless_profile_is_refused_after_a_few_kib(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "--profile", "/dev/zero", str(HQIP)]) == 1
    assert capsys.readouterr().err == "/dev/zero: the profile is over 4,096 bytes: not a layout profile\n"
