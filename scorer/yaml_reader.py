"""YAML for the command line: PyYAML's safe loader, made strict and cheap to refuse with.

Anchors and aliases are refused as they are met, before anything is built or expanded, so a
"billion laughs" file costs nothing; nesting stops at the limit before the recursive parts of
PyYAML can run out of stack; a repeated key is an error rather than last-one-wins. libyaml's
parser is used when PyYAML has it (several times faster); the checks are the same either way.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .errors import name, shown
from .limits import MAX_DEPTH, Unreadable, nesting_message

_DIGITS_READ = 30  # a whole number written with more digits than this is too large anyway


class YamlRefused(ValueError):
    """Something in the YAML that is refused on principle, with the line it is on."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(message)


def load_yaml(text: str) -> Any:
    """The one document in `text`; YamlRefused, or PyYAML's own YAMLError for bad syntax."""
    loader = _loader()(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


_KINDS = {
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:binary": "binary data",
    "tag:yaml.org,2002:bool": "true or false",
}


@cache
def _loader() -> Any:
    import yaml
    from yaml.composer import Composer
    from yaml.constructor import ConstructorError, SafeConstructor
    from yaml.events import AliasEvent, CollectionStartEvent
    from yaml.resolver import Resolver

    try:
        from yaml._yaml import CParser as Parser
    except ImportError:  # PyYAML without libyaml: its pure-Python reader, scanner and parser

        class Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
            def __init__(self, stream: str) -> None:
                yaml.reader.Reader.__init__(self, stream)
                yaml.scanner.Scanner.__init__(self)
                yaml.parser.Parser.__init__(self)

    class StrictLoader(Composer, Parser, SafeConstructor, Resolver):
        """Python's composer (so each node can be checked) over the fastest parser there is."""

        def __init__(self, stream: str) -> None:
            Parser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self.depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            event: Any = self.peek_event()
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, AliasEvent):
                raise YamlRefused("uses an alias (*name), which is not read here", line)
            if getattr(event, "anchor", None) is not None:
                raise YamlRefused("uses an anchor (&name), which is not read here", line)
            if not isinstance(event, CollectionStartEvent):
                return super().compose_node(parent, index)
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise YamlRefused(nesting_message(), line)
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_yaml_int(self, node: Any) -> Any:
            digits = sum(ch.isdigit() for ch in str(node.value))
            if digits > _DIGITS_READ:
                return Unreadable(f"a number {digits:,} digits long")
            return super().construct_yaml_int(node)

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            # A tag or scalar PyYAML cannot turn into a value (2024-02-30, !!int abc) raises
            # ValueError or TypeError while loading: report it at its line like a syntax error.
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, TypeError, OverflowError, AttributeError, LookupError) as error:
                # AttributeError: PyYAML's own reading of `!!timestamp 'not a date'`.
                if isinstance(error, YamlRefused):
                    raise
                kind = _KINDS.get(node.tag, "a value")
                shown_value = (
                    shown(node.value) if isinstance(node, yaml.ScalarNode) else "this value"
                )
                raise ConstructorError(
                    None, None, f"{shown_value} cannot be read as {kind}", node.start_mark
                ) from None

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlRefused(
                        "merge keys (<<) are not accepted here: write each field out in full",
                        key_node.start_mark.line + 1,
                    )
                key = self.construct_object(key_node, deep=deep)
                try:
                    hash(key)
                except TypeError:
                    raise ConstructorError(
                        None, None, "a key must be a plain name or number", key_node.start_mark
                    ) from None
                if key in seen:
                    raise YamlRefused(
                        f"the key {name(key)} appears twice in one mapping",
                        key_node.start_mark.line + 1,
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    StrictLoader.add_constructor(  # type: ignore[type-var]
        "tag:yaml.org,2002:int", StrictLoader.construct_yaml_int
    )
    return StrictLoader
