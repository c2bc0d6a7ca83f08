"""The API is read-only for everyone: GET, HEAD and OPTIONS are allowed, every other method
answers 405 (not 403: no account could ever make it writable)."""

from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission


class HanyaBaca(BasePermission):
    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        raise exceptions.MethodNotAllowed(request.method)
