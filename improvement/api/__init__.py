"""The read API: JSON over HTTP with an OpenAPI 3 schema, on Django REST framework and drf-spectacular.

Thin like the views: each endpoint picks the council (`selectors.api.api_authority`), reads
through one selector in `improvement/selectors/api.py`, and serialises. Nothing here writes
except the token's last-used day. See docs/decisions/0005-django-rest-framework-for-the-read-api.md.
"""
