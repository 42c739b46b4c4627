"""Due dates of imported actions: a month alone means the end of that month."""

from datetime import date

import pytest

from improvement.models import Action
from improvement.services.importing.documents import document_import
from improvement.services.importing.preview import document_preview

pytestmark = pytest.mark.django_db

TEXT = """CABINET - 1 MARCH 2024

RESOLVED: That the Director of Children's Services provides an update in June.

ACTION: Head of Early Help to circulate the family hub figures by 15 April.
"""


def test_a_month_alone_is_due_at_its_end_and_a_day_is_kept(authority):
    preview = document_preview(data=TEXT.encode(), filename="cabinet.txt", authority_name=authority.name)
    document_import(preview=preview, authority=authority)
    due = dict(Action.objects.values_list("owner__role_title", "due_date"))
    assert due == {"Director of Children's Services": date(2024, 6, 30), "Head of Early Help": date(2024, 4, 15)}
