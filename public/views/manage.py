"""The curator's side of the public section: settings, one-click publish and withdraw, the
preview of what becomes public, and «Пакет для сайта»."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentoring_portal.documents import pdf_response
from mentoring_portal.errors import attempt, show_error
from mentoring_portal.files import file_response
from pairs.models import Order, Regulation
from participants.access import require_role
from participants.models import Role
from public import pages, services
from public.documents import public_order_pdf, redactor_for
from public.forms import PostForm, PublishForm, SectionForm
from public.models import Names, Post, Publication
from public.package import package_current, package_request
from roadmap.models import Roadmap

CURATORS = (Role.CURATOR,)
# How often «Пакет готовится…» asks again (a package of a few PDFs takes seconds).
PENDING_REFRESH_SECONDS = 3
SWITCHES = {
    "open": ("is_open", "Раздел открыт", "Раздел закрыт"),
    "mentors": ("mentors_published", "Список наставников опубликован", "Список наставников снят"),
    "forms": ("forms_published", "Бланки опубликованы", "Бланки сняты"),
}


def main_of(html: str) -> str:
    """The <main> of a public page, to show inside the portal's page as the visitor will see it
    (the template marks it safe: it is our own template's output, every value escaped)."""
    found = re.search(r"<main[^>]*>(.*)</main>", html, re.DOTALL)
    return found.group(1) if found else ""


def _section(request):
    return services.section_for(request.access.organisation)


@require_role(*CURATORS)
def manage(request):
    section = _section(request)
    organisation = section.organisation
    published = {
        (p.regulation_id or p.roadmap_id or p.order_id, p.kind): p
        for p in Publication.objects.filter(section=section)
    }
    regulation = Regulation.objects.defer("pdf", "text").in_force(organisation)
    roadmaps = Roadmap.objects.filter(
        organisation=organisation, status=Roadmap.Status.APPROVED
    ).order_by("-period_start")
    orders = (
        Order.objects.filter(organisation=organisation).signed().defer("pdf", "points", "preamble")
    )
    documents = (
        [
            {
                "title": pages.regulation_title(regulation),
                "kind": "regulation",
                "pk": regulation.pk,
                "publication": published.get((regulation.pk, Publication.Kind.REGULATION)),
            }
            for regulation in ([regulation] if regulation else [])
        ]
        + [
            {
                "title": pages.roadmap_title(roadmap),
                "kind": "roadmap",
                "pk": roadmap.pk,
                "publication": published.get((roadmap.pk, Publication.Kind.ROADMAP)),
            }
            for roadmap in roadmaps
        ]
        + [
            {
                "title": pages.order_title(order),
                "kind": "order",
                "pk": order.pk,
                "publication": published.get((order.pk, Publication.Kind.ORDER)),
            }
            for order in orders
        ]
    )
    posts = Post.objects.filter(section=section).only("pk", "kind", "title", "date", "published_at")
    return render(
        request,
        "public/manage.html",
        {
            "section": section,
            "documents": documents,
            "posts": posts,
            "mentors": pages.public_mentors(organisation),
        },
    )


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def settings(request):
    section = _section(request)
    form = SectionForm(
        request.POST or None, instance=section, organisation=request.access.organisation
    )
    if form.is_valid():
        services.section_save(section=form.save(commit=False))
        messages.success(request, "Раздел сохранён.")
        return redirect("public:manage")
    return render(request, "public/settings_form.html", {"form": form, "section": section})


@require_role(*CURATORS)
@require_POST
def switch(request, name, state):
    if name not in SWITCHES or state not in ("on", "off"):
        raise Http404
    field, on_text, off_text = SWITCHES[name]
    services.section_set(section=_section(request), field=field, value=state == "on")
    messages.success(request, f"{on_text if state == 'on' else off_text}.")
    return redirect("public:manage")


def _document(request, kind, pk):
    organisation = request.access.organisation
    if kind == "regulation":
        return get_object_or_404(
            Regulation.objects.select_related("organisation"),
            pk=pk,
            organisation=organisation,
            status=Regulation.Status.APPROVED,
        )
    if kind == "roadmap":
        return get_object_or_404(
            Roadmap, pk=pk, organisation=organisation, status=Roadmap.Status.APPROVED
        )
    if kind == "order":
        return get_object_or_404(
            Order.objects.signed().select_related("organisation"), pk=pk, organisation=organisation
        )
    raise Http404


def _names(request) -> str:
    names = request.GET.get("names", Names.FULL)
    return names if names in Names.values else Names.FULL


@require_role(*CURATORS)
def preview(request, kind, pk):
    """What becomes public: the people the document names without a consent to distribution,
    and the document itself as a visitor will see it, with names or replaced."""
    document = _document(request, kind, pk)
    section = _section(request)
    names = _names(request)
    html = services.document_html(document)
    missing = redactor_for(section.organisation, Names.FULL).found(html)
    shown = ""
    if kind == "roadmap":
        shown = main_of(pages.roadmap_page(section, document, names))
    elif kind == "regulation":
        shown = main_of(pages.regulation_page(section, document, names))
    form = PublishForm(initial={"names": Names.REPLACED if missing else names})
    return render(
        request,
        "public/preview.html",
        {
            "section": section,
            "kind": kind,
            "document": document,
            "title": html_title(document),
            "names": names,
            "missing": missing,
            "shown": shown,
            "form": form,
        },
    )


def html_title(document) -> str:
    if isinstance(document, Regulation):
        return pages.regulation_title(document)
    if isinstance(document, Roadmap):
        return pages.roadmap_title(document)
    return pages.order_title(document)


@require_role(*CURATORS)
def preview_pdf(request, kind, pk):
    """The PDF exactly as the public will get it."""
    document = _document(request, kind, pk)
    names = _names(request)
    if kind == "roadmap":
        pdf = pages.roadmap_pdf(_section(request), document, names)
    elif kind == "regulation":
        pdf = pages.regulation_pdf(_section(request), document, names)
    else:
        pdf = public_order_pdf(document, names)
    return pdf_response(pdf, "Предпросмотр.pdf")


@require_role(*CURATORS)
@require_POST
def publish(request, kind, pk):
    document = _document(request, kind, pk)
    section = _section(request)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите, как показать людей в документе.")
        return redirect("public:preview", kind=kind, pk=pk)
    done = attempt(
        request,
        lambda: services.document_publish(
            section=section, document=document, names=form.cleaned_data["names"], by=request.user
        ),
        "Документ опубликован.",
    )
    if not done:
        return redirect(f"{request.path.replace('/publish/', '/preview/')}?names=replaced")
    return redirect("public:manage")


@require_role(*CURATORS)
@require_POST
def withdraw(request, pk):
    publication = get_object_or_404(
        Publication.objects.select_related("section"),
        pk=pk,
        section__organisation=request.access.organisation,
    )
    services.document_withdraw(publication=publication)
    messages.success(request, "Документ снят с публикации.")
    return redirect("public:manage")


# --- news, best practices, «Наставник года» ------------------------------------------------


def _post(request, pk) -> Post:
    return get_object_or_404(
        Post.objects.select_related("section__organisation"),
        pk=pk,
        section__organisation=request.access.organisation,
    )


@require_role(*CURATORS)
@require_http_methods(["GET", "POST"])
def post_form(request, pk=None):
    post = _post(request, pk) if pk else Post(section=_section(request), created_by=request.user)
    form = PostForm(
        request.POST or None,
        request.FILES or None,
        instance=post,
        organisation=request.access.organisation,
    )
    if form.is_valid():
        saved = form.save(commit=False)
        try:
            services.post_save(post=saved, people=form.cleaned_data["people"])
        except ValidationError as error:
            show_error(request, error, form=form)
        else:
            messages.success(request, "Материал сохранён.")
            return redirect("public:post_preview", pk=saved.pk)
    return render(request, "public/post_form.html", {"form": form, "post": post})


@require_role(*CURATORS)
def post_preview(request, pk):
    post = _post(request, pk)
    post.show_photo = bool(post.photo)
    page = pages.post_page(
        post.section, post, photo_url=reverse("public:post_photo_private", args=[post.pk])
    )
    return render(request, "public/post_preview.html", {"post": post, "shown": main_of(page)})


@require_role(*CURATORS)
def post_photo(request, pk):
    from mentoring_portal.files import file_response

    post = _post(request, pk)
    return file_response(post.photo, title=post.title)


@require_role(*CURATORS)
@require_POST
def post_publish(request, pk):
    post = _post(request, pk)
    if attempt(request, lambda: services.post_publish(post=post), "Материал опубликован."):
        return redirect("public:manage")
    return redirect("public:post_preview", pk=pk)


@require_role(*CURATORS)
@require_POST
def post_withdraw(request, pk):
    services.post_withdraw(post=_post(request, pk))
    messages.success(request, "Материал снят с публикации.")
    return redirect("public:manage")


@require_role(*CURATORS)
@require_POST
def post_delete(request, pk):
    services.post_delete(post=_post(request, pk))
    messages.success(request, "Материал удалён.")
    return redirect("public:manage")


@require_role(*CURATORS)
@require_GET
def package(request):
    """«Пакет для сайта»: the published PDFs and an index page, as one ZIP — the kept one while
    nothing was published since, else «Пакет готовится…» while a task builds it (the page asks
    again by itself and then offers the file)."""
    section = _section(request)
    current = package_current(section)
    if current is None:
        package_request(section=section)  # the immediate backend builds it right here
        current = package_current(section)
    # The waiting page asks again with ?wait: once ready it offers the file by a button rather
    # than downloading it in place, where its refresh would download it again every 3 s.
    waiting = "wait" in request.GET
    if current is not None and not waiting:
        title = f"Наставничество {section.organisation.short_name}"
        return file_response(current.file, title=title)
    return render(
        request,
        "public/package_pending.html",
        {"package": current, "refresh_seconds": PENDING_REFRESH_SECONDS},
        status=200 if current else 202,
    )
