"""ETag and caching headers of API responses.

A JSON response of 200 gets a strong ETag (SHA-256 of the rendered body: any change of the
data, of a link's host or of the page changes it) and `Cache-Control: public, max-age=300`;
a request whose If-None-Match names that ETag gets 304 with no body. The browsable HTML view
is marked private (its page carries a CSRF cookie) and gets no ETag.
"""

from __future__ import annotations

import functools
import hashlib

from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

MAX_AGE = 300


def _finish(request, response):
    patch_vary_headers(response, ["Accept"])
    renderer = getattr(response, "accepted_renderer", None)
    if getattr(renderer, "format", "") != "json":
        patch_cache_control(response, private=True, no_cache=True)
        return None
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return get_conditional_response(request, etag=etag, response=response)


class CacheMixin:
    """For DRF views: add ETag, Cache-Control and 304 handling to successful GET/HEAD."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = "id"  # the API's labels are Indonesian whatever the cookie
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.add_post_render_callback(functools.partial(_finish, request._request))
        return response
