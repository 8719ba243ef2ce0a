"""The rulebooks shipped with hatnhan, as data (REGULATIONS.md §1); the data migration loads
them. Another rulebook (a province's frame, next year's regulation) is more rows like these,
added by a migration or the admin: the engine reads rules, not regulations."""

from typing import Any

ON_TIME_ALL = {
    "metric": "on_time_quality_share",
    "op": ">=",
    "value": 1.0,
    "label": "Nhiệm vụ hoàn thành đúng hạn, đạt yêu cầu",
}
EXCLUDED_STATUSES = {
    "statuses": ["suspended", "exempt"],
    "reason": "Đang tạm đình chỉ sinh hoạt hoặc được miễn công tác và sinh hoạt đảng",
}


def exceeded(share: float) -> dict[str, Any]:
    return {
        "metric": "exceeded_share",
        "op": ">=",
        "value": share,
        "label": "Nhiệm vụ vượt yêu cầu",
    }


QD366_MEMBER = [
    (
        "exclude-status",
        "exclusion",
        "",
        "HD 43-HD/BTCTW (đối tượng đánh giá)",
        "Không đánh giá đảng viên đang bị đình chỉ sinh hoạt, được miễn công tác và sinh hoạt.",
        EXCLUDED_STATUSES,
    ),
    (
        "exclude-recent",
        "exclusion",
        "",
        "HD 43-HD/BTCTW (chưa xác nhận; theo QĐ 124 Điều 12)",
        "Đảng viên vào Đảng chưa đủ 6 tháng tính đến cuối kỳ (tắt mặc định).",
        {
            "admitted_within_months": {"setting": "EVALUATION_RECENT_MONTHS"},
            "enabled": {"setting": "EVALUATION_QD366_EXCLUDE_RECENT"},
            "reason": "Vào Đảng chưa đủ thời gian đánh giá",
        },
    ),
    (
        "level-excellent",
        "level",
        "excellent",
        "QĐ 366-QĐ/TW Điều 11 khoản 1",
        "Từ 90 điểm; 100% nhiệm vụ đúng hạn, bảo đảm chất lượng, trong đó ≥ 30% vượt yêu cầu.",
        {"min_score": 90, "conditions": [ON_TIME_ALL, exceeded(0.3)]},
    ),
    (
        "level-good",
        "level",
        "good",
        "QĐ 366-QĐ/TW Điều 11 khoản 2",
        "Từ 70 đến dưới 90 điểm; 100% nhiệm vụ đúng hạn, bảo đảm chất lượng.",
        {"min_score": 70, "conditions": [ON_TIME_ALL]},
    ),
    (
        "level-completed",
        "level",
        "completed",
        "QĐ 366-QĐ/TW Điều 11 khoản 3",
        "Từ 50 đến dưới 70 điểm.",
        {"min_score": 50},
    ),
    (
        "quota-excellent",
        "quota",
        "excellent",
        "QĐ 366-QĐ/TW (chưa xác nhận; tham khảo HD 21-HD/BTCTW, NĐ 335/2025/NĐ-CP)",
        "“Xuất sắc” không quá 20% số “tốt” trong mỗi tổ chức cơ sở đảng (tắt mặc định).",
        {
            "level": "excellent",
            "of_level": "good",
            "max_share": {"setting": "EVALUATION_EXCELLENT_QUOTA_SHARE"},
            "enabled": {"setting": "EVALUATION_QD366_EXCELLENT_QUOTA"},
        },
    ),
]
QD366_ORGANIZATION = [
    (
        "org-level-excellent",
        "level",
        "excellent",
        "QĐ 366-QĐ/TW Điều 11 khoản 1",
        "Từ 90 điểm; 100% nhiệm vụ đúng hạn, có chất lượng, ≥ 30% vượt; không tổ chức trực thuộc, "
        "không thành viên lãnh đạo bị kỷ luật trong năm.",
        {
            "min_score": 90,
            "conditions": [
                ON_TIME_ALL,
                exceeded(0.3),
                {
                    "metric": "leadership_or_units_disciplined",
                    "op": "==",
                    "value": False,
                    "label": "Tổ chức trực thuộc hoặc thành viên cấp ủy bị kỷ luật",
                },
            ],
        },
    ),
    (
        "org-level-good",
        "level",
        "good",
        "QĐ 366-QĐ/TW Điều 11 khoản 2",
        "Từ 70 đến dưới 90 điểm; 100% nhiệm vụ đúng hạn, có chất lượng.",
        {"min_score": 70, "conditions": [ON_TIME_ALL]},
    ),
    (
        "org-level-completed",
        "level",
        "completed",
        "QĐ 366-QĐ/TW Điều 11 khoản 3",
        "Từ 50 đến dưới 70 điểm; 100% nhiệm vụ hoàn thành, không quá 20% chậm tiến độ.",
        {
            "min_score": 50,
            "conditions": [
                {"metric": "done_share", "op": ">=", "value": 1.0, "label": "Nhiệm vụ hoàn thành"},
                {
                    "metric": "late_share",
                    "op": "<=",
                    "value": 0.2,
                    "label": "Nhiệm vụ chậm tiến độ",
                },
            ],
        },
    ),
]
QD124_MEMBER = [
    (
        "exclude-status",
        "exclusion",
        "",
        "QĐ 124-QĐ/TW Điều 12",
        "Không đánh giá đảng viên được miễn công tác và sinh hoạt, đang bị đình chỉ sinh hoạt.",
        EXCLUDED_STATUSES,
    ),
    (
        "exclude-recent",
        "exclusion",
        "",
        "QĐ 124-QĐ/TW Điều 12; HD 25-HD/BTCTW",
        "Đảng viên vào Đảng chưa đủ 6 tháng tính đến cuối kỳ.",
        {
            "admitted_within_months": {"setting": "EVALUATION_RECENT_MONTHS"},
            "enabled": True,
            "reason": "Vào Đảng chưa đủ 6 tháng",
        },
    ),
    (
        "level-excellent",
        "level",
        "excellent",
        "QĐ 124-QĐ/TW Điều 12 khoản 1",
        "Các tiêu chí đạt “tốt” trở lên; hoàn thành 100% chỉ tiêu, ≥ 50% vượt mức.",
        {
            "min_score": 90,
            "conditions": [
                {
                    "metric": "done_quality_share",
                    "op": ">=",
                    "value": 1.0,
                    "label": "Chỉ tiêu, nhiệm vụ hoàn thành đạt yêu cầu",
                },
                exceeded(0.5),
            ],
        },
    ),
    (
        "level-good",
        "level",
        "good",
        "QĐ 124-QĐ/TW Điều 12 khoản 2",
        "Các tiêu chí đạt “tốt” trở lên; hoàn thành 100% chỉ tiêu, nhiệm vụ.",
        {
            "min_score": 70,
            "conditions": [
                {
                    "metric": "done_quality_share",
                    "op": ">=",
                    "value": 1.0,
                    "label": "Chỉ tiêu, nhiệm vụ hoàn thành đạt yêu cầu",
                }
            ],
        },
    ),
    (
        "level-completed",
        "level",
        "completed",
        "QĐ 124-QĐ/TW Điều 12 khoản 3",
        "Các tiêu chí đạt từ “trung bình” trở lên.",
        {"min_score": 50},
    ),
    (
        "cap-discipline",
        "cap",
        "not_completed",
        "QĐ 124-QĐ/TW Điều 12 khoản 4",
        "Đảng viên bị kỷ luật trong năm: “Không hoàn thành” (trừ khi tự phát hiện, khắc phục).",
        {
            "when": {
                "metric": "disciplined_not_self_found",
                "op": "==",
                "value": True,
                "label": "Bị kỷ luật trong kỳ (không tự phát hiện)",
            },
            "max_level": "not_completed",
        },
    ),
    (
        "quota-excellent",
        "quota",
        "excellent",
        "QĐ 124-QĐ/TW Điều 12; HD 25-HD/BTCTW",
        "“Xuất sắc” không quá 20% số “hoàn thành tốt” trong nhóm.",
        {
            "level": "excellent",
            "of_level": "good",
            "max_share": {"setting": "EVALUATION_EXCELLENT_QUOTA_SHARE"},
            "enabled": True,
        },
    ),
]
QD124_ORGANIZATION = [
    (
        "org-level-excellent",
        "level",
        "excellent",
        "QĐ 124-QĐ/TW Điều 12 khoản 1",
        "Hoàn thành xuất sắc; không có đảng viên bị kỷ luật.",
        {
            "min_score": 90,
            "conditions": [
                {"metric": "done_quality_share", "op": ">=", "value": 1.0, "label": "Chỉ tiêu đạt"},
                exceeded(0.5),
                {
                    "metric": "members_disciplined",
                    "op": "==",
                    "value": 0,
                    "label": "Đảng viên bị kỷ luật",
                },
            ],
        },
    ),
    (
        "org-level-good",
        "level",
        "good",
        "QĐ 124-QĐ/TW Điều 12 khoản 2",
        "Hoàn thành 100% chỉ tiêu, nhiệm vụ.",
        {
            "min_score": 70,
            "conditions": [
                {"metric": "done_quality_share", "op": ">=", "value": 1.0, "label": "Chỉ tiêu đạt"}
            ],
        },
    ),
    (
        "org-level-completed",
        "level",
        "completed",
        "QĐ 124-QĐ/TW Điều 12 khoản 3",
        "Hoàn thành các chỉ tiêu, nhiệm vụ cơ bản.",
        {"min_score": 50},
    ),
    (
        "org-cap-targets",
        "cap",
        "not_completed",
        "QĐ 124-QĐ/TW Điều 12 khoản 4",
        "Hoàn thành dưới 50% chỉ tiêu: “Không hoàn thành”.",
        {
            "when": {
                "metric": "done_share",
                "op": "<",
                "value": 0.5,
                "label": "Chỉ tiêu hoàn thành",
            },
            "max_level": "not_completed",
        },
    ),
    (
        "org-cap-leadership",
        "cap",
        "not_completed",
        "QĐ 124-QĐ/TW Điều 12 khoản 4",
        "Tập thể lãnh đạo bị kỷ luật từ cảnh cáo trở lên: “Không hoàn thành”.",
        {
            "when": {
                "metric": "leadership_warning_or_higher",
                "op": "==",
                "value": True,
                "label": "Cấp ủy bị kỷ luật từ cảnh cáo",
            },
            "max_level": "not_completed",
        },
    ),
    (
        "org-cap-units",
        "cap",
        "not_completed",
        "QĐ 124-QĐ/TW Điều 12 khoản 4",
        "Trên 20% tổ chức trực thuộc bị kỷ luật: “Không hoàn thành”.",
        {
            "when": {
                "metric": "units_disciplined_share",
                "op": ">",
                "value": 0.2,
                "label": "Tổ chức trực thuộc bị kỷ luật",
            },
            "max_level": "not_completed",
        },
    ),
]
RULEBOOKS = [
    {
        "code": "qd366-2025",
        "name": "Quy định 366-QĐ/TW (2025), Hướng dẫn 43-HD/BTCTW",
        "valid_from": 2025,
        "valid_to": None,
        "rules": {"member": QD366_MEMBER, "organization": QD366_ORGANIZATION},
    },
    {
        "code": "qd124-2023",
        "name": "Quy định 124-QĐ/TW (2023), Hướng dẫn 25-HD/BTCTW",
        "valid_from": 2023,
        "valid_to": 2024,
        "rules": {"member": QD124_MEMBER, "organization": QD124_ORGANIZATION},
    },
]


def load(rulebook_model: Any, rule_model: Any) -> None:
    """Create or refresh the shipped rulebooks (the data migration's work)."""
    for spec in RULEBOOKS:
        book, _ = rulebook_model.objects.update_or_create(
            code=spec["code"],
            defaults={k: spec[k] for k in ("name", "valid_from", "valid_to")},
        )
        for subject, rules in spec["rules"].items():
            for position, (code, kind, level, clause, summary, params) in enumerate(rules):
                rule_model.objects.update_or_create(
                    rulebook=book,
                    code=code,
                    defaults={
                        "subject": subject,
                        "kind": kind,
                        "level": level,
                        "clause": clause,
                        "summary": summary,
                        "params": params,
                        "position": position,
                    },
                )
