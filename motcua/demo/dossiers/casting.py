"""Who the demo dossiers are about, where they live, what they ask for and what people write."""

from __future__ import annotations

from collections.abc import Generator
from datetime import date, datetime

SEED = 20250701
START = date(2025, 7, 1)  # the two-level local government starts
PROVINCE = "04"  # the scripts are written for Cao Bằng's demo units and officials
Script = Generator[datetime, None, None]

# people and places

FAMILY = (
    ("Nông", 10), ("Hoàng", 10), ("Lương", 6), ("Bế", 6), ("Đàm", 5), ("Lục", 5), ("Triệu", 5),
    ("Hà", 5), ("Lý", 5), ("Ma", 3), ("Sầm", 2), ("Mông", 2), ("Vi", 2), ("Lâm", 3), ("Chu", 2),
    ("La", 2), ("Đinh", 2), ("Dương", 2), ("Nguyễn", 6), ("Trần", 3), ("Phạm", 2), ("Lê", 2),
)  # fmt: skip
MOUNTAIN_FAMILY = (("Vàng", 4), ("Sùng", 3), ("Giàng", 2), ("Lầu", 2), ("Bàn", 4), ("Đặng", 2))
MALE_MIDDLE = (("Văn", 12), ("Đức", 2), ("Minh", 2), ("Quang", 1), ("Hữu", 1), ("Ngọc", 1))
FEMALE_MIDDLE = (("Thị", 12), ("Thu", 2), ("Ngọc", 1), ("Thanh", 1), ("Hồng", 1), ("Minh", 1))
MALE_GIVEN = (
    "Hùng", "Dũng", "Tuấn", "Sơn", "Thắng", "Cường", "Đạt", "Phong", "Quân", "Hải", "Chiến", "Long",
    "Nam", "Vinh", "Toàn", "Kiên", "Lợi", "Thành", "Trường", "Khánh", "Huy", "Hưng", "Tiến", "Bình",
    "Mạnh", "Quyết", "Hiếu", "Tùng",
)  # fmt: skip
FEMALE_GIVEN = (
    "Hoa", "Lan", "Mai", "Hương", "Huyền", "Nhung", "Thảo", "Hằng", "Duyên", "Ngân", "Thúy", "Hạnh",
    "Yến", "Liên", "Phượng", "Quyên", "Trang", "Linh", "Nga", "Loan", "Dung", "Hiền", "Vân",
)  # fmt: skip
MOUNTAIN_MALE_GIVEN = ("Pó", "Sình", "Chử", "Páo", "Dình", "Sảo")
MOUNTAIN_FEMALE_GIVEN = ("Mỷ", "Dế", "Sua", "Pà", "Chía")
WARD_STREETS = (
    "Kim Đồng",
    "Vườn Cam",
    "Xuân Trường",
    "Hoàng Đình Giong",
    "Bế Văn Đàn",
    "Vườn Trì",
    "Hiến Giang",
)
MOUNTAIN_HAMLETS = (
    "Nà Pồng",
    "Khuổi Lác",
    "Pác Miầu",
    "Bản Là",
    "Nà Đon",
    "Cốc Phường",
    "Lũng Mần",
    "Nặm Đe",
)
# People born in Cao Bằng who now live elsewhere ask Sở Tư pháp for copies of their records.
ELSEWHERE_PROVINCES = ("01", "19", "20", "08")  # Hà Nội, Thái Nguyên, Lạng Sơn, Tuyên Quang

# procedures

WARD_PROCEDURES = (
    ("2.000815", 20), ("2.000884", 6), ("2.001035", 4), ("2.001019", 1), ("1.001193", 8),
    ("1.000656", 3), ("1.000894", 4), ("1.004873", 8), ("2.000635", 5), ("1.004859", 2),
    ("1.004884", 2), ("1.001022", 1), ("1.004837", 1), ("2.002516", 2), ("1.001612", 4),
    ("2.000720", 2), ("1.001266", 1), ("1.013225", 3), ("1.014159", 1), ("1.013133", 2),
    ("2.000806", 1), ("1.001776", 1), ("1.012812", 1),
)  # fmt: skip
MOUNTAIN_PROCEDURES = (
    ("1.001193", 10), ("1.000656", 4), ("1.000894", 5), ("1.004873", 5), ("2.000815", 10),
    ("2.000884", 3), ("1.001776", 4), ("1.013133", 3), ("1.001612", 2), ("1.012812", 2),
    ("1.013225", 1), ("1.004837", 1), ("1.001022", 1), ("1.004884", 2),
)  # fmt: skip
JUSTICE_PROCEDURES = (("2.000635", 5), ("2.002516", 3), ("2.000908", 3))  # decided by Sở Tư pháp
DEPARTMENT_PROCEDURES = ("2.001583", "2.001610", "1.013980", "1.012786")  # Finance, Agriculture
DESK_ONLY = frozenset({"2.000815", "2.000884", "2.001035", "2.001019"})  # signed before the official
# Civil status matters the commune sends to Sở Tư pháp to check its older registers.
VERIFIED_BY_JUSTICE = frozenset({"1.004873", "1.004884", "1.001022", "2.002516", "1.004859", "2.000806"})

# what people write

RECEIPT_GAPS = (
    "Bản sao giấy tờ chưa được chứng thực; đề nghị nộp bản sao có chứng thực hoặc xuất trình bản chính.",
    "Tờ khai chưa ghi đủ thông tin về nơi cư trú; đề nghị kê khai lại.",
    "Thiếu văn bản ủy quyền có chứng thực của người được ủy quyền nộp hồ sơ.",
)
PROCESSING_GAPS = (
    "Thông tin ngày, tháng, năm sinh trên các giấy tờ không thống nhất; đề nghị bổ sung giấy tờ chứng minh.",
    "Đề nghị bổ sung văn bản xác nhận thông tin về cư trú.",
    "Đề nghị bổ sung bản sao giấy tờ chứng minh quan hệ nhân thân.",
)
REFUSED_AT_RECEIPT = (
    "Yêu cầu không thuộc thẩm quyền giải quyết; đã hướng dẫn người dân đến cơ quan có thẩm quyền.",
    "Bản chính giấy tờ bị tẩy xóa, sửa chữa, không xác định được nội dung.",
    "Người yêu cầu không đủ điều kiện thực hiện thủ tục theo quy định.",
)
REFUSED_IN_PROCESSING = (
    "Qua xác minh, thông tin kê khai không đúng thực tế; không đủ điều kiện giải quyết.",
    "Việc hộ tịch đã được đăng ký tại cơ quan khác; không đăng ký trùng.",
    "Không đủ điều kiện theo quy định sau khi thẩm định hồ sơ.",
)
WITHDRAWALS = (
    "Người dân đề nghị rút hồ sơ để hoàn thiện lại giấy tờ.",
    "Người dân không còn nhu cầu giải quyết.",
    "Nộp nhầm thủ tục; người dân rút hồ sơ để nộp lại đúng thủ tục.",
)
STOPS = (
    "Người yêu cầu có đơn đề nghị dừng giải quyết hồ sơ.",
    "Người yêu cầu không bổ sung hồ sơ và có văn bản đề nghị dừng giải quyết.",
)
PAUSES = (
    "Chờ kết quả xác minh của Công an xã về thông tin cư trú.",
    "Chờ ý kiến của cơ quan chuyên môn có liên quan.",
    "Tạm dừng để xác minh thực địa.",
)
EXTENSIONS = (
    "Cần xác minh thêm thông tin tại cơ quan đăng ký hộ tịch trước đây.",
    "Địa bàn rộng, đi lại khó khăn; cần thêm thời gian xác minh thực địa.",
    "Hồ sơ phức tạp, cần lấy ý kiến của cơ quan chuyên môn.",
)
COMMENTS = {
    3: ("Cán bộ hướng dẫn nhiệt tình, chu đáo.", "Trả kết quả trước hẹn, rất hài lòng.", ""),
    2: ("Thủ tục nhanh gọn.", "Phải chờ hơi lâu ở quầy.", ""),
    1: ("Trả kết quả chậm so với giấy hẹn.", "Phải đi lại nhiều lần."),
}
TO_JUSTICE = "Đề nghị Sở Tư pháp xác minh thông tin hộ tịch lưu tại Sở."
FROM_JUSTICE = "Sở Tư pháp đã xác minh; chuyển trả kết quả xác minh."
