"""The role groups. Names are the Django group names users are put in.

`ALL` are the three roles within one council; a regional adviser belongs to none and
reads the councils a superuser granted them (`AdviserGrant`)."""

IMPROVEMENT_LEAD = "Improvement lead"
MANAGER = "Manager"
SCRUTINY_MEMBER = "Scrutiny member"

ALL = (IMPROVEMENT_LEAD, MANAGER, SCRUTINY_MEMBER)

REGIONAL_ADVISER = "Regional adviser"
