from motcua.catalog.text import normalise, similarity, word_similarity


def test_normalise_removes_diacritics_and_d_stroke():
    assert normalise("Đăng ký khai sinh") == "dang ky khai sinh"
    assert normalise("  Chứng thực BẢN SAO từ bản chính! ") == "chung thuc ban sao tu ban chinh"
    assert normalise("Ủy ban nhân dân xã Đàm Thuỷ") == "uy ban nhan dan xa dam thuy"


def test_typos_stay_similar():
    assert word_similarity("khai sihn", "dang ky khai sinh") >= 0.4
    assert word_similarity("ket hon", "dang ky ket hon") == 1.0
    assert similarity("giay phep xay dung", "dang ky khai tu") < 0.2
