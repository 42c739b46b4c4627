"""The three role groups. Names are the Django group names users are put in."""

IMPROVEMENT_LEAD = "Improvement lead"
MANAGER = "Manager"
SCRUTINY_MEMBER = "Scrutiny member"

ALL = (IMPROVEMENT_LEAD, MANAGER, SCRUTINY_MEMBER)
