"""Background work of roadmaps (django-tasks): the approved revision's PDF is rendered here."""

from django_tasks import task


@task()
def store_approved_roadmap_pdf(roadmap_id: int) -> str:
    """Render and store the approved revision's PDF (roadmap.stored_pdf); returns its name."""
    from roadmap.stored_pdf import approved_pdf_store

    return approved_pdf_store(roadmap_id=roadmap_id)
