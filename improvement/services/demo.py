"""Demo data for `make run`: one demo council with an account in each role and a two-year plan."""

import secrets

from django.contrib.auth.models import Group
from django.db import transaction

from improvement import roles
from improvement.models import Authority, ImprovementPlan, Owner, User
from improvement.services.demo_data import demo_authority_fill

DEMO_AUTHORITY = "Demo Borough Council"
DEMO_ACTIONS = 60
DEMO_USERS = [
    ("lead", roles.IMPROVEMENT_LEAD, "Priya", "Shah", "Head of Improvement"),
    ("director", roles.MANAGER, "Alex", "Morgan", "Director of Children's Services"),
    ("manager", roles.MANAGER, "Sam", "Taylor", "Head of Service, Front Door"),
    ("councillor", roles.SCRUTINY_MEMBER, "Jo", "Evans", None),
]


def demo_accounts_create() -> list[dict]:
    """Create the demo council, its accounts and owners; return the new accounts' passwords (none if they exist)."""
    if User.objects.filter(username="lead").exists():
        return []
    with transaction.atomic():
        authority, _ = Authority.objects.get_or_create(name=DEMO_AUTHORITY, defaults={"slug": "demo"})
        created, owners = [], {}
        for username, role, first, last, owner_role in DEMO_USERS:
            password = secrets.token_urlsafe(9)
            user = User.objects.create_user(
                username=username,
                password=password,
                first_name=first,
                last_name=last,
                email=f"{username}@demo.example",
                authority=authority,
            )
            user.groups.add(Group.objects.get_or_create(name=role)[0])
            created.append({"role": role, "username": username, "password": password})
            if owner_role:
                owners[username], _ = Owner.objects.update_or_create(
                    authority=authority,
                    role_title=owner_role,
                    defaults={"user": user, "email": user.email, "person_name": f"{first} {last}"},
                )
        owners["manager"].line_manager = owners["director"]
        owners["manager"].save()
    return created


def demo_plan_fill() -> dict:
    """Give the demo council its two-year improvement plan, once; returns what was made (nothing the second time)."""
    authority = Authority.objects.get(name=DEMO_AUTHORITY)
    if ImprovementPlan.objects.filter(authority=authority).exists():
        return {}
    return demo_authority_fill(authority=authority, actions=DEMO_ACTIONS)
