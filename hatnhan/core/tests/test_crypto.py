"""Encryption at rest (hatnhan.core.crypto): a field stored as a Fernet token, plain in Python,
never searchable, masked in the audit trail, re-encrypted under a new key by rotation."""

from collections.abc import Iterator

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection, models
from django.test import override_settings
from django.test.utils import isolate_apps

from hatnhan.audit.models import AuditEvent
from hatnhan.audit.services import diff, snapshot
from hatnhan.core import crypto
from hatnhan.core.crypto import MASK, EncryptedTextField, decrypt, encrypt, rotate_keys
from hatnhan.core.services import save_audited

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


@pytest.fixture
def secret_model() -> Iterator[type[models.Model]]:
    """A table of our own for the duration of one test, outside the app registry (so the
    project's model walks never meet it)."""
    with isolate_apps("hatnhan.core"):

        class Secret(models.Model):
            name = models.CharField("tên", max_length=50, default="")
            identity = EncryptedTextField("danh tính", blank=True, null=True)

            class Meta:
                app_label = "core"
                db_table = "core_test_secret"

            def __str__(self) -> str:
                return self.name

        with connection.schema_editor() as editor:
            editor.create_model(Secret)
        try:
            yield Secret
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Secret)


def stored(model: type[models.Model], pk: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT identity FROM {model._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_encrypt_and_decrypt_round_trip():
    token = encrypt("Nguyễn Văn An, 0912 345 678")
    assert "Nguyễn" not in token
    assert decrypt(token) == "Nguyễn Văn An, 0912 345 678"


def test_an_old_key_still_decrypts_and_the_newest_encrypts():
    with override_settings(FIELD_KEYS=[OLD]):
        token = encrypt("bí mật")
    with override_settings(FIELD_KEYS=[NEW, OLD]):
        assert decrypt(token) == "bí mật"
        fresh = encrypt("bí mật")
    with override_settings(FIELD_KEYS=[NEW]):
        assert decrypt(fresh) == "bí mật"
        with pytest.raises(crypto.DecryptionError, match="rotate-field-keys"):
            decrypt(token)


@pytest.mark.django_db(transaction=True)
def test_the_field_stores_a_token_and_reads_plain_text(secret_model):
    obj = secret_model.objects.create(name="a", identity="Trần Thị Bình")
    raw = stored(secret_model, obj.pk)
    assert raw and "Bình" not in raw
    assert secret_model.objects.get(pk=obj.pk).identity == "Trần Thị Bình"
    empty = secret_model.objects.create(name="b", identity="")
    assert stored(secret_model, empty.pk) == ""
    assert secret_model.objects.get(pk=empty.pk).identity == ""
    none = secret_model.objects.create(name="c", identity=None)
    assert secret_model.objects.filter(identity__isnull=True).get() == none


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lookup", ["exact", "icontains", "startswith", "in", "lower"])
def test_every_lookup_but_isnull_is_refused(secret_model, lookup):
    value = ["x"] if lookup == "in" else "x"
    with pytest.raises(FieldError, match="Trường mã hóa không tìm kiếm"):
        list(secret_model.objects.filter(**{f"identity__{lookup}": value}))


@pytest.mark.django_db(transaction=True)
def test_a_plain_equality_filter_is_refused(secret_model):
    with pytest.raises(FieldError, match="identity__exact"):
        secret_model.objects.filter(identity="x").exists()


@pytest.mark.django_db(transaction=True)
def test_the_audit_snapshot_masks_the_value(secret_model):
    obj = secret_model.objects.create(name="a", identity="Lê Văn Cường")
    assert snapshot(obj) == {"name": "a", "identity": MASK}
    assert snapshot(obj, ["identity"]) == {"identity": MASK}
    obj.identity = ""
    assert snapshot(obj)["identity"] == ""


@pytest.mark.django_db(transaction=True)
def test_a_change_of_secret_is_saved_and_audited_masked(tree, secret_model):
    obj = secret_model.objects.create(name="a", identity="Lê Văn Cường")
    before = snapshot(obj)
    obj.identity = "Phạm Thị Dung"
    assert diff(before, snapshot(obj)) == {"identity": (MASK, MASK)}
    assert save_audited(
        actor=None, obj=obj, action="test.update", before=before, organization_path=tree["stc"].path
    )
    assert secret_model.objects.get(pk=obj.pk).identity == "Phạm Thị Dung"
    event = AuditEvent.objects.get(action="test.update")
    assert event.before["identity"] == event.after["identity"] == MASK
    assert "Cường" not in event.payload() and "Dung" not in event.payload()
    # Saving the same secret again is no change.
    assert not save_audited(
        actor=None,
        obj=obj,
        action="test.update",
        before=snapshot(obj),
        organization_path=tree["stc"].path,
    )


@pytest.mark.django_db(transaction=True)
def test_rotation_re_encrypts_every_row_under_the_newest_key(secret_model):
    with override_settings(FIELD_KEYS=[OLD]):
        rows = [secret_model.objects.create(name=str(i), identity=f"người {i}") for i in range(5)]
        blank = secret_model.objects.create(name="blank", identity="")
    with override_settings(FIELD_KEYS=[NEW, OLD]):
        counts = rotate_keys(chunk_size=2, targets=[(secret_model, ["identity"])])
    assert counts == {"core.Secret": 6}
    with override_settings(FIELD_KEYS=[NEW]):
        assert [secret_model.objects.get(pk=r.pk).identity for r in rows] == [
            f"người {i}" for i in range(5)
        ]
        assert stored(secret_model, blank.pk) == ""


@pytest.mark.django_db
def test_the_command_reports_counts(capsys, monkeypatch):
    monkeypatch.setattr(crypto, "encrypted_fields", lambda: iter([]))
    call_command("rotate_field_keys")
    assert "Đã mã hóa lại 0 dòng" in capsys.readouterr().out
