"""Rich text: one cell's HTML fragment to paragraphs and lists of clean text."""

from __future__ import annotations

import pytest

from extract.fragments import TextBlock, is_blank, parse_fragment


def P(text: str) -> TextBlock:  # reads like the block it builds
    return TextBlock("paragraph", (text,))


def L(*items: str) -> TextBlock:
    return TextBlock("list", items)


CASES = [
    pytest.param("Plain text.", [P("Plain text.")], id="plain"),
    pytest.param("", [], id="empty"),
    pytest.param("<p>One.</p> <p>Two.</p>", [P("One."), P("Two.")], id="paragraphs"),
    pytest.param("<p>Lead:</p> <ul style=\"list-style-type: none\"> <li>a</li> <li>b</li> </ul>",
                 [P("Lead:"), L("a", "b")], id="paragraph-then-list"),
    pytest.param("<ul><li>• dialogue</li><li>•the role</li><li>◦ third</li></ul>",
                 [L("dialogue", "the role", "third")], id="bullet-glyphs-dropped"),
    pytest.param("<ol><li>one<ul><li>nested</li></ul></li><li>two</li></ol>",
                 [L("one", "nested", "two")], id="nested-list-flattened"),
    pytest.param("We will develop a <i>Reporting for Impact</i> guidance document.",
                 [P("We will develop a Reporting for Impact guidance document.")], id="italic-is-plain"),
    pytest.param("in <a href=\"#\">Clinical Audit: A guide</a> and the <a href=\"#\">Handbook</a> .",
                 [P("in Clinical Audit: A guide and the Handbook.")], id="link-text-kept"),
    pytest.param("the <i>Board Guide</i> , both", [P("the Board Guide, both")], id="space-before-comma"),
    pytest.param("<i>a</i> ; <i>b</i> : <i>c</i> ) end", [P("a; b: c) end")], id="space-before-other-punct"),
    pytest.param("a , b", [P("a , b")], id="space-kept-without-tag-boundary"),
    pytest.param("Fish &amp; chips &lt;3&nbsp;and&#160;more", [P("Fish & chips <3 and more")], id="entities"),
    pytest.param("End.&nbsp; Next.", [P("End."), P("Next.")], id="nbsp-space-is-a-gap"),
    pytest.param("  lots \t of\u00a0 space ", [P("lots"), P("of"), P("space")], id="gaps-split-plain-cells"),
    pytest.param("First para.  Second para.", [P("First para."), P("Second para.")], id="two-spaces-plain"),
    pytest.param("<p>First para.  Same para.</p>", [P("First para. Same para.")], id="two-spaces-in-p"),
    pytest.param("<i>Guide</i>.  Next para.", [P("Guide."), P("Next para.")], id="two-spaces-inline-tags"),
    pytest.param("• one  • two  After.", [L("one", "two"), P("After.")], id="plain-bullets-make-a-list"),
    pytest.param("<p>a<!-- hidden --> b</p><script>alert(1)</script><style>p{}</style><?pi x?>",
                 [P("a b")], id="scripts-comments-dropped"),
    pytest.param("<p>line<br>break</p>", [P("line break")], id="br-is-space"),
    pytest.param("loose <p>para</p> tail", [P("loose"), P("para"), P("tail")], id="loose-text-around-blocks"),
    pytest.param("<li>x</li><li>y</li></ul>", [L("x", "y")], id="bare-list-items"),
    pytest.param("<p> </p><p>\u00a0</p>", [], id="empty-blocks-dropped"),
    pytest.param("page\x0cbreak <b>x</b>\x01", [P("page break x")], id="control-characters-are-spaces"),
    pytest.param("a\u200b b &#8203;", [P("a b")], id="zero-width-spaces-dropped"),
    pytest.param("<ul>Intro<li>a</li> stray <li>b</li></ul>", [L("Intro", "a", "stray", "b")], id="text-in-a-list-kept"),
    pytest.param("<ul><li><p>First</p><p>Second</p></li></ul>", [L("First Second")], id="blocks-in-an-item-spaced"),
    pytest.param("<li>a<ul><li>b</li></ul>tail</li>", [L("a", "b", "tail")], id="text-after-a-nested-list"),
    pytest.param("see <i> Board Guide </i> now", [P("see Board Guide now")], id="tag-boundary-spaces-are-no-gap"),
    pytest.param("&#xa0; <script>x</script>", [], id="only-entities-and-scripts-is-empty"),
    pytest.param("<noscript>kept</noscript>", [P("kept")], id="noscript-text-kept"),
    pytest.param("<!DOCTYPE", [], id="a-lone-doctype-is-empty"),
    pytest.param("<!DOCTYPE html> Some <b>text</b>", [P("Some text")], id="doctype-before-text-dropped"),
]


@pytest.mark.parametrize(("fragment", "expected"), CASES)
def test_parse_fragment(fragment: str, expected: list[TextBlock]) -> None:
    assert list(parse_fragment(fragment)) == expected


@pytest.mark.parametrize(
    ("fragment", "blank"),
    [("", True), (" <p> &nbsp;</p> ", True), ("&#xa0;", True), ("<script>x</script>", True),
     ("<p>x</p>", False), ("x", False)],
)
def test_is_blank(fragment: str, blank: bool) -> None:
    assert is_blank(fragment) is blank
