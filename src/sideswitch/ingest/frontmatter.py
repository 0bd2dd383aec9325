"""A YAML loader for untrusted front matter: no anchors or aliases, dates kept as written.

PyYAML's safe loader still expands aliases, so 400 bytes of nested ``*a``
references ("billion laughs") build a structure of billions of items. Front
matter never needs them, so an anchor or alias is refused with its line.
Timestamps stay strings (``published: 2020-02-30`` is a string that
:func:`~sideswitch.ingest.dates.normalize_published` rejects, not a crash).

>>> load_front_matter("title: Pilots defect\\npublished: 2020-02-30\\n")
{'title': 'Pilots defect', 'published': '2020-02-30'}
>>> load_front_matter("a: &x [1, 2]\\nb: *x\\n")
Traceback (most recent call last):
...
yaml.composer.ComposerError: anchors (&x) and aliases are not allowed in front matter
  in "<unicode string>", line 1, column 4:
    a: &x [1, 2]
       ^
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import SafeConstructor

__all__ = ["FrontMatterLoader", "load_front_matter", "MAX_DEPTH"]


# Deepest nesting of lists and mappings accepted (front matter holds flat fields); refusing
# deeper input as it is read keeps PyYAML's scanner, slow on deep flow collections, short.
MAX_DEPTH = 32


class FrontMatterLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses anchors, aliases and deep nesting, and keeps timestamps as strings."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            name = getattr(event, "anchor", None) or ""
            raise ComposerError(
                None, None, f"anchors (&{name}) and aliases are not allowed in front matter", event.start_mark
            )
        if self._depth >= MAX_DEPTH:
            raise ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",  # type: ignore[type-var]
    SafeConstructor.construct_yaml_str,
)


def load_front_matter(text: str) -> Any:
    """The value of a front-matter block (``yaml.YAMLError`` when it is not valid or uses aliases)."""
    return yaml.load(text, Loader=FrontMatterLoader)  # noqa: S506 (a safe loader, made stricter)
