"""The project package and the core app: organisation, users and roles, calendar, audit."""

from .celery import app as celery_app

__all__ = ("celery_app",)
