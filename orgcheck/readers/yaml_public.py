"""``orgcheck.load_yaml``: orgcheck's own YAML reading, with positions, for reader plugins."""
from __future__ import annotations

from orgcheck.i18n.runtime import _
from orgcheck.io.document import Document, ParseProblem, decode_text


def load_yaml(data: bytes | str, path: str = "-", *, many: bool = False) -> Document:
    """Read YAML as orgcheck reads a YAML model, into a Document with positions.

    ``data`` is the file's bytes (UTF-8, or UTF-16/32 with a BOM) or its text; ``path``
    is the file findings name. The Document's ``data`` is plain JSON-like data (YAML 1.2
    core schema: ``no`` and dates stay strings; aliases are followed, with a bound on
    how much they may expand; no tag builds an object), ``position(pointer)`` is the
    line and column of any value in it (``position(pointer, key=True)`` of its key), and
    ``parse_error`` is set instead of ``data`` when the text is no YAML. ``many``
    reads a stream of documents (``---``) as a list, each document at its index
    (``/0/kind``). A key repeated within one mapping is in ``located_problems``; a
    value JSON cannot hold (``.inf``) in ``problems``. Never raises for a bad file."""
    from orgcheck.readers.yaml_load import YamlLocator
    from orgcheck.readers.yaml_load import load_yaml as _load

    if isinstance(data, bytes):
        text, error = decode_text(data)
        if text is None:
            return Document(path, parse_error=error or ParseProblem(_("file is not valid UTF-8"), 1, 1))
    else:
        text = data
    loaded = _load(text, many=many)
    if loaded.error is not None:
        return Document(path, parse_error=loaded.error)
    return Document(path, data=loaded.data, problems=list(loaded.problems), locator=YamlLocator(loaded),
                    located_problems=list(loaded.located))
