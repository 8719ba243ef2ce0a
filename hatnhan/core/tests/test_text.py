import unicodedata

from hatnhan.core.text import clean_text, search_key, vietnamese_sort_key


def test_clean_text_is_nfc_with_folded_spaces():
    nfd = unicodedata.normalize("NFD", "  Nguyễn   Quang\tTùng ")
    assert clean_text(nfd) == unicodedata.normalize("NFC", "Nguyễn Quang Tùng")


def test_search_key_ignores_diacritics_case_and_form():
    for form in ("NFC", "NFD"):
        assert search_key(unicodedata.normalize(form, "Nguyễn Quang TÙNG")) == "nguyen quang tung"
    assert search_key("Đặng Đình") == "dang dinh"


def test_names_sort_by_given_name_in_vietnamese_alphabet():
    names = [
        "Đỗ Văn Đức",
        "Trần Thị Ánh",
        "Lê Văn Bình",
        "Nguyễn Văn An",
        "Phạm Thị Ân",
        "Vũ Ăn",
        "Hồ Thị Dung",
        "Bùi Văn Anh",
    ]
    ordered = sorted(names, key=vietnamese_sort_key)
    assert ordered == [
        "Nguyễn Văn An",
        "Bùi Văn Anh",
        "Trần Thị Ánh",
        "Vũ Ăn",
        "Phạm Thị Ân",
        "Lê Văn Bình",
        "Hồ Thị Dung",
        "Đỗ Văn Đức",
    ]


def test_sort_key_is_the_same_for_nfc_and_nfd():
    name = "Nguyễn Thị Thủy"
    assert vietnamese_sort_key(name) == vietnamese_sort_key(unicodedata.normalize("NFD", name))


def test_sort_key_is_digits_only_so_every_collation_agrees():
    assert vietnamese_sort_key("Hoàng Ngọc Ánh").isdigit()
