"""Orders: the register, drafting from a template, submitting, signing or returning, the PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mentoring_portal.documents import pdf_response
from mentoring_portal.errors import ServiceError, attempt, show_error
from mentoring_portal.paging import paginate
from mentoring_portal.versioning import StaleEditError
from pairs import services
from pairs.documents import order_context, order_pdf
from pairs.filters import OrderFilter
from pairs.forms import OrderCreateForm, OrderForm, OrderTemplateForm, ReturnForm
from pairs.models import Order, OrderKind
from pairs.views.common import MANAGERS, READERS, SIGNERS, deny, get_order
from participants.access import require_role

# A department's coordinator drafts the department's own orders (the one approving its
# municipal roadmap) as a school's curator drafts the school's: roadmap.permissions.acts_as.
from roadmap.diff import revision_diff
from roadmap.permissions import acts_as, require_roadmap_role


@require_role(*READERS)
def order_list(request):
    queryset = (
        Order.objects.filter(organisation=request.access.organisation)
        .defer("pdf", "preamble", "points")
        .select_related("amends")
    )
    order_filter = OrderFilter(request.GET, queryset=queryset)
    page = paginate(request, order_filter.qs)
    return render(
        request,
        "pairs/order_list.html",
        {
            "filter": order_filter,
            "page": page,
            "can_manage": acts_as(request.access, *MANAGERS),
        },
    )


@require_roadmap_role(*MANAGERS)
@require_http_methods(["GET", "POST"])
def order_create(request):
    organisation = request.access.organisation
    form = OrderCreateForm(request.POST or None, organisation=organisation, initial=request.GET)
    if form.is_valid():
        kind = form.cleaned_data["kind"]
        order = services.order_create(
            organisation=organisation,
            kind=kind,
            by=request.user,
            amends=form.cleaned_data.get("amends"),
            # Only the checked pairs; other kinds list none.
            pairs=list(form.cleaned_data["pairs"]) if kind == OrderKind.PAIRS else [],
        )
        messages.success(
            request,
            "Проект приказа создан по шаблону. Номер приказу присваивается при подписании.",
        )
        return redirect("pairs:order_edit", pk=order.pk)
    return render(request, "pairs/order_create.html", {"form": form})


@require_role()
def order_detail(request, pk):
    """The order for the school's readers, and a signed one for everyone it names (who confirm
    there that they have read it)."""
    order = get_order(request, pk)
    is_reader = request.access.has_role(*READERS)
    pairs = list(order.pairs.with_members().order_by("pk"))
    named = None if is_reader else _named_in(request, order, pairs)
    if not is_reader and named is None:
        deny(request, "not a reader and not named in the signed order")
    context = order_context(order, pairs)
    problems = []
    if order.has_pairs_table and not order.is_signed:
        try:
            services.order_pairs_check(order, pairs)
        except ServiceError as error:
            problems = error.messages
    acknowledgements = []
    if order.is_signed and context["people"]:
        acknowledgements = services.order_acknowledgement_rows(
            order, [person for person, _post in context["people"]]
        )
    me = request.access.person
    mine = next((row for row in acknowledgements if me and row.person.pk == me.pk), None)
    # The director signing an order that approves a roadmap reads what its revision changes.
    roadmap_diff = (
        revision_diff(order.roadmap)
        if order.roadmap_id and is_reader and not order.is_signed
        else None
    )
    context.update(
        {
            "problems": problems,
            "is_reader": is_reader,
            "can_manage": acts_as(request.access, *MANAGERS),
            "can_sign": request.access.has_role(*SIGNERS),
            "amendments": order.amendments.all() if is_reader else [],
            "return_form": ReturnForm(),
            "acknowledgements": acknowledgements if is_reader else [],
            "acknowledged_count": sum(1 for row in acknowledgements if row.confirmed_at),
            "my_acknowledgement": mine,
            "diff": roadmap_diff,
        }
    )
    return render(request, "pairs/order_detail.html", context)


def _named_in(request, order: Order, pairs) -> object:
    person = request.access.person
    if person is None or not order.is_signed or not order.has_pairs_table:
        return None
    named = {m.person_id for pair in pairs for m in pair.members.all()}
    return person if person.pk in named else None


@require_role()
@require_POST
def order_acknowledge(request, pk):
    """«С приказом ознакомлен(а)»: one click by a person the signed order names; a second click
    changes nothing."""
    order = get_order(request, pk)
    pairs = list(order.pairs.with_members())
    person = _named_in(request, order, pairs)
    if person is None:
        deny(request, "not named in the signed order")
    acknowledgement = services.order_acknowledge(order=order, person=person, by=request.user)
    when = timezone.localtime(acknowledgement.confirmed_at)
    messages.success(request, f"Ознакомление с приказом подтверждено {when:%d.%m.%Y в %H:%M}.")
    return redirect("pairs:order_detail", pk=order.pk)


@require_roadmap_role(*MANAGERS)
@require_http_methods(["GET", "POST"])
def order_edit(request, pk):
    order = get_order(request, pk)
    try:
        order.check_editable()
    except ValidationError as error:
        show_error(request, error)
        return redirect("pairs:order_detail", pk=order.pk)
    form = OrderForm(request.POST or None, instance=order, organisation=request.access.organisation)
    if form.is_valid():
        data = {
            field: form.cleaned_data[field]
            for field in ("date", "title", "amends", "preamble", "points", "controller", "roadmap")
            if field in form.cleaned_data
        }
        data["point_details"] = form.point_details()
        try:
            services.order_update(
                order=order,
                data=data,
                pairs=form.cleaned_data.get("pairs"),
                version=form.loaded_version,
            )
        except StaleEditError as error:
            form.show_stale(error)
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, "Проект приказа сохранён.")
            return redirect("pairs:order_detail", pk=order.pk)
    return render(request, "pairs/order_form.html", {"form": form, "order": order})


@require_roadmap_role(*MANAGERS)
@require_http_methods(["GET", "POST"])
def order_delete(request, pk):
    """A draft is deleted after a confirmation page; an order on signature or signed never."""
    order = get_order(request, pk)
    if not order.is_editable:
        messages.error(
            request,
            f"Приказ в статусе «{order.get_status_display()}» не удаляется: удалить можно только "
            "проект приказа.",
        )
        return redirect("pairs:order_detail", pk=order.pk)
    if request.method == "POST":
        try:
            services.order_delete(order=order)
        except ValidationError as error:
            show_error(request, error)
            return redirect("pairs:order_detail", pk=order.pk)
        messages.success(request, f"Проект приказа «{order.title}» удалён.")
        return redirect("pairs:order_list")
    return render(request, "pairs/order_delete.html", {"order": order})


@require_roadmap_role(*MANAGERS)
@require_POST
def order_submit(request, pk):
    order = get_order(request, pk)
    attempt(
        request,
        lambda: services.order_submit(order=order, by=request.user),
        "Приказ направлен директору на подпись.",
    )
    return redirect("pairs:order_detail", pk=order.pk)


@require_role(*SIGNERS)
@require_POST
def order_sign(request, pk):
    order = get_order(request, pk)
    attempt(
        request,
        lambda: services.order_sign(order=order, by=request.user),
        "Приказ подписан. PDF сохранён, пары закреплены.",
    )
    return redirect("pairs:order_detail", pk=order.pk)


@require_role(*SIGNERS)
@require_http_methods(["GET", "POST"])
def order_return(request, pk):
    order = get_order(request, pk)
    form = ReturnForm(request.POST or None)
    if form.is_valid():
        try:
            services.order_return(order=order, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_error(request, error)
        else:
            messages.success(request, "Приказ возвращён на доработку.")
        return redirect("pairs:order_detail", pk=order.pk)
    return render(request, "pairs/order_return.html", {"form": form, "order": order})


@require_role(*READERS)
def order_download(request, pk):
    """Exactly the bytes stored at signing (checked against their SHA-256): no new render."""
    order = get_order(request, pk)
    if not order.is_signed:
        raise Http404("Приказ ещё не подписан")
    if not order.pdf_is_intact():
        raise RuntimeError(f"PDF приказа {order.pk} не совпадает с сохранённым SHA-256")
    response = pdf_response(order.pdf_bytes(), services.order_filename(order))
    response["X-Content-SHA256"] = order.pdf_sha256
    # The signed bytes never change: a client that has them gets a 304 (ConditionalGetMiddleware).
    response["ETag"] = f'"{order.pdf_sha256}"'
    return response


@require_role(*MANAGERS, *SIGNERS)
def order_preview(request, pk):
    """The order as it will print, with «ПРОЕКТ» across every page: not to be mistaken for the
    signed document."""
    order = get_order(request, pk)
    if order.is_signed:
        return redirect("pairs:order_download", pk=order.pk)
    return pdf_response(order_pdf(order, draft=True), f"proekt-prikaza-{order.pk}.pdf")


@require_roadmap_role(*MANAGERS)
def template_list(request):
    organisation = request.access.organisation
    templates = [services.order_template(organisation=organisation, kind=k) for k in OrderKind]
    return render(request, "pairs/template_list.html", {"templates": templates})


@require_roadmap_role(*MANAGERS)
@require_http_methods(["GET", "POST"])
def template_edit(request, kind):
    if kind not in OrderKind.values:
        raise Http404("Нет такого вида приказа")
    template = services.order_template(organisation=request.access.organisation, kind=kind)
    form = OrderTemplateForm(request.POST or None, instance=template)
    if form.is_valid():
        form.save()
        messages.success(
            request, "Шаблон сохранён: новые проекты приказов будут создаваться по нему."
        )
        return redirect("pairs:template_list")
    return render(request, "pairs/template_form.html", {"form": form, "template": template})
