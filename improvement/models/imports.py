from django.conf import settings
from django.db import models

from .authority import Authority


class ImportDraft(models.Model):
    """An uploaded file waiting for the improvement lead to review what was found in it.

    Nothing from the file reaches the plan until the draft is confirmed; confirmed or
    abandoned drafts are deleted.
    """

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="import_drafts")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    committee = models.CharField(max_length=200, blank=True)
    meeting_date = models.DateField(null=True, blank=True)
    # Set when an imported document is opened for review again: confirming adds only new facts to it.
    document = models.ForeignKey(
        "improvement.SourceDocument", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # What the reviewer typed on the review page ("data": field name to values) and the facts they
    # added from the text ("added": [{"kind", "start", "end"}]), kept until the draft is confirmed.
    review = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.filename
