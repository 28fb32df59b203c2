from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.access import ALL_SCHOOL_PERSONAS, case


def _reset_link(world):
    user = world.user("teacher")
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


CASES = [
    case("home", ALL_SCHOOL_PERSONAS),
    case("favicon", (), public=True),
    case("healthz", (), public=True),
    case("login", (), public=True),
    case("logout", (), method="post", public=True),
    case("password_change", ALL_SCHOOL_PERSONAS),
    case("password_change_done", ALL_SCHOOL_PERSONAS),
    case("password_reset", (), public=True),
    case("password_reset_done", (), public=True),
    case("password_reset_confirm", (), kwargs=_reset_link, public=True, scoped=False),
    case("password_reset_complete", (), public=True),
]
