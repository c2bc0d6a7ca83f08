"""Throttling of anonymous API clients, per address.

The rate is read from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] at each request (DRF's
own class reads it once at import), so a settings override takes effect. The address is the
one the server saw (pelayanan.ratelimit.client_ip): a client cannot dodge the limit with a
forged X-Forwarded-For; the proxy must pass the real address, as for the portal's forms.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from pelayanan.ratelimit import client_ip


class AnonimThrottle(AnonRateThrottle):
    scope = "anon"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_ip(request) or "tanpa-alamat"
