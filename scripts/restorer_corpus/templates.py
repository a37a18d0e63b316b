"""Sentences in the register of CCHC reports, made from hand-written templates and slot lists.

Used by scripts/train_restorer.py as in-domain training text: `generate(units, n, seed)`
returns n sentences. Unit names come from src/cchc/units/data/units.csv.gz (parent-child
pairs, so "xã X, huyện Y, tỉnh Z" are real combinations).
"""

from __future__ import annotations

import random

AGENCIES = [
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Thông tin và Truyền thông",
    "Sở Tài nguyên và Môi trường",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Công Thương",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Thanh tra tỉnh",
    "Ban Dân tộc",
    "Công an tỉnh",
    "Ban Quản lý các khu công nghiệp",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Kinh tế - Hạ tầng",
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Thanh tra huyện",
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện",
    "Trung tâm Phục vụ hành chính công",
    "Bộ phận Một cửa",
    "Chi cục Thuế khu vực",
    "Bảo hiểm xã hội huyện",
    "Công an huyện",
    "Kho bạc Nhà nước huyện",
]
FIELDS = [
    "đất đai",
    "xây dựng",
    "hộ tịch",
    "chứng thực",
    "tư pháp",
    "giáo dục",
    "y tế",
    "lao động",
    "người có công",
    "bảo trợ xã hội",
    "đăng ký kinh doanh",
    "đầu tư",
    "giao thông vận tải",
    "tài nguyên nước",
    "môi trường",
    "nông nghiệp",
    "lâm nghiệp",
    "thủy sản",
    "văn hóa",
    "thể thao",
    "du lịch",
    "công thương",
    "an toàn thực phẩm",
    "thông tin và truyền thông",
    "nội vụ",
    "thi đua, khen thưởng",
    "tôn giáo",
    "tài chính",
    "khoa học và công nghệ",
    "phòng cháy, chữa cháy",
    "quản lý công sản",
]
DOCS = [
    ("Quyết định", "QĐ"),
    ("Kế hoạch", "KH"),
    ("Công văn", "CV"),
    ("Thông báo", "TB"),
    ("Báo cáo", "BC"),
    ("Chỉ thị", "CT"),
    ("Hướng dẫn", "HD"),
    ("Nghị quyết", "NQ"),
    ("Tờ trình", "TTr"),
    ("Chương trình", "CTr"),
]
ISSUERS = ["UBND", "HĐND", "SNV", "STP", "STTTT", "BNV", "VPCP", "TTg", "CP", "BCĐ", "SNN"]
ABOUT = [
    "triển khai công tác cải cách hành chính",
    "kiểm soát thủ tục hành chính",
    "công bố danh mục thủ tục hành chính",
    "phê duyệt quy trình nội bộ giải quyết thủ tục hành chính",
    "tuyên truyền cải cách hành chính",
    "kiểm tra công tác cải cách hành chính",
    "tự kiểm tra, rà soát văn bản quy phạm pháp luật",
    "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "chuyển đổi số",
    "phát triển chính quyền điện tử, chính quyền số",
    "thực hiện cơ chế một cửa, một cửa liên thông",
    "khảo sát sự hài lòng của người dân, tổ chức",
    "tinh giản biên chế",
    "giao biên chế công chức",
    "tuyển dụng công chức, viên chức",
    "đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    "chấm điểm chỉ số cải cách hành chính",
    "đơn giản hóa thủ tục hành chính",
    "thành lập Tổ công nghệ số cộng đồng",
    "tăng cường kỷ luật, kỷ cương hành chính",
    "cung cấp dịch vụ công trực tuyến",
    "thanh toán trực tuyến phí, lệ phí",
    "sắp xếp đơn vị hành chính cấp huyện, cấp xã",
    "tự chủ tài chính của đơn vị sự nghiệp công lập",
    "phân cấp quản lý cán bộ, công chức",
    "vị trí việc làm và cơ cấu ngạch công chức",
    "nâng cao chỉ số năng lực cạnh tranh cấp tỉnh",
    "cải thiện môi trường đầu tư kinh doanh",
    "ủy quyền giải quyết thủ tục hành chính",
]
SUBJECTS = [
    "Ủy ban nhân dân tỉnh",
    "Ủy ban nhân dân huyện",
    "Ủy ban nhân dân xã",
    "Chủ tịch UBND tỉnh",
    "Chủ tịch UBND huyện",
    "UBND các xã, thị trấn",
    "Các cơ quan chuyên môn",
    "Các sở, ban, ngành",
    "Người đứng đầu cơ quan, đơn vị",
    "Cán bộ, công chức, viên chức",
    "Thủ trưởng các cơ quan, đơn vị",
    "Các đơn vị sự nghiệp công lập",
    "Bộ phận Một cửa các cấp",
    "Hội đồng nhân dân tỉnh",
]
VERBS = [
    "đã ban hành",
    "đã triển khai",
    "tiếp tục thực hiện",
    "chỉ đạo thực hiện",
    "đã tổ chức",
    "quan tâm chỉ đạo",
    "thường xuyên kiểm tra, đôn đốc",
    "đã hoàn thành",
    "đang khẩn trương triển khai",
    "nghiêm túc thực hiện",
    "tập trung chỉ đạo",
]
OBJECTS = [
    "kế hoạch cải cách hành chính năm {y}",
    "các văn bản chỉ đạo, điều hành",
    "công tác kiểm soát thủ tục hành chính",
    "việc số hóa hồ sơ",
    "công tác tuyên truyền",
    "các nhiệm vụ được giao",
    "việc giải quyết hồ sơ đúng hạn",
    "việc đánh giá, xếp loại công chức",
    "việc rà soát, sắp xếp tổ chức bộ máy",
    "việc thực hiện dịch vụ công trực tuyến",
    "việc công khai thủ tục hành chính",
    "việc xin lỗi người dân khi giải quyết hồ sơ quá hạn",
    "việc kết nối, chia sẻ dữ liệu",
    "công tác bảo đảm an toàn thông tin",
    "việc khắc phục tồn tại, hạn chế sau kiểm tra",
    "các giải pháp nâng cao chỉ số cải cách hành chính",
]
ENDINGS = [
    "đảm bảo đúng tiến độ",
    "đạt kết quả tích cực",
    "theo đúng quy định",
    "kịp thời, hiệu quả",
    "trên địa bàn",
    "trong kỳ báo cáo",
    "đạt 100% kế hoạch",
    "còn chậm so với yêu cầu",
    "góp phần nâng cao chất lượng phục vụ người dân",
    "đáp ứng yêu cầu nhiệm vụ",
]
PERIODS = [
    "Quý I năm {y}",
    "Quý II năm {y}",
    "Quý III năm {y}",
    "Quý IV năm {y}",
    "6 tháng đầu năm {y}",
    "6 tháng cuối năm {y}",
    "9 tháng năm {y}",
    "năm {y}",
    "tháng {m} năm {y}",
    "5 tháng đầu năm {y}",
]


def _num(rng: random.Random) -> str:
    value = rng.choice([rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 99999)])
    text = f"{value:,}".replace(",", ".")
    return f"0{text}" if value < 10 and rng.random() < 0.6 else text


def _pct(rng: random.Random) -> str:
    return f"{rng.randint(40, 100)},{rng.randint(0, 99):02d}%".replace(",00%", "%")


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12)}/{rng.randint(2019, 2024)}"


def _code(rng: random.Random) -> str:
    _, short = rng.choice(DOCS)
    issuer = rng.choice(ISSUERS)
    if rng.random() < 0.3:
        return f"{rng.randint(1, 200)}/{rng.randint(2015, 2024)}/{short}-{issuer}"
    return f"{rng.randint(1, 3000)}/{short}-{issuer}"


def _place(rng: random.Random, units: list[tuple[str, str, str]]) -> str:
    commune, district, province = rng.choice(units)
    form = rng.random()
    if form < 0.4:
        return f"{commune}, {district}"
    if form < 0.7:
        return f"{district}, {province}"
    return commune if form < 0.85 else province


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def _fill(template: str, rng: random.Random, units: list[tuple[str, str, str]]) -> str:
    year = rng.randint(2019, 2025)
    doc, _ = rng.choice(DOCS)
    values = {
        "y": year,
        "y2": year + 1,
        "m": rng.randint(1, 12),
        "n": _num(rng),
        "n2": _num(rng),
        "n3": _num(rng),
        "p": _pct(rng),
        "d": _date(rng),
        "code": _code(rng),
        "doc": doc,
        "about": rng.choice(ABOUT),
        "field": rng.choice(FIELDS),
        "agency": rng.choice(AGENCIES),
        "subj": rng.choice(SUBJECTS),
        "verb": rng.choice(VERBS),
        "end": rng.choice(ENDINGS),
        "place": _place(rng, units),
    }
    values["obj"] = rng.choice(OBJECTS).format(**values)
    values["period"] = rng.choice(PERIODS).format(**values)
    values["field2"] = rng.choice(FIELDS)
    values["agency_l"] = _lower_first(values["agency"])
    return template.format(**values)


TEMPLATES = [
    "{doc} số {code} ngày {d} của {agency} về việc {about}.",
    "{doc} số {code} ngày {d} về {about} trên địa bàn {place}.",
    "{subj} {verb} {obj} {end}.",
    "{subj} {verb} {doc} số {code} về {about}.",
    "Trong {period}, {agency_l} đã tiếp nhận {n} hồ sơ, giải quyết đúng hạn {n2} hồ sơ, "
    "đạt tỷ lệ {p}.",
    "Lĩnh vực {field} tiếp nhận {n} hồ sơ, đã giải quyết {n2} hồ sơ, trong đó quá hạn {n3} hồ sơ.",
    "Tổng số thủ tục hành chính thuộc lĩnh vực {field} là {n} thủ tục.",
    "Kết quả công tác cải cách hành chính {period}, phương hướng nhiệm vụ {period} "
    "trên địa bàn {place}.",
    "Thực hiện {doc} số {code} ngày {d} của {agency} về {about}, {subj} báo cáo kết quả như sau:",
    "Căn cứ {doc} số {code} ngày {d} của {agency} về việc {about};",
    "Ngày {d}, {agency_l} đã tổ chức hội nghị triển khai {about} tại {place}.",
    "Đã kiểm tra tại {n} cơ quan, đơn vị và {n2} Ủy ban nhân dân xã, phường, thị trấn.",
    "Tỷ lệ hồ sơ trực tuyến trong lĩnh vực {field} đạt {p}, tăng so với cùng kỳ năm {y}.",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính lĩnh vực {field} đạt {p}.",
    "{agency} được giao {n} biên chế công chức, hiện có {n2} công chức.",
    "Trong kỳ, {place} đã công bố {n} thủ tục hành chính mới ban hành, sửa đổi, bổ sung.",
    "Trên cơ sở đó, {subj} {verb} {obj}.",
    "Đề nghị {agency} quan tâm, hướng dẫn {about} trong thời gian tới.",
    "Tiếp tục {about}, {end}.",
    "Đã rà soát {n} văn bản quy phạm pháp luật, kiến nghị sửa đổi, bổ sung {n2} văn bản.",
    "Cấp xã: tiếp nhận {n} hồ sơ; đã giải quyết {n2} hồ sơ, đạt tỷ lệ {p}.",
    "Cấp huyện: tiếp nhận {n} hồ sơ; đang giải quyết {n2} hồ sơ trong hạn.",
    "Hồ sơ quá hạn chủ yếu thuộc lĩnh vực {field} và {field2}.",
    "{place} có {n} đơn vị sự nghiệp công lập, giảm {n2} đơn vị so với năm {y}.",
    "Tổ chức {n} lớp tập huấn về {about} cho {n2} lượt cán bộ, công chức.",
    "Kinh phí thực hiện {about} năm {y} là {n} triệu đồng.",
    "Ủy ban nhân dân {place} được xếp loại hoàn thành tốt nhiệm vụ cải cách hành chính năm {y}.",
    "Chỉ số cải cách hành chính năm {y} của {place} đạt {p}, xếp thứ {n} trên tổng số đơn vị.",
    "Kế hoạch số {code} ngày {d} của Chủ tịch UBND tỉnh.",
    "Quyết định số {code} ngày {d} của UBND tỉnh về việc {about}.",
    "Tại Bộ phận Một cửa {place}, công chức tiếp nhận {n} hồ sơ lĩnh vực {field}.",
    "Tiếp nhận {n} phản ánh, kiến nghị về quy định hành chính, đã xử lý xong {n2} phản ánh.",
    "{place}, ngày {m} tháng {m} năm {y}",
    "Số: {n}/BC-UBND {place}, ngày {m} tháng {m} năm {y}",
    "Đoàn kiểm tra đã làm việc với Ủy ban nhân dân {place} về {about}.",
    "Người đứng đầu chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về {about}.",
    "Giai đoạn {y} - {y2}, tỉnh tập trung {about}.",
    "Phấn đấu đến năm {y2}, {p} hồ sơ lĩnh vực {field} được giải quyết trực tuyến.",
]


def generate(units: list[tuple[str, str, str]], count: int, seed: int = 7) -> list[str]:
    """`count` template sentences; the same seed gives the same sentences."""
    rng = random.Random(seed)
    sentences = [_fill(rng.choice(TEMPLATES), rng, units) for _ in range(count)]
    return [s[0].upper() + s[1:] for s in sentences]
