"""Local development: DEBUG on, the embedded defaults of base.py."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# The demo accounts sign in with their password alone; pages show a notice to the accounts
# that production would ask for a second factor (README, "Two-factor login").
OTP_WAJIB = env.bool("OTP_WAJIB", default=False)
INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS]
