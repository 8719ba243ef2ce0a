"""Someone with database access but not the keys (issue 8): every way of rewriting the trail
that the unkeyed chain let pass is now refused, by the keyed hashes or by a checkpoint."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from hatnhan.audit import services
from hatnhan.audit.models import AuditChainHead, AuditEvent
from hatnhan.audit.services import GENESIS, move_anchor, verify_chain

KEY_ID, KEY = next(iter(settings.AUDIT_KEYS.items()))


def audit(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", *args, stdout=out, stderr=err)
    except CommandError as exc:
        raise CommandError(f"{exc}\n{err.getvalue()}") from exc
    return out.getvalue()


@pytest.fixture
def trail(users, make_member):
    for name in ("Nguyễn Văn Hải", "Trần Thị Mai", "Lê Văn Nam"):
        make_member(name=name)
    move_anchor()  # the test's transaction never commits
    return AuditEvent.objects.count()


@pytest.fixture
def checkpoint(trail, tmp_path) -> Path:
    path = tmp_path / "checkpoint.json"
    path.write_text(audit("checkpoint"))
    return path


def rewrite(events: list[AuditEvent], fields: list[str]) -> None:
    # What an attacker does: the plain QuerySet, past the model's append-only refusal.
    AuditEvent._base_manager.bulk_update(events, fields)


def rechain_without_the_key(start_seq: int, *, legacy: bool) -> None:
    """Recompute every hash from `start_seq` on, as someone without AUDIT_KEYS can."""
    previous = AuditEvent.objects.filter(seq=start_seq - 1).values_list("hash", flat=True)
    running = previous.first() or GENESIS
    events = list(AuditEvent.objects.filter(seq__gte=start_seq).order_by("seq"))
    for event in events:
        event.prev_hash = running
        if legacy:
            event.key_id = ""
            event.hash = event.legacy_hash()
        else:
            event.hash = event.keyed_hash("a-guessed-key")
        running = event.hash
    rewrite(events, ["prev_hash", "hash", "key_id"])


def test_new_events_are_keyed_with_the_newest_key(trail):
    assert set(AuditEvent.objects.values_list("key_id", flat=True)) == {KEY_ID}
    assert audit("verify").startswith(f"Nhật ký toàn vẹn: {trail} sự kiện")


def test_tail_deleted_and_anchor_moved_is_caught_by_the_checkpoint(checkpoint):
    end = AuditEvent.objects.order_by("-seq").first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq >= %s", [end.seq - 1])
    survivor = AuditEvent.objects.order_by("-seq").first()
    AuditChainHead.objects.filter(pk=1).update(count=survivor.seq, last_hash=survivor.hash)
    # The remaining chain is genuine: only the checkpoint kept off the server knows more.
    assert verify_chain() == []
    with pytest.raises(CommandError) as failed:
        audit("verify", "--checkpoint", str(checkpoint))
    assert f"sự kiện thứ {end.seq})" in str(failed.value)
    assert "nhật ký đã bị xóa" in str(failed.value)


def test_every_event_deleted_is_caught_by_the_checkpoint(checkpoint):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
        cursor.execute("DELETE FROM audit_auditchainhead")
    assert verify_chain() == []
    with pytest.raises(CommandError) as failed:
        audit("verify", "--checkpoint", str(checkpoint))
    assert "Không còn sự kiện của điểm kiểm tra" in str(failed.value)


@pytest.mark.parametrize("legacy", [False, True], ids=["guessed-key", "unkeyed-sha256"])
def test_an_edited_event_with_later_hashes_recomputed_is_caught(trail, legacy):
    target = AuditEvent.objects.filter(action="member.create").order_by("seq").first()
    target.object_repr = "giả mạo"
    rewrite([target], ["object_repr"])
    rechain_without_the_key(target.seq, legacy=legacy)
    end = AuditEvent.objects.order_by("-seq").first()
    AuditChainHead.objects.filter(pk=1).update(count=end.seq, last_hash=end.hash)
    with pytest.raises(CommandError) as failed:
        audit("verify")
    if legacy:
        assert "băm không có khóa sau sự kiện có khóa" in str(failed.value)
    else:
        assert f"Sự kiện #{target.pk}: nội dung đã bị sửa" in str(failed.value)


def test_a_whole_chain_recomputed_without_a_key_fails_verify(trail):
    rechain_without_the_key(1, legacy=True)
    end = AuditEvent.objects.order_by("-seq").first()
    AuditChainHead.objects.filter(pk=1).update(count=end.seq, last_hash=end.hash)
    with pytest.raises(CommandError) as failed:
        audit("verify")
    assert f"{trail} sự kiện (thứ 1 đến {trail}) được băm không có khóa" in str(failed.value)


def test_rotated_keys_old_events_verify_with_the_old_key(trail, make_member):
    with override_settings(AUDIT_KEYS={"k2": "second-secret", KEY_ID: "x"}):
        # Both keys listed, but the old one with a wrong secret: its events no longer verify.
        assert any("nội dung đã bị sửa" in p for p in verify_chain())
    with override_settings(AUDIT_KEYS={"k2": "second-secret", KEY_ID: KEY}):
        make_member(name="Phạm Thị Lan")
        move_anchor()
        newest = AuditEvent.objects.order_by("-seq").first()
        assert newest.key_id == "k2"
        assert AuditEvent.objects.filter(key_id=KEY_ID).count() == trail
        assert verify_chain() == []
    with override_settings(AUDIT_KEYS={"k2": "second-secret"}):
        problems = verify_chain()
    assert len(problems) == trail
    assert all(f"khóa “{KEY_ID}” không có trong AUDIT_KEYS" in p for p in problems)


def test_a_forged_checkpoint_is_refused(checkpoint, tmp_path):
    genuine = json.loads(checkpoint.read_text())
    forgeries = {
        "earlier-seq": {**genuine, "seq": genuine["seq"] - 2},
        "other-hash": {**genuine, "hash": "0" * 64},
        "unknown-key": {**genuine, "key_id": "k9"},
        "no-signature": {k: v for k, v in genuine.items() if k != "signature"},
        "key-not-text": {**genuine, "key_id": ["k1"]},
    }
    expected = {
        "earlier-seq": "Chữ ký của điểm kiểm tra không đúng",
        "other-hash": "Chữ ký của điểm kiểm tra không đúng",
        "unknown-key": "khóa “k9” không có trong AUDIT_CHECKPOINT_KEYS",
        "no-signature": "không đúng định dạng",
        "key-not-text": "không đúng định dạng",
    }
    for name, forged in forgeries.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(forged))
        for option in ("--checkpoint", "--from-checkpoint"):
            with pytest.raises(CommandError) as failed:
                audit("verify", option, str(path))
            assert expected[name] in str(failed.value), name
    # Signed by someone else's key under the genuine key id.
    checkpoint_key_id = next(iter(settings.AUDIT_CHECKPOINT_KEYS))
    with override_settings(AUDIT_CHECKPOINT_KEYS={checkpoint_key_id: "attacker-key"}):
        signed_elsewhere = tmp_path / "elsewhere.json"
        signed_elsewhere.write_text(audit("checkpoint"))
    with pytest.raises(CommandError) as failed:
        audit("verify", "--checkpoint", str(signed_elsewhere))
    assert "Chữ ký của điểm kiểm tra không đúng" in str(failed.value)


def test_an_audit_key_is_not_a_checkpoint_key(checkpoint, tmp_path):
    # A checkpoint signed with the chain's key (which the server holds anyway) is refused.
    checkpoint_key_id = next(iter(settings.AUDIT_CHECKPOINT_KEYS))
    with override_settings(AUDIT_CHECKPOINT_KEYS={checkpoint_key_id: KEY}):
        other = tmp_path / "chain-key.json"
        other.write_text(audit("checkpoint"))
    with pytest.raises(CommandError):
        audit("verify", "--checkpoint", str(other))


def test_verify_from_a_checkpoint_checks_only_what_came_after(checkpoint, make_member):
    before = AuditEvent.objects.order_by("seq").first()
    make_member(name="Đỗ Văn Tâm")
    move_anchor()
    after_count = AuditEvent.objects.filter(seq__gt=json.loads(checkpoint.read_text())["seq"])
    output = audit("verify", "--from-checkpoint", str(checkpoint))
    assert f"Nhật ký toàn vẹn: {after_count.count()} sự kiện sau điểm kiểm tra" in output
    # An edit before the checkpoint is outside this run (the full verify finds it) …
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [before.pk])
    audit("verify", "--from-checkpoint", str(checkpoint))
    # … one after it is not.
    later = after_count.order_by("seq").last()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [later.pk])
    with pytest.raises(CommandError) as failed:
        audit("verify", "--from-checkpoint", str(checkpoint))
    assert f"Sự kiện #{later.pk}: nội dung đã bị sửa" in str(failed.value)
    assert f"Sự kiện #{before.pk}" not in str(failed.value)


def test_the_checkpointed_event_rewritten_is_caught_when_starting_from_it(checkpoint):
    seq = json.loads(checkpoint.read_text())["seq"]
    rechain_without_the_key(seq, legacy=False)
    with pytest.raises(CommandError) as failed:
        audit("verify", "--from-checkpoint", str(checkpoint))
    assert "Sự kiện khác với điểm kiểm tra" in str(failed.value)


def test_verify_reads_in_bounded_chunks(trail, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(services, "CHAIN_CHUNK", 4)
    chunks = -(-trail // 4) + (1 if trail % 4 == 0 else 0)  # the last, empty read ends it
    # Every chunk, the anchor row and the anchored event: no query per event.
    with django_assert_num_queries(chunks + 2):
        assert verify_chain() == []


def unkey_everything() -> None:
    """The trail as it was before keyed chains (what migration 0004 leaves)."""
    rechain_without_the_key(1, legacy=True)
    end = AuditEvent.objects.order_by("-seq").first()
    AuditChainHead.objects.filter(pk=1).update(count=end.seq, last_hash=end.hash)


def test_rekey_keys_the_unkeyed_events_once(trail):
    unkey_everything()
    assert audit("rekey").startswith(f"Đã băm lại bằng khóa {trail} sự kiện cũ")
    move_anchor()
    assert set(AuditEvent.objects.values_list("key_id", flat=True)) == {KEY_ID}
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.before, event.after) == (
        "audit.rekey",
        {"unkeyed_events": trail},
        {"key_id": KEY_ID},
    )
    assert audit("verify").startswith(f"Nhật ký toàn vẹn: {trail + 1} sự kiện")
    assert audit("rekey").startswith("Không có sự kiện nào băm không có khóa")


def test_rekey_refuses_a_broken_chain_and_changes_nothing(trail):
    unkey_everything()
    target = AuditEvent.objects.order_by("seq")[2]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [target.pk])
    before = list(AuditEvent.objects.order_by("seq").values_list("key_id", "hash"))
    with pytest.raises(CommandError) as failed:
        audit("rekey")
    assert f"Sự kiện #{target.pk}: nội dung đã bị sửa" in str(failed.value)
    assert "không thay đổi gì" in str(failed.value)
    assert list(AuditEvent.objects.order_by("seq").values_list("key_id", "hash")) == before


def test_keygen_prints_both_variables():
    lines = audit("keygen").splitlines()
    assert [line.split("=")[0] for line in lines] == ["AUDIT_KEYS", "AUDIT_CHECKPOINT_KEYS"]
    assert all(len(line.split(":", 1)[1]) >= 40 for line in lines)


@pytest.mark.parametrize("subcommand", ["checkpoint", "rekey"])
def test_a_real_server_does_not_sign_with_the_development_keys(trail, subcommand):
    before = list(AuditEvent.objects.values_list("key_id", "hash"))
    development = {
        "AUDIT_KEYS": {"dev": settings.DEVELOPMENT_AUDIT_KEY},
        "AUDIT_CHECKPOINT_KEYS": {"dev": settings.DEVELOPMENT_AUDIT_CHECKPOINT_KEY},
    }
    with override_settings(**development), pytest.raises(CommandError) as failed:
        audit(subcommand)
    assert "AUDIT_KEYS hoặc AUDIT_CHECKPOINT_KEYS chưa được đặt" in str(failed.value)
    assert list(AuditEvent.objects.values_list("key_id", "hash")) == before


def test_a_missing_checkpoint_file_is_named(trail, tmp_path):
    with pytest.raises(CommandError) as failed:
        audit("verify", "--checkpoint", str(tmp_path / "none.json"))
    assert f"Không đọc được tệp điểm kiểm tra {tmp_path / 'none.json'}" in str(failed.value)
