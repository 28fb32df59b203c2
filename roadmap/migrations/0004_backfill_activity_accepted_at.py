"""Fill ``Activity.accepted_at`` of activities accepted before the field existed.

The acceptance time was read from the history: the first historical record of the activity with
status «done». The same rule fills the field once, so the indicators give the same numbers.
"""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def backfill_accepted_at(apps, schema_editor):
    Activity = apps.get_model("roadmap", "Activity")
    HistoricalActivity = apps.get_model("roadmap", "HistoricalActivity")
    first_done = (
        HistoricalActivity.objects.filter(id=OuterRef("pk"), status="done")
        .order_by("history_date")
        .values("history_date")[:1]
    )
    Activity.objects.filter(status="done", accepted_at__isnull=True).update(
        accepted_at=Subquery(first_done)
    )


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0003_activity_accepted_at")]

    operations = [migrations.RunPython(backfill_accepted_at, migrations.RunPython.noop)]
