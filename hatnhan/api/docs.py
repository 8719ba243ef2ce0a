"""Words of the API documentation, translated like the pages (settings imports this before
the apps load, so it holds nothing but lazy strings)."""

from django.utils.translation import gettext_lazy as _

DESCRIPTION = _(
    "API của hệ thống Hạt nhân: tổ chức đảng, đảng viên, văn bản chỉ đạo, nhiệm vụ và hồ sơ "
    "thay đổi. Xác thực bằng mã truy cập (Authorization: Token …) hoặc phiên đăng nhập; "
    "mỗi yêu cầu chỉ thấy dữ liệu trong phạm vi tổ chức của tài khoản."
)
