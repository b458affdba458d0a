"""Writes the fixtures of this folder with the original stack: Django's make_password and
dumpdata for the users, PyJWT for the tokens. See README.md for the command."""
import json
import os
import sys
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# The original's settings that matter here; the key is deliberately shorter than 256 bits.
SECRET_KEY = "original-django-key"
OTHER_KEY = "another-django-key"

import django
from django.conf import settings

settings.configure(
    SECRET_KEY=SECRET_KEY,
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "users"],
    AUTH_USER_MODEL="users.User",
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    USE_TZ=True,
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    ],
)
django.setup()

import jwt
from django.contrib.auth.hashers import make_password
from django.core.management import call_command

from users.models import User

# pk, username, email, password (None: unusable), hasher, flags
USERS = [
    (1, "alice", "alice@example.com", "alice-password-1", "pbkdf2_sha256", dict(is_staff=True, is_superuser=True)),
    (2, "bob", "Bob@Example.com", "bob-password-22", "pbkdf2_sha1", {}),
    (3, "carol", "carol@example.com", "carol-password-333", "argon2", {}),
    (4, "dave", "dave@example.com", "dave-password-4444", "bcrypt_sha256", {}),
    (7, "erin", "erin@example.com", None, None, {}),
    (8, "Frank", "frank@example.com", "fränk-pässwörd-5", "pbkdf2_sha256", dict(is_active=False)),
    (9, "ALICE", "alice.other@example.com", "alice-password-9", "pbkdf2_sha256", {}),
    (10, "gina", "gina@localhost", "gina-password-10", "pbkdf2_sha256", {}),
    (11, "hank smith", "hank@example.com", "hank-password-11", "pbkdf2_sha256", {}),
    (42, "ivan", "ivan@example.com", "ivan-password-42", "pbkdf2_sha256", {}),
]


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as out:
        out.write(text)


def users():
    call_command("migrate", run_syncdb=True, verbosity=0)
    for pk, username, email, password, hasher, flags in USERS:
        hashed = make_password(password, hasher=hasher) if password else make_password(None)
        User.objects.create(pk=pk, username=username, email=email, password=hashed, **flags)
        # auto_now_add and auto_now ignore given values on save; update() keeps them.
        User.objects.filter(pk=pk).update(
            created_at=datetime(2023, 1, 1 + pk % 28, 9, 30, 15, 123456, tzinfo=timezone.utc),
            updated_at=datetime(2024, 2, 1 + pk % 28, 18, 5, 0, tzinfo=timezone.utc),
            last_login=datetime(2024, 3, 1, 12, 0, 0, tzinfo=timezone.utc) if pk < 5 else None,
        )
    call_command("dumpdata", "users.User", indent=4, output=os.path.join(HERE, "dumpdata.json"))


def tokens():
    # As the original issued them: HS256 over {"id", "expiration"}, keyed with SECRET_KEY.
    def token(user_id, expiration, key=SECRET_KEY):
        return jwt.encode({"id": user_id, "expiration": expiration}, key, algorithm="HS256")

    far_future = datetime(2100, 1, 1, tzinfo=timezone.utc).timestamp() + 0.5
    past = datetime(2024, 6, 1, tzinfo=timezone.utc).timestamp() + 0.25
    write("tokens.json", json.dumps({
        "secretKey": SECRET_KEY,
        "alice": token(1, far_future),
        "aliceExpired": token(1, past),
        "aliceOtherKey": token(1, far_future, OTHER_KEY),
        "frank": token(8, far_future),
        "notImported": token(43, far_future),
    }, indent=4) + "\n")


def passwords():
    write("passwords.json", json.dumps(
        {username: password for _, username, _, password, _, _ in USERS if password},
        indent=4, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    users()
    tokens()
    passwords()
