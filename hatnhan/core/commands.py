"""What the operator's management commands share: Vietnamese refusals, nothing half-written,
and a parser that speaks Vietnamese too (argparse and Django word their own parts in English)."""

import re
import sys
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    DjangoHelpFormatter,
)


def service_error(exc: ValidationError | PermissionDenied) -> CommandError:
    """A service's refusal as a CommandError (non-zero exit), one line per field."""
    if isinstance(exc, PermissionDenied):
        return CommandError(str(exc) or "Không có quyền thực hiện thao tác này.")
    if hasattr(exc, "error_dict"):
        lines = [
            f"{field}: {message}" if field != "__all__" else message
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        lines = list(exc.messages)
    return CommandError("Không thực hiện được:\n  " + "\n  ".join(lines))


def required(options: dict[str, Any], name: str, flag: str, what: str) -> Any:
    """argparse would refuse in English; the operator reads Vietnamese."""
    value = options.get(name)
    if value in (None, ""):
        raise CommandError(f"Thiếu {flag}: {what}.")
    return value


# Django's own options, by destination, in the operator's language.
_BASE_OPTION_HELP = {
    "help": "in hướng dẫn này rồi thoát",
    "version": "in số phiên bản rồi thoát",
    "verbosity": "mức chi tiết: 0 tối thiểu, 1 bình thường, 2 chi tiết, 3 rất chi tiết",
    "settings": "mô-đun cấu hình, ví dụ hatnhan.settings (mặc định: DJANGO_SETTINGS_MODULE)",
    "pythonpath": "thư mục thêm vào đường dẫn tìm mô-đun Python",
    "traceback": "in toàn bộ vết lỗi khi lệnh không thực hiện được",
    "no_color": "không tô màu",
    "force_color": "luôn tô màu",
    "skip_checks": "bỏ qua kiểm tra hệ thống",
}
_BASE_OPTION_METAVAR = {"settings": "MÔ_ĐUN", "pythonpath": "THƯ_MỤC"}
# argparse's refusals (Python 3.12–3.13 wording) and their Vietnamese.
_PARSER_ERRORS = [
    (r"unrecognized arguments: (.*)", "không hiểu tham số: {0}"),
    (r"argument (\S+): expected one argument", "{0} cần một giá trị"),
    (r"argument (\S+): expected at (?:least|most) one argument", "{0}: số giá trị không đúng"),
    (
        r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
        "{0}: không có lựa chọn {1} (chọn một trong: {2})",
    ),
    (r"argument (\S+): invalid (\S+) value: (.*)", "{0}: {2} không phải giá trị hợp lệ"),
    (r"the following arguments are required: (.*)", "thiếu tham số: {0}"),
    (r"ambiguous option: (\S+) could match (.*)", "tùy chọn {0} chưa rõ: có thể là {1}"),
]


def vietnamese_parser_error(message: str) -> str:
    for pattern, words in _PARSER_ERRORS:
        if found := re.fullmatch(pattern, message):
            return words.format(*found.groups())
    return message


class _VietnameseHelpFormatter(DjangoHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix or "cách dùng: ")


class _VietnameseParser(CommandParser):
    def error(self, message: str) -> NoReturn:
        message = vietnamese_parser_error(message)
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: lỗi: {message}\n")
        raise CommandError(f"Lỗi: {message}")


class VietnameseCommand(BaseCommand):
    """A management command whose help and argument errors are Vietnamese throughout, like
    its own messages: one language for the operator."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", _VietnameseHelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = _VietnameseParser
        parser._positionals.title = "tham số"
        parser._optionals.title = "tùy chọn"
        for action in parser._actions:
            if action.dest in _BASE_OPTION_HELP:
                action.help = _BASE_OPTION_HELP[action.dest]
            if action.dest in _BASE_OPTION_METAVAR:
                action.metavar = _BASE_OPTION_METAVAR[action.dest]
        return parser

    def execute(self, *args: Any, **options: Any) -> Any:
        # Django prints a refusal as "CommandError: …"; the operator reads "Lỗi: …".
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                raise
            self.stderr.write(f"Lỗi: {exc}")
            sys.exit(exc.returncode)
