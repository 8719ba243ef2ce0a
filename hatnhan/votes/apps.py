from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotesConfig(AppConfig):
    name = "hatnhan.votes"
    label = "votes"
    verbose_name = _("Biểu quyết")

    def ready(self) -> None:
        from hatnhan.audit.selectors import register_actions
        from hatnhan.meetings.services import register_close_check
        from hatnhan.meetings.word import register_minutes_part

        from .services import no_open_vote
        from .word import minutes_part

        register_actions(ACTION_LABELS)
        register_minutes_part(minutes_part)
        register_close_check(no_open_vote)


# What each audit action of this app means, for every history that shows it.
ACTION_LABELS = {
    "vote.open": _("Mở biểu quyết"),
    "vote.hands": _("Ghi kết quả biểu quyết giơ tay"),
    "vote.cast": _("Bỏ phiếu kín"),
    "vote.close": _("Kết thúc biểu quyết"),
}
