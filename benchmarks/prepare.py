"""Run inside Django against a benchmark database: the people who sign in, and the ids the pages need.

Prints one JSON object: {"password", "users": {role: username}, "action", "authority", ...}.
The lead of the first council also owns the busiest owner's actions, so "my actions" has rows.
"""

import json
import os
import secrets

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    from django.contrib.auth.models import Group
    from django.db.models import Count

    from improvement import roles
    from improvement.models import Action, ActionStatus, AdviserGrant, Authority, Owner, User

    for name in (*roles.ALL, roles.REGIONAL_ADVISER):
        Group.objects.get_or_create(name=name)
    password = secrets.token_urlsafe(18)
    authority = Authority.objects.order_by("pk").first()
    others = list(Authority.objects.exclude(pk=authority.pk).order_by("pk"))

    def person(username, role=None, council=None, **flags):
        user, _ = User.objects.get_or_create(username=username, defaults={"authority": council, **flags})
        user.authority = council
        for key, value in flags.items():
            setattr(user, key, value)
        user.set_password(password)
        user.save()
        if role:
            user.groups.set([Group.objects.get(name=role)])
        return user

    lead = person("bench-lead", roles.IMPROVEMENT_LEAD, authority, is_staff=True)
    writers = [person(f"bench-writer-{n}", roles.IMPROVEMENT_LEAD, authority) for n in range(5)]
    adviser = person("bench-adviser", roles.REGIONAL_ADVISER, None)
    AdviserGrant.objects.bulk_create(
        [AdviserGrant(user=adviser, authority=a) for a in [authority, *others]], ignore_conflicts=True
    )
    person("bench-root", None, None, is_staff=True, is_superuser=True)
    busiest = Owner.objects.filter(authority=authority).annotate(n=Count("actions")).order_by("-n", "pk").first()
    if busiest is not None:
        Owner.objects.filter(user=lead).exclude(pk=busiest.pk).update(user=None)
        busiest.user = lead
        busiest.save(update_fields=["user"])
    actions = list(Action.objects.filter(authority=authority).order_by("pk").values_list("pk", flat=True)[:200])
    open_actions = list(
        Action.objects.filter(authority=authority)
        .exclude(status__in=ActionStatus.done())
        .order_by("pk")
        .values_list("pk", flat=True)[:50]
    )
    print(
        json.dumps(
            {
                "password": password,
                "users": {
                    "lead": lead.username,
                    "adviser": adviser.username,
                    "superuser": "bench-root",
                    "writers": [w.username for w in writers],
                },
                "authority": authority.slug,
                "authorities": 1 + len(others),
                "actions": Action.objects.count(),
                "action": actions[len(actions) // 2],
                "writer_actions": open_actions,
            }
        )
    )


if __name__ == "__main__":
    main()
