"""Getting the committee pack PDF as a user does: ask, let the task build it, download."""

from django.urls import reverse

from improvement.services.packs import committee_pack_build


def get_pack_pdf(client, params=None):
    """The status page asks for the file; the build runs here as the worker would run it; then the download."""
    status = client.get(reverse("committee_pack_pdf_status"), params or {})
    assert status.status_code == 200, status.status_code
    committee_pack_build(pack_id=status.context["pack"].pk)
    return client.get(reverse("committee_pack_pdf"), params or {})
