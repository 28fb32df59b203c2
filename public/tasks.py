"""Background work of the public section (django-tasks): «Пакет для сайта» is built here."""

from django_tasks import task


@task()
def build_site_package(section_id: int) -> str:
    """Build and keep the section's site package (public.package); returns its stored name."""
    from public.package import package_build

    return package_build(section_id=section_id)
