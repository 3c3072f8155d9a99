from motcua.catalog.text import normalise, similarity, word_similarity


def test_normalise_removes_diacritics_and_d_stroke():
    assert normalise("Đăng ký khai sinh") == "dang ky khai sinh"
    assert normalise("  Chứng thực BẢN SAO từ bản chính! ") == "chung thuc ban sao tu ban chinh"
    assert normalise("Ủy ban nhân dân xã Đàm Thuỷ") == "uy ban nhan dan xa dam thuy"


def test_typos_stay_similar():
    assert word_similarity("khai sihn", "dang ky khai sinh") >= 0.4
    assert word_similarity("ket hon", "dang ky ket hon") == 1.0
    assert similarity("giay phep xay dung", "dang ky khai tu") < 0.2


def test_edit_distance_counts_a_swap_as_one():
    from motcua.catalog.text import edit_distance

    assert edit_distance("sihn", "sinh") == 1
    assert edit_distance("dug", "dung") == 1
    assert edit_distance("ki", "ky") == 1
    assert edit_distance("hon", "hon") == 0


def test_closest_word_prefers_the_nearest_then_the_most_used():
    from motcua.catalog.text import closest_word

    vocabulary = {"sinh": 10, "xanh": 1, "dung": 5, "ky": 30, "khi": 2}
    assert closest_word("sihn", vocabulary) == "sinh"
    assert closest_word("ki", vocabulary) == "ky"
    assert closest_word("zzzzzz", vocabulary) is None
