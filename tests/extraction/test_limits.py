"""The one size limit: the reader refuses past it, for bytes and for a path, with the limit's own words."""

import pytest

from improvement.extraction import InputError, read_document
from improvement.extraction.limits import MAX_DOCUMENT_BYTES, document_too_large


def test_within_the_limit_is_no_problem():
    assert document_too_large(0) is None and document_too_large(MAX_DOCUMENT_BYTES) is None


def test_past_the_limit_the_reader_gives_the_limits_message(tmp_path):
    data = b"minutes " * (MAX_DOCUMENT_BYTES // 8) + b"!"
    path = tmp_path / "huge.txt"
    path.write_bytes(data)
    for source in (data, path):
        with pytest.raises(InputError) as refused:
            read_document(source, filename="huge.txt")
        assert str(refused.value) == document_too_large(len(data))
