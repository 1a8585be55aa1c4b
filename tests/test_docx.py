"""Word files (.docx) read directly: the HQIP table as Word writes it gives the text route's cells,
and the reader's rules (merged cells, lists, runs, tracked changes, content controls, nested tables)
on small documents written here with python-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from extract import parse, parse_bytes
from helpers import warnings
from schema import Report
from test_repaginate import essence

WORD = Path(__file__).parent / "fixtures" / "word"
DOCX = sorted(WORD.glob("*.docx"))
NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{NS}"'


@pytest.mark.parametrize("path", DOCX, ids=[p.stem for p in DOCX])
def test_the_hqip_table_typed_in_word_gives_the_text_routes_recommendations(path: Path, hqip: Report) -> None:
    # samples/make_word_pdfs.py: two repeating header rows with "No." merged down, the group labels
    # spanning two columns, items 14 and 15 merged, Word bullet lists, italic runs.
    report = parse(path)
    assert report.source.format == "docx"
    assert essence(report) == essence(hqip)
    assert [(d.code, d.message) for d in report.diagnostics] == [(d.code, d.message) for d in hqip.diagnostics]
    assert report.tables[0].columns == hqip.tables[0].columns
    assert (report.title, report.report) == (hqip.title, hqip.report)


def _document(build: object) -> bytes:
    document = docx.Document()
    build(document)  # type: ignore[operator]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document: docx.document.Document, rows: list[tuple[str, ...]]) -> docx.table.Table:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    return table


def test_merged_cells_lists_and_two_tables_under_their_headings() -> None:
    def build(document: docx.document.Document) -> None:
        document.add_heading("Responses to the review (published 1 Jan 2015)", level=1)
        document.add_paragraph("To the Ministry")
        table = _table(document, [("No.", "Recommendation", "Response"), ("1", "Publish.", "Agreed."),
                                  ("2", "Review.", ""), ("3", "Train.", "Done.")])
        table.cell(2, 2).merge(table.cell(3, 2))  # one response for items 2 and 3 (vMerge)
        table.cell(2, 2).text = "Both in hand."
        cell = table.cell(1, 1)
        cell.add_paragraph("every trust", style="List Bullet")
        cell.add_paragraph("every board", style="List Bullet")
        document.add_paragraph("To the Agency")
        _table(document, [("No.", "Recommendation", "Response"), ("1", "Audit.", "Noted.")])

    report = parse_bytes(_document(build), name="responses.docx")
    assert report.title == "Responses to the review (published 1 Jan 2015)"
    assert [(t.heading, [r.id for r in t.rows]) for t in report.tables] == [
        ("To the Ministry", ["1", "2", "3"]), ("To the Agency", ["1"])]
    first = report.tables[0].rows
    assert first[0].cells()["recommendation"].text == "Publish.\n\n- every trust\n- every board"
    assert [(r.cells()["response"].text, r.cells()["response"].inherited_from) for r in first[1:]] == [
        ("Both in hand.", None), ("Both in hand.", 2)]


def test_runs_links_content_controls_and_tracked_changes_read_as_accepted() -> None:
    paragraph = (
        f'<w:p {W}><w:r><w:t xml:space="preserve">See the </w:t></w:r>'
        '<w:hyperlink><w:r><w:t>guide</w:t></w:r></w:hyperlink>'
        '<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve"> now</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText> never</w:delText></w:r></w:del>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve">, in a control</w:t></w:r></w:sdtContent></w:sdt>'
        '<w:r><w:tab/><w:t>too.</w:t></w:r></w:p>'
    )

    def build(document: docx.document.Document) -> None:
        document.add_paragraph("Responses (published 1 Jan 2015)")
        table = _table(document, [("No.", "Recommendation", "Response"), ("1", "Publish.", "")])
        cell = table.cell(1, 2)
        cell._tc.remove(cell.paragraphs[0]._p)
        cell._tc.append(parse_xml(paragraph))
        inner = cell.add_table(rows=1, cols=2)  # a table nested in the cell: its text stays the cell's
        inner.cell(0, 0).text = "Inner one"
        inner.cell(0, 1).text = "Inner two"

    report = parse_bytes(_document(build), name="runs.docx")
    (row,) = report.records
    assert row.cells()["response"].text == "See the guide now, in a control too.\n\nInner one\n\nInner two"
    assert warnings(report) == []


def test_a_cell_spanning_columns_leaves_the_columns_it_covers_empty() -> None:
    def build(document: docx.document.Document) -> None:
        document.add_paragraph("Responses (published 1 Jan 2015)")
        table = _table(document, [("No.", "Recommendation", "Owner", "Response"),
                                  ("1", "Publish.", "Board", "Agreed."), ("2", "Review.", "", "Noted.")])
        table.cell(2, 1).merge(table.cell(2, 2))  # gridSpan 2
        table.cell(2, 1).text = "Review, with every owner."

    report = parse_bytes(_document(build), name="span.docx")
    assert [(r.id, r.cells()["recommendation"].text, r.cells()["owner"].text) for r in report.records] == [
        ("1", "Publish.", "Board"), ("2", "Review, with every owner.", "")]


@pytest.mark.parametrize(("kind", "message"), [
    ("truncated", "the Word document is damaged or truncated"),
    ("doc", "a legacy Word or Excel file (.doc, .xls) is not read: save it as .docx"),
    ("odt", "an OpenDocument file (.odt, .ods) is not read: save it as .docx"),
    ("xlsx", "an Excel workbook (.xlsx) is not read: save it as .docx"),
])
def test_a_damaged_or_unread_office_file_is_one_clear_line(kind: str, message: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    from extract.cli import main

    good = _document(lambda document: document.add_paragraph("x"))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as members:
        if kind == "odt":
            members.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        members.writestr("xl/workbook.xml" if kind == "xlsx" else "content.xml", "<x/>")
    data = {"truncated": good[: len(good) // 2], "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "odt": archive.getvalue(), "xlsx": archive.getvalue()}[kind]
    source = tmp_path / f"input.{kind}"
    source.write_bytes(data)
    assert main([str(source), "-o", str(tmp_path / "out.json")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{source}: {message}") and len(err.splitlines()) == 1
    assert not (tmp_path / "out.json").exists()


def _three_items(document: docx.document.Document) -> docx.table.Table:
    document.add_paragraph("Responses (published 1 Jan 2015)")
    return _table(document, [("No.", "Recommendation", "Response"), ("1", "Publish.", "Agreed."),
                             ("2", "Review.", "Noted."), ("3", "Train.", "Done.")])


def _replace_cell_paragraph(cell: docx.table._Cell, xml: str) -> None:
    cell._tc.remove(cell.paragraphs[0]._p)
    cell._tc.append(parse_xml(xml))


def test_word_odds_and_ends_read_as_word_shows_them() -> None:
    box = ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Box note.</w:t></w:r></w:p>'
           '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box note.'
           '</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>')

    def build(document: docx.document.Document) -> None:
        table = _three_items(document)
        # A text box (read once, apart), a run marked not hidden, a placeholder, odd symbol codes.
        _replace_cell_paragraph(table.cell(1, 2), f'<w:p {W}><w:r><w:t>Agreed.</w:t></w:r>{box}</w:p>')
        _replace_cell_paragraph(table.cell(2, 2), f'<w:p {W}><w:r><w:t>Noted.</w:t></w:r><w:r><w:rPr>'
                                '<w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> By June 2025.</w:t></w:r>'
                                '<w:r><w:sym w:char="zz"/><w:sym w:char="110000"/></w:r></w:p>')
        _replace_cell_paragraph(table.cell(3, 2), f'<w:p {W}><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr>'
                                '<w:sdtContent><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent>'
                                '</w:sdt></w:p>')
        # Word records a page break in every cell of a row that opens a page: one page, not three.
        for cell in table.rows[3].cells:
            cell.paragraphs[0]._p.insert(0, parse_xml(f'<w:r {W}><w:lastRenderedPageBreak/></w:r>'))

    report = parse_bytes(_document(build), name="odds.docx")
    assert [(r.id, r.pages, r.cells()["response"].text) for r in report.records] == [
        ("1", [1], "Agreed. Box note."), ("2", [1], "Noted. By June 2025."), ("3", [2], "")]
    assert report.source.page_count == 2


def test_rows_with_cells_left_out_before_them_and_spans_out_of_range() -> None:
    def build(document: docx.document.Document) -> None:
        table = _three_items(document)
        row = table.rows[3]._tr  # row 3 leaves out its first grid column (w:gridBefore)
        row.remove(row.tc_lst[0])
        row.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {W} w:val="1"/>'))
        table.cell(1, 1)._tc.get_or_add_tcPr().append(parse_xml(f'<w:gridSpan {W} w:val="2000000000"/>'))

    report = parse_bytes(_document(build), name="grid.docx")
    rows = [(r.id, r.cells()["recommendation"].text, r.cells()["response"].text) for r in report.records]
    assert rows == [("1", "Publish.", "Agreed."), ("2", "Review.\n\nTrain.", "Noted.\n\nDone.")]


def test_two_tables_apart_by_an_empty_paragraph_and_the_title_property() -> None:
    def build(document: docx.document.Document) -> None:
        document.core_properties.title = "Responses (published 1 Jan 2015)"
        _table(document, [("No.", "Recommendation", "Response"), ("1", "Publish.", "Agreed.")])
        document.add_paragraph("")
        _table(document, [("No.", "Recommendation", "Response"), ("1", "Audit.", "Noted.")])

    report = parse_bytes(_document(build), name="two.docx")
    assert report.title == "Responses (published 1 Jan 2015)"
    assert [[r.id for r in t.rows] for t in report.tables] == [["1"], ["1"]]


def test_a_word_online_file_with_its_document2_part_is_a_word_file() -> None:
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(_document(_three_items)))
    renamed = io.BytesIO()
    with zipfile.ZipFile(renamed, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in ("[Content_Types].xml", "_rels/.rels"):
                data = data.replace(b"/word/document.xml", b"/word/document2.xml").replace(
                    b'Target="word/document.xml"', b'Target="word/document2.xml"')
            target.writestr(item.filename.replace("word/document.xml", "word/document2.xml"), data)
    report = parse_bytes(renamed.getvalue(), name="online.docx")
    assert report.source.format == "docx" and [r.id for r in report.records] == ["1", "2", "3"]


def test_an_identifier_column_numbered_by_word_reads_as_word_shows_it() -> None:
    def build(document: docx.document.Document) -> None:
        table = _three_items(document)
        for row in (1, 2, 3):  # the "No." cells numbered with Word's Numbering button, no text typed
            cell = table.cell(row, 0)
            cell.paragraphs[0].text = ""
            cell.paragraphs[0].style = "List Number"

    report = parse_bytes(_document(build), name="numbered.docx")
    assert [(r.id, r.recommendation.text) for r in report.recommendations] == [
        ("1.", "Publish."), ("2.", "Review."), ("3.", "Train.")]


def test_each_cell_says_which_table_row_and_grid_column_it_was_read_from() -> None:
    def build(document: docx.document.Document) -> None:
        _table(document, [("No.", "Recommendation", "Response"), ("1", "Publish.", "Agreed.")])
        document.add_paragraph("Further recommendations")
        table = _table(document, [("No.", "Recommendation", "Response"), ("", "", ""), ("2", "Review.", ""),
                                  ("3", "Train.", "Done.")])
        table.cell(2, 2).merge(table.cell(3, 2))  # one response for items 2 and 3 (vMerge)
        table.cell(2, 2).text = "Both in hand."

    report = parse_bytes(_document(build), name="positions.docx")
    seen = [(row.id, key, cell.text, [(p.position.table, p.position.row, p.position.column)
                                      for p in cell.provenance if p.position is not None])
            for table in report.tables for row in table.rows for key, cell in row.cells().items()]
    # the empty second row of table 2 is counted; item 3's inherited response points at item 2's cell
    assert seen == [("1", "recommendation", "Publish.", [(1, 2, 2)]), ("1", "response", "Agreed.", [(1, 2, 3)]),
                    ("2", "recommendation", "Review.", [(2, 3, 2)]), ("2", "response", "Both in hand.", [(2, 3, 3)]),
                    ("3", "recommendation", "Train.", [(2, 4, 2)]), ("3", "response", "Both in hand.", [(2, 3, 3)])]
    assert all(p.bbox is None for table in report.tables for row in table.rows
               for cell in row.cells().values() for p in cell.provenance)


def test_a_numbered_list_in_a_cell_keeps_the_numbers_word_shows() -> None:
    def build(document: docx.document.Document) -> None:
        table = _three_items(document)
        cell = table.cell(1, 2)
        cell.paragraphs[0].text = "Agreed, in three steps:"
        for step in ("Consult.", "Draft.", "Publish."):
            cell.add_paragraph(step, style="List Number")
        cell.add_paragraph("And a bullet.", style="List Bullet")
        document.add_paragraph("Steps outside the table", style="List Number")

    report = parse_bytes(_document(build), name="steps.docx")
    blocks = report.recommendations[0].cells()["response"].blocks
    assert [getattr(block, "items", getattr(block, "text", None)) for block in blocks] == [
        "Agreed, in three steps:", ["1. Consult.", "2. Draft.", "3. Publish.", "And a bullet."]]
    # the numbered paragraph below the table goes on counting its list, as Word shows it
    assert any("4. Steps outside the table" in d.message for d in report.diagnostics)


def _with_notes(data: bytes, footnotes: list[str]) -> bytes:
    """A Word file with footnotes (python-docx writes none): the part, its relationship and content
    type, and a reference to each note at the end of the first cell's text, in reverse order."""
    notes = "".join(f'<w:footnote w:id="{n + 1}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
                    for n, text in enumerate(footnotes))
    part = (f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            f'</w:footnote>{notes}</w:footnotes>').encode()
    references = "".join(f'<w:r><w:footnoteReference w:id="{n}"/></w:r>' for n in range(len(footnotes), 0, -1))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType='
                                          b'"application/vnd.openxmlformats-officedocument.wordprocessingml.'
                                          b'footnotes+xml"/></Types>')
            elif item.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", b'<Relationship Id="rIdNotes" Type="http://schemas.'
                                          b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                                          b'Target="footnotes.xml"/></Relationships>')
            elif item.filename == "word/document.xml":
                content = content.replace(b"</w:t></w:r></w:p></w:tc>", b"</w:t></w:r>" + references.encode()
                                          + b"</w:p></w:tc>", 1)
            target.writestr(item.filename, content)
        target.writestr("word/footnotes.xml", part)
    return out.getvalue()


def test_footnotes_are_lines_after_the_body_numbered_in_the_order_the_text_refers_to_them() -> None:
    data = _with_notes(_document(_three_items), ["Written first, referred to second.", "Referred to first."])
    report = parse_bytes(data, name="notes.docx")
    assert [r.id for r in report.records] == ["1", "2", "3"]
    said = [d.message for d in report.diagnostics if d.code == "unplaced-line"]
    assert said == ["text after the last table, not part of any row, kept out of the output: "
                    "'1 Referred to first.'", "text after the last table, not part of any row, kept out of the "
                    "output: '2 Written first, referred to second.'"]


def _number_with(paragraph: docx.text.paragraph.Paragraph, num_id: str) -> None:
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_word_numbers_by_style_across_lists_of_one_definition_and_in_nested_tables() -> None:
    def build(document: docx.document.Document) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        table = _three_items(document)
        numbering = document.part.numbering_part.element
        list_number = document.styles["List Number"].element.pPr.numPr.numId.val
        definition = numbering.num_having_numId(list_number).abstractNumId.val
        # a second list of the same definition: Word counts on across both
        numbering.append(parse_xml(f'<w:num {W} w:numId="77"><w:abstractNumId w:val="{definition}"/></w:num>'))
        custom = document.styles.add_style("Rec Numbered", WD_STYLE_TYPE.PARAGRAPH)
        custom.element.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="{list_number}"/></w:numPr>'))
        first = table.cell(1, 2)
        first.paragraphs[0].text = "In steps:"
        first.add_paragraph("Consult.", style="Rec Numbered")  # numbered by a style of its own
        first.add_paragraph("Publish.", style="List Number")
        first.add_paragraph("", style="List Number")  # Word's empty numbered line at a list's end
        second = table.cell(2, 2)
        second.paragraphs[0].text = "Then:"
        _number_with(second.add_paragraph("Fund."), "77")  # the other list of the same definition
        inner = second.add_table(rows=1, cols=1)
        inner.cell(0, 0).paragraphs[0].text = "Train."
        inner.cell(0, 0).paragraphs[0].style = "List Number"  # in a table in the cell

    report = parse_bytes(_document(build), name="lists.docx")
    responses = [r.cells()["response"].text for r in report.records]
    assert responses == ["In steps:\n\n- 1. Consult.\n- 2. Publish.", "Then:\n\n- 4. Fund.\n\n5. Train.", "Done."]


def test_headers_and_footers_are_lines_after_the_body_each_once() -> None:
    def build(document: docx.document.Document) -> None:
        _three_items(document)
        document.sections[0].header.paragraphs[0].text = "OFFICIAL SENSITIVE"
        document.sections[0].footer.paragraphs[0].text = "Board papers, March 2015"
        document.add_section()  # a second section: its header and footer are the first's (linked)

    report = parse_bytes(_document(build), name="marked.docx")
    said = [d.message.rsplit(": ", 1)[1] for d in report.diagnostics if d.code == "unplaced-line"]
    assert said == ["'OFFICIAL SENSITIVE'", "'Board papers, March 2015'"]


def test_a_number_format_of_another_shape_shows_its_number() -> None:
    def build(document: docx.document.Document) -> None:
        cell = _three_items(document).cell(1, 2)
        for step in ("Consult.", "Publish."):
            cell.add_paragraph(step, style="List Number")
        numbering = document.part.numbering_part.element
        list_number = document.styles["List Number"].element.pPr.numPr.numId.val
        definition = numbering.num_having_numId(list_number).abstractNumId.val
        abstract = next(a for a in numbering.iterchildren(f"{{{NS}}}abstractNum")
                        if a.get(f"{{{NS}}}abstractNumId") == str(definition))
        abstract.find(f"{{{NS}}}lvl/{{{NS}}}numFmt").set(f"{{{NS}}}val", "decimalEnclosedCircle")  # ①, ②

    report = parse_bytes(_document(build), name="circled.docx")
    assert report.records[0].cells()["response"].text == "Agreed.\n\n- 1. Consult.\n- 2. Publish."


def test_a_list_restarting_a_deeper_level_keeps_the_count_above_it() -> None:
    def build(document: docx.document.Document) -> None:
        numbering = document.part.numbering_part.element
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {W} w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))
        numbering.append(parse_xml(f'<w:num {W} w:numId="92"><w:abstractNumId w:val="90"/><w:lvlOverride '
                                   'w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        cell = _three_items(document).cell(1, 2)
        for text, num, level in (("One.", "91", 0), ("Two.", "91", 0), ("Sub.", "92", 1), ("Sub again.", "92", 1)):
            paragraph = cell.add_paragraph(text)
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))

    report = parse_bytes(_document(build), name="restart.docx")
    assert report.records[0].cells()["response"].text == (
        "Agreed.\n\n- 1. One.\n- 2. Two.\n- 2.1 Sub.\n- 2.2 Sub again.")
