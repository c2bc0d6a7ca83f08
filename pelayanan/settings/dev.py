"""Local development: DEBUG on, the embedded defaults of base.py."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS]
