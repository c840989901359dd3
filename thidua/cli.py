"""The ``thidua`` console command: thidua's own management commands, plus Django's, by one name.

``thidua units import-official`` is ``python manage.py units import-official``. ``thidua --help``
lists thidua's commands with their Vietnamese / English help and the Django commands operators use.
"""

from __future__ import annotations

import os
import sys

# Django's own commands that an operator of thidua needs, with bilingual help.
OPERATOR_COMMANDS = {
    "migrate": "Cập nhật cấu trúc cơ sở dữ liệu / Apply database migrations",
    "db_worker": "Chạy tiến trình xử lý công việc nền / Run a background-task worker",
    "createsuperuser": "Tạo tài khoản quản trị / Create an administrator account",
    "changepassword": "Đổi mật khẩu một tài khoản / Change a user's password",
    "check": "Kiểm tra cấu hình (--deploy cho môi trường thật) / Check the configuration (--deploy for production)",
    "collectstatic": "Thu thập tệp tĩnh để phục vụ / Collect static files for serving",
    "compilemessages": "Biên dịch bản dịch / Compile the translation catalogues",
    "shell": "Mở Python shell với thidua / Open a Python shell with thidua loaded",
}


def _thidua_commands() -> dict[str, str]:
    from django.core.management import get_commands, load_command_class

    result = {}
    for name, app in sorted(get_commands().items()):
        if app == "thidua" or app.startswith("thidua."):
            result[name] = str(load_command_class(app, name).help)
    return result


def usage() -> str:
    lines = [
        "thidua — Thi đua khen thưởng / Emulation and commendation",
        "",
        "Cách dùng / Usage: thidua <lệnh/command> [tùy chọn/options]   (thidua <lệnh> --help: chi tiết/details)",
        "",
        "Lệnh của thidua / thidua commands:",
    ]
    lines += [f"  {name:<18} {text}" for name, text in _thidua_commands().items()]
    lines += ["", "Lệnh vận hành của Django / Django operator commands:"]
    lines += [f"  {name:<18} {text}" for name, text in OPERATOR_COMMANDS.items()]
    lines += ["", "Mọi lệnh khác của manage.py cũng dùng được / Every other manage.py command works too."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    args = sys.argv[1:] if argv is None else argv
    import django

    if not args or args[0] in {"-h", "--help", "help"}:
        django.setup()
        print(usage())
        return 0
    from django.core.management import execute_from_command_line

    execute_from_command_line(["thidua", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
