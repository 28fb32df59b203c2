from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentoring_portal.paging import paginate
from notifications import services
from notifications.calendars import events_for_user, ics_response
from notifications.forms import PreferencesForm
from notifications.kinds import default_delivery
from notifications.models import CalendarFeed, MailAddressState, Notification, Preference


@login_required
def notification_list(request):
    """The person's notifications, newest first; unread ones stand out."""
    queryset = Notification.objects.filter(user=request.user)
    only_unread = request.GET.get("unread") == "1"
    if only_unread:
        queryset = queryset.filter(read_at__isnull=True)
    page = paginate(request, queryset)
    return render(
        request,
        "notifications/list.html",
        {"page": page, "notifications": page.object_list, "only_unread": only_unread},
    )


@login_required
def notification_open(request, pk):
    """Mark the notification read and go to the record it is about."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.notification_mark_read(notification=notification)
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("notifications:list")


@require_POST
@login_required
def notification_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.notification_mark_read(notification=notification)
    return redirect("notifications:list")


@require_POST
@login_required
def notifications_read_all(request):
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, "Все уведомления отмечены прочитанными.")
    return redirect("notifications:list")


@login_required
def preferences(request):
    """Which notifications come by e-mail, and how; saving confirms a bounced address again."""
    return _preferences(request, request.user)


@require_http_methods(["GET", "POST"])
def preferences_by_link(request, token):
    """The same page opened from the link in a letter, without logging in: the signed token
    names the login (and expires); a bad or old link is a 404."""
    user = services.preferences_link_user(token)
    if user is None:
        raise Http404("Ссылка устарела или неверна")
    return _preferences(request, user, by_link=True)


def _preferences(request, user, *, by_link=False):
    current = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    form = PreferencesForm(request.POST or None, current=current)
    bounced = MailAddressState.objects.filter(user=user).first()
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            Preference.objects.filter(user=user).delete()
            Preference.objects.bulk_create(
                [
                    Preference(user=user, kind=kind, delivery=delivery)
                    for kind, delivery in form.cleaned_data.items()
                    if delivery != default_delivery(kind)
                ]
            )
            MailAddressState.objects.filter(user=user).delete()
        messages.success(request, "Настройки уведомлений сохранены.")
        return redirect(request.path)
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "bounced": bounced, "email": user.email, "by_link": by_link},
    )


@login_required
def calendar_page(request):
    """«Мой календарь»: the private feed's address, to make, renew or revoke."""
    feed = CalendarFeed.objects.filter(user=request.user).first()
    feed_url = (
        request.build_absolute_uri(reverse("notifications:calendar_feed", args=[feed.token]))
        if feed
        else ""
    )
    return render(
        request,
        "notifications/calendar.html",
        {"feed": feed, "feed_url": feed_url, "webcal_url": feed_url.split("://", 1)[-1]},
    )


@require_POST
@login_required
def calendar_renew(request):
    had = CalendarFeed.objects.filter(user=request.user).exists()
    services.calendar_feed_renew(user=request.user)
    messages.success(
        request,
        "Создан новый адрес календаря; прежний больше не работает."
        if had
        else "Адрес календаря создан: добавьте его в свой календарь.",
    )
    return redirect("notifications:calendar")


@require_POST
@login_required
def calendar_revoke(request):
    if services.calendar_feed_revoke(user=request.user):
        messages.success(request, "Адрес календаря отозван: по нему больше ничего не открывается.")
    return redirect("notifications:calendar")


@require_GET
def calendar_feed(request, token):
    """The feed a calendar application subscribes to: no login, the secret token is the key;
    an unknown or revoked token (or a deactivated login) is a 404."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    response = ics_response(
        events_for_user(feed.user),
        name="Наставничество: мои сроки и встречи",
        filename="nastavnichestvo.ics",
    )
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
