"""View helpers that route every access decision through pelayanan.policy."""

from django.contrib.auth.views import redirect_to_login

from pelayanan import policy


class PolicyRequiredMixin:
    """Checks `policy.may(user, policy_action, get_policy_object())` before dispatch.

    Anonymous users are sent to the login page; signed-in users without the right get 403.
    """

    policy_action: str = ""

    def get_policy_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        self.request, self.args, self.kwargs = request, args, kwargs
        obj = self.get_policy_object()
        if not policy.may(request.user, self.policy_action, obj):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            policy.require(request.user, self.policy_action, obj)
        return super().dispatch(request, *args, **kwargs)


def izin(request, action: str, obj=None, next_url: str | None = None):
    """The same decision for function views: None when the policy allows; a redirect to the
    login page for visitors; PermissionDenied (403) for signed-in users without the right."""
    if policy.may(request.user, action, obj):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(next_url or request.get_full_path())
    policy.require(request.user, action, obj)  # raises PermissionDenied
    return None  # pragma: no cover
