from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordResetView
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from improvement.forms.settings import ReminderPreferenceForm
from improvement.services import authority_settings, throttle

# How many failures before we warn that the lock is near.
WARN_WHEN_LEFT = 2


def _axes_cool_off() -> timedelta:
    return timedelta(hours=settings.AXES_COOLOFF_TIME)


def locked_out(
    request, original_response=None, credentials=None, *, wait: timedelta | None = None, reason: str = "sign_in"
):
    """The GOV.UK page for every throttle: what happened and how long to wait. Also django-axes' lockout callable."""
    context = {"wait": throttle.wait_words(wait or _axes_cool_off()), "reason": reason}
    return render(request, "registration/locked_out.html", context, status=429)


def _address(request) -> str:
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "")


class SignInView(LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if throttle.is_exceeded(throttle.SIGN_IN_PER_USERNAME, username):
            return locked_out(request, wait=throttle.SIGN_IN_PER_USERNAME.window)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        username = self.request.POST.get("username", "")
        throttle.record(throttle.SIGN_IN_PER_USERNAME, username)
        if username and settings.AXES_ENABLED:
            failures = AxesProxyHandler.get_failures(self.request, {"username": username})
            left = settings.AXES_FAILURE_LIMIT - failures
            if 0 < left <= WARN_WHEN_LEFT:
                tries = "1 more try" if left == 1 else f"{left} more tries"
                form.add_error(
                    None,
                    f"You have {tries} before signing in as {username} from this address is locked for "
                    f"{throttle.wait_words(_axes_cool_off())}.",
                )
        return super().form_invalid(form)


class ThrottledPasswordResetView(PasswordResetView):
    """Django's reset form, with a limit per address and per email so it cannot be used to flood inboxes."""

    def post(self, request, *args, **kwargs):
        address, email = _address(request), request.POST.get("email", "")
        for limit, subject in ((throttle.RESET_PER_ADDRESS, address), (throttle.RESET_PER_EMAIL, email)):
            if throttle.is_exceeded(limit, subject):
                return locked_out(request, wait=limit.window, reason="password_reset")
        throttle.record(throttle.RESET_PER_ADDRESS, address)
        throttle.record(throttle.RESET_PER_EMAIL, email)
        return super().post(request, *args, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    """The signed-in person's own page: who they are, and whether they get reminder emails."""
    initial = {"reminders": "out" if request.user.reminders_opt_out else "in"}
    form = ReminderPreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = authority_settings.user_reminders_set(user=request.user, opt_out=form.opt_out)
        if changed:
            messages.success(
                request,
                "You will get no reminder emails, only escalations"
                if form.opt_out
                else "You will get reminder emails about your actions",
            )
        else:
            messages.success(request, "Nothing changed")
        return redirect("account")
    return render(
        request, "registration/account.html", {"form": form}, status=400 if form.is_bound and form.errors else 200
    )
