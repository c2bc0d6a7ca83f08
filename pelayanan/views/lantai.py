"""The benchmark's floor: the cheapest page Django can serve through the portal's own stack
(middleware, ATOMIC_REQUESTS, sessions, language), to compare the real pages with.

Only routed when the BENCH_FLOOR setting is on (bench/web.py sets it); never in normal
production.
"""

from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def lantai(request):
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")
