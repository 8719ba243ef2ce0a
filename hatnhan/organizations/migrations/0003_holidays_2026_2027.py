"""Vietnam's public holidays for 2026 and 2027 (Bộ luật Lao động 2019, Art. 112), the working
days off only: a holiday on a Saturday or Sunday is not listed, its observed day is.

AN ADMINISTRATOR CHECKS THESE against the government's announcement for each year
(/settings/holidays/ adds, corrects and removes days). What is certain and what is not:
- 2026, Tết Nguyên đán: the announced break for civil servants was reported as 14–22/02/2026;
  its working days are 16/02 (29 Tết) to 20/02 (mùng 4), the five days kept here.
- 2026, Giỗ Tổ Hùng Vương (10/3 âm lịch) falls on Sunday 26/04: observed Monday 27/04.
- 2026, Quốc khánh: 2/9 (Wednesday) and one adjacent day; 1/9 is kept here, TO BE CONFIRMED.
- 2027: computed by the same rules, ALL TO BE CONFIRMED: Tết (mùng 1 = Saturday 06/02/2027):
  05/02 (30 Tết), 08–09/02 (mùng 3–4), 10–11/02 observed for mùng 1–2 on the weekend;
  Giỗ Tổ 10/3 âm lịch = Friday 16/04/2027; 1/5 on a Saturday, observed Monday 03/05;
  Quốc khánh 2/9 (Thursday) with Friday 03/09.
"""

import datetime as dt

from django.db import migrations

HOLIDAYS = [
    ("2026-01-01", "Tết Dương lịch"),
    ("2026-02-16", "Tết Nguyên đán (29 Tết)"),
    ("2026-02-17", "Tết Nguyên đán (mùng 1)"),
    ("2026-02-18", "Tết Nguyên đán (mùng 2)"),
    ("2026-02-19", "Tết Nguyên đán (mùng 3)"),
    ("2026-02-20", "Tết Nguyên đán (mùng 4)"),
    ("2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật 26/04)"),
    ("2026-04-30", "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    ("2026-05-01", "Ngày Quốc tế Lao động"),
    ("2026-09-01", "Quốc khánh (ngày liền kề — cần xác nhận)"),
    ("2026-09-02", "Quốc khánh"),
    ("2027-01-01", "Tết Dương lịch"),
    ("2027-02-05", "Tết Nguyên đán (30 Tết — cần xác nhận)"),
    ("2027-02-08", "Tết Nguyên đán (mùng 3 — cần xác nhận)"),
    ("2027-02-09", "Tết Nguyên đán (mùng 4 — cần xác nhận)"),
    ("2027-02-10", "Nghỉ bù Tết Nguyên đán (mùng 1 — cần xác nhận)"),
    ("2027-02-11", "Nghỉ bù Tết Nguyên đán (mùng 2 — cần xác nhận)"),
    ("2027-04-16", "Giỗ Tổ Hùng Vương (10/3 âm lịch — cần xác nhận)"),
    ("2027-04-30", "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    ("2027-05-03", "Nghỉ bù Ngày Quốc tế Lao động (Thứ Bảy 01/05)"),
    ("2027-09-02", "Quốc khánh"),
    ("2027-09-03", "Quốc khánh (ngày liền kề — cần xác nhận)"),
]


def load(apps, schema_editor):
    Holiday = apps.get_model("organizations", "Holiday")
    for day, name in HOLIDAYS:
        Holiday.objects.get_or_create(date=dt.date.fromisoformat(day), defaults={"name": name})


def unload(apps, schema_editor):
    Holiday = apps.get_model("organizations", "Holiday")
    Holiday.objects.filter(date__in=[dt.date.fromisoformat(d) for d, _ in HOLIDAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_holiday")]

    operations = [migrations.RunPython(load, unload)]
