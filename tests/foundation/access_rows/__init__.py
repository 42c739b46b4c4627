"""Rows of the access matrix, one module per area of the tracker.

Each module defines ``ROWS`` (name: (GET, POST), six outcomes each, in the order of
``test_access_matrix.ROLES``) and may define ``fill(short_name, url, ours, objects)`` that
returns the URL with its placeholders filled from our council's rows, or None when the
name is not its own. Keeping areas apart lets a new page bring its own rows.
"""

import importlib
import pkgutil


def area_modules():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        yield importlib.import_module(f"{__name__}.{info.name}")


def rows():
    merged = {}
    for module in area_modules():
        clash = set(merged) & set(module.ROWS)
        if clash:
            raise AssertionError(f"{module.__name__} repeats rows of another area: {sorted(clash)}")
        merged.update(module.ROWS)
    return merged


def fill(short, url, ours, objects):
    for module in area_modules():
        filler = getattr(module, "fill", None)
        if filler is not None:
            filled = filler(short, url, ours, objects)
            if filled is not None:
                return filled
    return None
