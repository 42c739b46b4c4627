from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordResetView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from improvement.forms.accounts import ApiTokenForm, CalendarFeedForm
from improvement.forms.settings import ReminderPreferenceForm
from improvement.selectors import api as api_selectors
from improvement.selectors import feeds as feed_selectors
from improvement.services import api_tokens, authority_settings, feeds, throttle

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


# The account page: reminder emails, personal API tokens and calendar feeds.


def _reminder_form(request, data=None) -> ReminderPreferenceForm:
    return ReminderPreferenceForm(data, initial={"reminders": "out" if request.user.reminders_opt_out else "in"})


def _account_page(
    request,
    *,
    reminder_form=None,
    token_form=None,
    new_secret: str = "",
    feed_form=None,
    new_feed_url: str = "",
    status: int = 200,
):
    return render(
        request,
        "registration/account.html",
        {
            "reminder_form": reminder_form or _reminder_form(request),
            "token_form": token_form or ApiTokenForm(),
            "tokens": api_selectors.api_tokens_of(user=request.user),
            "new_secret": new_secret,
            "api_docs_url": reverse("api_docs"),
            "feed_form": feed_form or CalendarFeedForm(user=request.user),
            "feeds": feed_selectors.calendar_feeds_of(user=request.user),
            "new_feed_url": new_feed_url,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    """The signed-in person's own page: who they are, whether they get reminder emails, their API tokens
    and calendar links (each made or stopped by its own POST below)."""
    form = _reminder_form(request, request.POST if request.method == "POST" else None)
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
    return _account_page(request, reminder_form=form, status=400 if form.is_bound and form.errors else 200)


@require_POST
@login_required
def api_token_create(request):
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _account_page(request, token_form=form, status=400)
    try:
        _, secret = api_tokens.api_token_create(user=request.user, name=form.cleaned_data["name"])
    except api_tokens.TooManyTokens as error:
        form.add_error("name", str(error))
        return _account_page(request, token_form=form, status=400)
    # Shown on this answer only: the secret is not stored, so a reload cannot show it again.
    return _account_page(request, new_secret=secret)


@require_POST
@login_required
def api_token_revoke(request, pk: int):
    token = api_selectors.api_token_of(user=request.user, pk=pk)
    api_tokens.api_token_revoke(token=token, by=request.user)
    messages.success(request, f"The token \u2018{token.name}\u2019 no longer works.")
    return redirect("account")


@require_POST
@login_required
def calendar_feed_create(request):
    form = CalendarFeedForm(request.POST, user=request.user)
    if not form.is_valid():
        return _account_page(request, feed_form=form, status=400)
    feed, secret = feeds.calendar_feed_create(user=request.user, kind=form.cleaned_data["kind"])
    return _account_page(request, new_feed_url=request.build_absolute_uri(reverse("calendar_feed", args=[secret])))


@require_POST
@login_required
def calendar_feed_revoke(request, pk: int):
    feed = feed_selectors.calendar_feed_of(user=request.user, pk=pk)
    feeds.calendar_feed_revoke(feed=feed, by=request.user)
    messages.success(request, f"The calendar link for \u2018{feed.get_kind_display()}\u2019 no longer works.")
    return redirect("account")
