"""The body as blocks: own words and quoted text in order, signatures cut,
the quoted history after the last own words left out."""
from __future__ import annotations

from .model import ORIGINAL_FOLLOWS, Block
from .quotes import mark_quotes, split_lines
from .signatures import cut_signature


def read_blocks(body: str, name_words: frozenset[str] = frozenset()) -> list[Block]:
    """`name_words`: the sender's name, a signature when it ends own words."""
    lines = split_lines(body)
    mark_quotes(lines)
    groups: list[tuple[bool, list[str]]] = []
    for line in lines:
        if line.role == "drop":
            continue
        if not line.text.strip():
            if groups:
                groups[-1][1].append("")
            continue
        quoted = line.role == "quoted"
        if groups and groups[-1][0] == quoted:
            groups[-1][1].append(line.text)
        else:
            groups.append((quoted, [line.text]))
    blocks: list[Block] = []
    for quoted, group in groups:
        if not quoted:
            group = cut_signature(group, name_words)
        text = _tidy(group)
        if not text:
            continue
        if blocks and blocks[-1].quoted == quoted:
            blocks[-1] = Block(blocks[-1].text + "\n\n" + text, quoted)
        else:
            blocks.append(Block(text, quoted))
    while blocks and blocks[-1].quoted:
        blocks.pop()
    return blocks


def _tidy(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line == ORIGINAL_FOLLOWS:
            continue
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
