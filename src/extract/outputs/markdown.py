"""A parsed report as a GitHub-flavoured Markdown document: the reconstructed table.

Deterministic: the same report gives the same text, byte for byte.
"""

from __future__ import annotations

import re

from schema import Cell, ListBlock, Paragraph, Report, Table

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~<>])")
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def escape_markdown(text: str) -> str:
    """Text that GitHub shows as itself: Markdown punctuation, pipes and angle brackets escaped."""
    text = _ENTITY_LIKE.sub("&amp;", text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _markdown_blocks(blocks: list[Paragraph | ListBlock]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(escape_markdown(block.text))
        else:
            parts.append("<br>".join(f"• {escape_markdown(item)}" for item in block.items))
    return "<br><br>".join(parts)


def markdown_cell(cell: Cell) -> str:
    """A cell on one line of a Markdown table; an inherited cell is marked *(same as item N)*."""
    text = _markdown_blocks(list(cell.blocks))
    if cell.inherited_from is not None:
        marker = f"*(same as item {escape_markdown(str(cell.inherited_from))})*"
        text = f"{marker}<br>{text}" if text else marker
    return text


def _table_row(fields: list[str]) -> str:
    return "| " + " | ".join(fields) + " |"


def _markdown_header(report: Report) -> list[str]:
    lines = [f"# {escape_markdown(report.title or report.source.file)}", ""]
    info = report.report
    about = []
    if info.responder:
        about.append(f"Response by {escape_markdown(info.responder)}")
    if info.title:
        about.append(f"to *{escape_markdown(info.title)}*")
    if info.published:
        about.append(f"(published {info.published.isoformat()})")
    if about:
        lines += [" ".join(about) + ".", ""]
    source = report.source
    lines += [f"Source: `{source.file.replace('`', '')}` ({source.format}, {source.page_count} "
              f"page{'s' if source.page_count != 1 else ''}, SHA-256 `{source.sha256[:12]}…`).", ""]
    return lines


def _column_groups(table: Table) -> list[str]:
    groups: list[tuple[str, list[str]]] = []
    for column in table.columns:
        if column.group is None:
            continue
        if groups and groups[-1][0] == column.group:
            groups[-1][1].append(column.label)
        else:
            groups.append((column.group, [column.label]))
    if not groups:
        return []
    described = "; ".join(f"{escape_markdown(g)} ({', '.join(escape_markdown(label) for label in labels)})"
                          for g, labels in groups)
    return [f"Column groups: {described}.", ""]


def _markdown_table(table: Table) -> list[str]:
    labels = {column.key: column.label for column in table.columns}
    keys = [column.key for column in table.columns if column.key != "number"]
    for record in table.rows:
        keys.extend(key for key in record.cells() if key not in keys)
    lines = _column_groups(table)
    header = [labels.get("number", "No."), *(labels.get(key, key) for key in keys)]
    lines.append(_table_row([escape_markdown(label) for label in header]))
    lines.append(_table_row(["---"] * len(header)))
    section = None
    for record in table.rows:
        if record.section != section and record.section is not None:
            lines.append(_table_row([f"**{escape_markdown(record.section)}**", *[""] * len(keys)]))
        section = record.section
        cells = record.cells()
        name = escape_markdown(record.id or "")
        fields = [f"{name} ({record.part})" if record.part and name else name]
        fields += [markdown_cell(cells[key]) if key in cells else "" for key in keys]
        lines.append(_table_row(fields))
    return lines


def to_markdown(report: Report) -> str:
    """The reconstructed tables as a GitHub-flavoured Markdown document: title and source above, then each
    table under its heading (one row per record, a sub-row's part in brackets after its identifier, a
    section row in bold where the section changes; paragraphs apart by a blank line, list items as
    "• item", each on its own line with ``<br>``), then the diagnostics."""
    lines = _markdown_header(report)
    several = len(report.tables) > 1
    for index, table in enumerate(report.tables):
        if several or table.heading:
            if index:
                lines.append("")
            lines += [f"## {escape_markdown(table.heading or f'Table {index + 1}')}", ""]
        lines += _markdown_table(table)
    if report.diagnostics:
        lines += ["", "## Diagnostics", ""]
        for diagnostic in report.diagnostics:
            where = ", ".join(part for part in (
                f"line {diagnostic.line}" if diagnostic.line is not None else "",
                f"page {diagnostic.page}" if diagnostic.page is not None else "") if part)
            lines.append(f"- {diagnostic.severity.value} `{diagnostic.code}`"
                         f"{f' ({where})' if where else ''}: {escape_markdown(diagnostic.message)}")
    return "\n".join(lines) + "\n"


def render(report: Report, *, compact: bool = False) -> tuple[bytes, ...]:
    """``--format markdown``: ``to_markdown`` as UTF-8."""
    return (to_markdown(report).encode("utf-8"),)
