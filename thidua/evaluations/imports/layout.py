"""What a households file looks like: its sheet, columns, rules and example, as the Excel template
writes them (in Vietnamese and English) and the import reads them."""

from __future__ import annotations

from thidua.people.models import Gender
from thidua.units.imports.tables import Column, cell_key

HOUSEHOLD_SHEET = "Hộ gia đình"

# The day a registration is taken to be made when the file gives none: the registrations
# (bản đăng ký) are collected at the start of the year.
DEFAULT_REGISTRATION_DAY = (15, 1)

# The words of the drop-down lists first, then the other spellings accepted.
GENDER_WORDS: dict[str, str] = {"nam": Gender.MALE, "nữ": Gender.FEMALE}
REGISTER_WORDS: dict[str, bool] = {"có": True, "không": False}
GENDERS = {cell_key(word): value for word, value in GENDER_WORDS.items()} | {
    "male": Gender.MALE,
    "female": Gender.FEMALE,
}
REGISTERS = {cell_key(word): value for word, value in REGISTER_WORDS.items()} | {
    "yes": True,
    "no": False,
    "x": True,
    "1": True,
    "0": False,
}
MAX_MEMBERS = 99

HOUSEHOLD_COLUMNS = (
    Column(
        "code",
        "Mã hộ",
        "Household code",
        "Mã hộ gia đình, không trùng với hộ nào khác: mã khu dân cư, dấu gạch ngang, rồi số thứ tự của hộ "
        "trong sổ hộ của khu dân cư (01840-08A-017). Hộ chuyển đến khu dân cư khác vẫn giữ mã cũ.",
        "The household's code, which no other household may use: the area's code, a hyphen, then the "
        "household's number in the area's household book (01840-08A-017). A household that moves to another "
        "area keeps its code.",
        "01840-08A-017",
        width=18,
    ),
    Column(
        "head_name",
        "Chủ hộ",
        "Head of household",
        "Họ và tên chủ hộ, có dấu (Hoàng Văn Páo).",
        "The full name of the head of the household, with diacritics (Hoàng Văn Páo).",
        "Hoàng Văn Páo",
        width=26,
    ),
    Column(
        "head_gender",
        "Giới tính chủ hộ",
        "Gender of the head",
        "Chọn trong danh sách: nam, nữ. Để trống nếu không rõ.",
        "Choose from the list: nam (male), nữ (female). Leave empty if not known.",
        "nam",
        width=12,
    ),
    Column(
        "address",
        "Địa chỉ",
        "Address",
        "Số nhà, ngõ, đường (không bắt buộc).",
        "House number, lane, street (optional).",
        "Số 12, ngõ 3, đường Trường Chinh",
        width=34,
    ),
    Column(
        "area",
        "Mã khu dân cư",
        "Area code",
        "Mã của thôn, tổ dân phố nơi hộ sinh sống trong năm nhập (01840-08A); chọn trong danh sách khi tệp "
        "mẫu được tải cho một xã. Khu dân cư phải thuộc xã đã chọn và còn tồn tại trong năm đó.",
        "The code of the village or residential group the household lives in during the year imported "
        "(01840-08A); choose from the list when the template was downloaded for a commune. The area must "
        "belong to the chosen commune and exist in that year.",
        "01840-08A",
        width=14,
    ),
    Column(
        "members",
        "Số nhân khẩu",
        "Number of members",
        f"Số người trong hộ theo sổ hộ, từ 1 đến {MAX_MEMBERS} (không bắt buộc).",
        f"The number of people in the household, by the household book, from 1 to {MAX_MEMBERS} (optional).",
        "4",
        width=12,
    ),
    Column(
        "register",
        "Đăng ký",
        "Registers",
        "Chọn “có” nếu hộ đăng ký phấn đấu đạt danh hiệu “Gia đình văn hóa” trong năm, “không” nếu không đăng ký.",
        "Choose “có” (yes) if the household registers to become a “Gia đình văn hóa” (cultural family) "
        "that year, “không” (no) if it does not.",
        "có",
        width=10,
    ),
    Column(
        "registered_on",
        "Ngày đăng ký",
        "Registration date",
        "Ngày hộ ký bản đăng ký, dạng dd/mm/yyyy, trong năm nhập. Để trống: ngày 15/01 của năm. Chỉ ghi khi "
        "hộ đăng ký.",
        "The day the household signed its registration, as dd/mm/yyyy, within the year imported. When "
        "empty: 15/01 of the year. Only for a household that registers.",
        "15/01/2024",
        width=14,
    ),
)
HOUSEHOLD_REQUIRED = ("code", "head_name", "area", "register")

HOUSEHOLD_RULES = (
    (
        "Dòng 1 là dòng tiêu đề, giữ nguyên. Mỗi dòng tiếp theo là một hộ gia đình; mỗi hộ chỉ ghi một dòng.",
        "Row 1 holds the column headers: keep it. Each further row is one household; each household is on one "
        "row only.",
    ),
    (
        "Năm đăng ký không ghi trong tệp: chọn năm khi nhập (trên trang nhập, hoặc --year ở dòng lệnh). Một "
        "tệp là danh sách hộ và đăng ký của một năm.",
        "The year is not written in the file: it is chosen when importing (on the import page, or --year on "
        "the command line). One file is the households and registrations of one year.",
    ),
    (
        "Tệp được kiểm tra toàn bộ trước khi ghi: nếu có dòng nào sai, không hộ nào được nhập và danh sách lỗi "
        "chỉ rõ dòng, cột và lý do. Sửa các lỗi rồi nhập lại cả tệp.",
        "The whole file is checked before anything is written: if any row is wrong, no household is imported, "
        "and the list of errors names the row, the column and the reason. Correct them and import the whole "
        "file again.",
    ),
    (
        "Hộ chưa có trong hệ thống được tạo mới. Hộ đã có (cùng mã) được cập nhật chủ hộ, địa chỉ, số nhân "
        "khẩu theo tệp, trừ khi hộ đã có số liệu của một năm sau năm nhập.",
        "A household not yet recorded is created. A household already recorded (same code) gets the head, "
        "address and number of members of the file, unless it already has records of a year after the one "
        "imported.",
    ),
    (
        "Hộ đã có mà nay ghi ở khu dân cư khác được ghi nhận chuyển đến khu dân cư mới từ ngày 01/01 của năm "
        "nhập, nếu tên chủ hộ trùng khớp. Hộ chuyển vào một ngày khác trong năm: ghi nhận việc chuyển trước, "
        "rồi nhập tệp.",
        "A recorded household that the file places in another area is recorded as moving there from 01/01 of "
        "the year imported, if the head's name matches. For a move on another day of the year, record the move "
        "first, then import the file.",
    ),
    (
        "Nhập lại cùng một tệp không ghi trùng: hộ đã có được giữ nguyên, đăng ký đã có (cùng ngày) được giữ "
        "nguyên. Một hộ chỉ đăng ký một lần trong năm: tệp ghi khác với đăng ký đã có là lỗi.",
        "Importing the same file again writes nothing twice: recorded households and registrations (same "
        "date) stay unchanged. A household registers once a year: a row that contradicts a recorded "
        "registration is an error.",
    ),
    (
        "Sau khi Chủ tịch UBND xã đã quyết định công nhận danh hiệu của năm, không nhập được đăng ký của khu "
        "dân cư đó nữa.",
        "Once the commune chairman has decided the year's titles, no registration of that area can be imported.",
    ),
    (
        "Ngày ghi theo dạng dd/mm/yyyy (ngày/tháng/năm), ví dụ 15/01/2024. Tệp CSV phải lưu dạng “CSV UTF-8”.",
        "Dates are written dd/mm/yyyy (day/month/year), e.g. 15/01/2024. A CSV file must be saved as “CSV UTF-8”.",
    ),
)
HOUSEHOLD_EXAMPLE = (
    {
        "code": "01840-08A-017",
        "head_name": "Hoàng Văn Páo",
        "head_gender": "nam",
        "address": "Số 12, ngõ 3, đường Trường Chinh",
        "area": "01840-08A",
        "members": "4",
        "register": "có",
        "registered_on": "15/01/2024",
    },
    {
        "code": "01840-08A-018",
        "head_name": "Nông Thị Mai",
        "head_gender": "nữ",
        "area": "01840-08A",
        "members": "2",
        "register": "có",
    },
    {
        "code": "01840-08A-019",
        "head_name": "Triệu Văn Sinh",
        "head_gender": "nam",
        "area": "01840-08A",
        "register": "không",
    },
)
