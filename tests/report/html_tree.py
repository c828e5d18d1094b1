"""A small strict DOM for tests: html.parser events into a tree, failing on badly nested tags."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"meta", "input", "br", "img", "hr", "link", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)
    parent: "Node | None" = None

    def text(self, skip=lambda node: False) -> str:
        """All text below this node, leaving out the subtrees `skip` says yes to."""
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif not skip(child):
                out.append(child.text(skip))
        return "".join(out)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [n for n in self.iter()
                if (tag is None or n.tag == tag)
                and (cls is None or cls in n.attrs.get("class", "").split())
                and all(n.attrs.get(k) == v for k, v in attrs.items())]

    def by_id(self, id_: str) -> "Node":
        found = [n for n in self.iter() if n.attrs.get("id") == id_]
        assert len(found) == 1, f"id {id_!r} found {len(found)} times"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs), parent=self.stack[-1]))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>: badly nested markup"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    """The document as a tree; AssertionError when a tag closes out of order or stays open."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], f"unclosed tags: {[n.tag for n in builder.stack[1:]]}"
    return builder.root
