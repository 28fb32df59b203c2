import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from participants.access import access_for
from participants.models import Organisation, Role

pytestmark = pytest.mark.django_db


def _load(*args):
    from io import StringIO

    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_demo_creates_schools_and_one_account_per_role():
    output = _load("--password", "секрет-2026")
    for login in ("director", "curator", "teacher", "mentor", "mentee", "coordinator"):
        assert login in output
        user = get_user_model().objects.get(username=login)
        assert user.check_password("секрет-2026")
    assert "Пароль у всех: секрет-2026" in output
    main = Organisation.objects.get(short_name="МАОУ гимназия № 2 г. Асино")
    assert Organisation.objects.filter(parent=main.parent).count() == 2
    curator = access_for(get_user_model().objects.get(username="curator"))
    assert curator.organisation == main and Role.CURATOR in curator.roles


def test_demo_schools_do_not_see_each_other():
    _load()
    users = get_user_model().objects
    assert (
        access_for(users.get(username="curator2")).organisation
        != access_for(users.get(username="curator")).organisation
    )


def test_demo_refuses_to_run_twice_unless_forced():
    _load()
    with pytest.raises(CommandError, match="уже загружены"):
        _load()
    _load("--force")
    assert get_user_model().objects.filter(username="curator").count() == 1


def test_if_empty_keeps_what_users_entered():
    get_user_model().objects.create_user("real_teacher", password="x")
    output = _load("--if-empty")
    assert "не загружаются" in output
    assert not Organisation.objects.exists()
