"""What the two import files look like: their sheets, columns, rules and examples, as the Excel
templates write them (in Vietnamese and English) and the imports read them."""

from __future__ import annotations

from thidua.units.imports.tables import AREA_KIND_WORDS, Column
from thidua.units.models import LineageKind

AREA_SHEET = "Khu dân cư"

AREA_COLUMNS = (
    Column(
        "code",
        "Mã",
        "Code",
        "Mã khu dân cư, không được trùng với đơn vị nào khác trong cùng thời gian: mã xã, dấu gạch ngang, "
        "rồi số hiệu của khu dân cư trong xã (01840-08A). Để trống thì hệ thống tự đặt theo mã xã và tên.",
        "The area's code, which no other unit may use at the same time: the commune's code, a hyphen, then "
        "the area's number within the commune (01840-08A). When empty, it is made from the commune's code "
        "and the name.",
        "01840-08A",
        width=14,
    ),
    Column(
        "name",
        "Tên",
        "Name",
        "Tên khu dân cư, không ghi loại: “8A”, “Tổng Nẻng” (không ghi “tổ 8A”, “thôn Tổng Nẻng”).",
        "The area's name without its kind: “8A”, “Tổng Nẻng” (not “tổ 8A”, “thôn Tổng Nẻng”).",
        "8A",
        width=24,
    ),
    Column(
        "kind",
        "Loại",
        "Kind",
        "Chọn trong danh sách: " + ", ".join(AREA_KIND_WORDS.values()) + " (có dấu hoặc không dấu).",
        "Choose from the list: " + ", ".join(AREA_KIND_WORDS.values()) + " (with or without diacritics).",
        "tổ dân phố",
        width=14,
    ),
    Column(
        "commune",
        "Mã đơn vị cấp xã",
        "Commune code",
        "Mã 5 chữ số của xã, phường, thị trấn theo danh mục đơn vị hành chính (01840: phường Đức Xuân). "
        "Một mã có thể được dùng lại sau khi sắp xếp đơn vị hành chính: hệ thống chọn đơn vị mang mã đó "
        "vào ngày “Hiệu lực từ” (nếu để trống: ngày “Hiệu lực đến”, hoặc ngày nhập).",
        "The 5-digit code of the commune, ward or township in the official list (01840: phường Đức Xuân). "
        "A code may be reused after a reorganisation: the unit holding it on the “Hiệu lực từ” date is "
        "used (when empty: on the “Hiệu lực đến” date, or on the day of the import).",
        "01840",
        width=18,
    ),
    Column(
        "valid_from",
        "Hiệu lực từ",
        "Valid from",
        "Ngày thành lập khu dân cư, dạng dd/mm/yyyy. Để trống nếu khu dân cư có từ trước khi có số liệu.",
        "The day the area was established, as dd/mm/yyyy. Leave empty if it existed before the records begin.",
        "01/01/2009",
        width=14,
    ),
    Column(
        "valid_to",
        "Hiệu lực đến",
        "Valid to",
        "Ngày cuối cùng khu dân cư còn tồn tại, dạng dd/mm/yyyy. Để trống nếu khu dân cư vẫn còn.",
        "The last day the area existed, as dd/mm/yyyy. Leave empty if it still exists.",
        "",
        width=14,
    ),
    Column(
        "legal_basis",
        "Căn cứ",
        "Legal basis",
        "Văn bản thành lập khu dân cư (không bắt buộc).",
        "The act that established the area (optional).",
        "Quyết định số …/QĐ-UBND ngày …/…/2009 của UBND thị xã Bắc Kạn",
        width=40,
    ),
)
AREA_REQUIRED = ("name", "kind")

AREA_RULES = (
    (
        "Dòng 1 là dòng tiêu đề, giữ nguyên. Mỗi dòng tiếp theo là một khu dân cư.",
        "Row 1 holds the column headers: keep it. Each further row is one residential area.",
    ),
    (
        "Ngày ghi theo dạng dd/mm/yyyy (ngày/tháng/năm), ví dụ 01/07/2025.",
        "Dates are written dd/mm/yyyy (day/month/year), e.g. 01/07/2025.",
    ),
    (
        "Tệp được kiểm tra toàn bộ trước khi ghi: nếu có dòng nào sai, không khu dân cư nào được nhập "
        "và danh sách lỗi chỉ rõ dòng, cột và lý do. Sửa các lỗi rồi nhập lại cả tệp.",
        "The whole file is checked before anything is written: if any row is wrong, no area is imported, "
        "and the list of errors names the row, the column and the reason. Correct them and import the "
        "whole file again.",
    ),
    (
        "Nhập lại cùng một tệp không tạo trùng: khu dân cư đã có (cùng mã, cùng ngày hiệu lực, cùng tên) "
        "được giữ nguyên.",
        "Importing the same file again creates nothing twice: an area already recorded (same code, same "
        "start date, same name) is left unchanged.",
    ),
    (
        "Không dùng tệp này để đổi tên, sáp nhập, chia tách hay giải thể khu dân cư: dùng tệp sự kiện "
        "(mẫu “Sự kiện khu dân cư”).",
        "Do not use this file to rename, merge, split or dissolve areas: use a lineage file (the "
        "“lineage events” template).",
    ),
    (
        "Khu dân cư của một xã đã sáp nhập vào ngày 01/07/2025 tự động thuộc đơn vị kế thừa duy nhất của xã đó.",
        "The areas of a commune merged on 01/07/2025 continue automatically under its single successor.",
    ),
)
AREA_EXAMPLE = (
    {"code": "01840-08A", "name": "8A", "kind": "tổ dân phố", "commune": "01840", "valid_from": "01/01/2009"},
    {"code": "01852-KC", "name": "Khuổi Chang", "kind": "thôn", "commune": "01852"},
)

LINEAGE_SHEET = "Sự kiện"

# The words of the drop-down list, then the other spellings accepted for each kind.
EVENT_KIND_WORDS: dict[str, str] = {
    LineageKind.ESTABLISH: "thành lập",
    LineageKind.MERGE: "sáp nhập",
    LineageKind.SPLIT: "chia tách",
    LineageKind.RENAME: "đổi tên",
    LineageKind.RECLASSIFY: "đổi loại",
    LineageKind.TRANSFER: "chuyển",
    LineageKind.DISSOLVE: "giải thể",
}
LINEAGE_COLUMNS = (
    Column(
        "event",
        "Số sự kiện",
        "Event number",
        "Số thứ tự của sự kiện. Các dòng cùng số là các liên kết của cùng một sự kiện: một sáp nhập ghi "
        "mỗi khu dân cư bị sáp nhập trên một dòng, một chia tách ghi mỗi khu dân cư mới trên một dòng.",
        "The event's number. Rows with the same number are the links of one event: a merge has one row "
        "per merged area, a split one row per new area.",
        "1",
        width=10,
    ),
    Column(
        "kind",
        "Loại sự kiện",
        "Event kind",
        "Chọn trong danh sách: " + ", ".join(EVENT_KIND_WORDS.values()) + ". Chỉ cần ghi ở dòng đầu của sự kiện.",
        "Choose from the list: thành lập (establish), sáp nhập (merge), chia tách (split), đổi tên (rename), "
        "đổi loại (reclassify), chuyển (transfer), giải thể (dissolve). The event's first row is enough.",
        "sáp nhập",
        width=14,
    ),
    Column(
        "date",
        "Ngày hiệu lực",
        "Effective date",
        "Ngày sự kiện có hiệu lực, dạng dd/mm/yyyy: khu dân cư mới có từ ngày này, khu dân cư cũ kết thúc "
        "vào ngày hôm trước. Chỉ cần ghi ở dòng đầu của sự kiện.",
        "The day the event takes effect, as dd/mm/yyyy: new areas exist from that day, and the areas that "
        "end do so on the day before. The event's first row is enough.",
        "01/01/2020",
        width=14,
    ),
    Column(
        "legal_basis",
        "Căn cứ",
        "Legal basis",
        "Văn bản quyết định sự kiện (nghị quyết của HĐND tỉnh, quyết định của UBND …).",
        "The act that decided the event (a resolution of the provincial council, a decision …).",
        "Nghị quyết số …/NQ-HĐND ngày …",
        width=36,
    ),
    Column(
        "predecessor",
        "Mã đơn vị trước",
        "Predecessor code",
        "Mã khu dân cư trước sự kiện: khu dân cư bị sáp nhập, bị chia tách, bị giải thể, hoặc được đổi "
        "tên, đổi loại, chuyển. Để trống khi thành lập mới.",
        "The code of the area before the event: the area merged, split or dissolved, or the area renamed, "
        "reclassified or transferred. Empty for an establishment.",
        "01840-08A",
        width=16,
    ),
    Column(
        "successor",
        "Mã đơn vị sau",
        "Successor code",
        "Mã khu dân cư sau sự kiện: khu dân cư nhận sáp nhập (đã có, hoặc mới), các khu dân cư tách ra, "
        "khu dân cư thành lập. Để trống khi đổi tên, đổi loại, chuyển, giải thể.",
        "The code of the area after the event: the area the others merge into (existing or new), the "
        "areas split off, the area established. Empty for a rename, reclassification, transfer or "
        "dissolution.",
        "01840-08",
        width=16,
    ),
    Column(
        "new_name",
        "Tên mới",
        "New name",
        "Tên mới khi đổi tên; tên của khu dân cư mới khi thành lập, sáp nhập hay chia tách. Không ghi loại.",
        "The new name of a renamed area; the name of a new area of an establishment, merge or split. Without the kind.",
        "8",
        width=20,
    ),
    Column(
        "new_kind",
        "Loại đơn vị mới",
        "New kind",
        "Loại của khu dân cư mới, hoặc loại mới khi đổi loại: " + ", ".join(AREA_KIND_WORDS.values()) + ".",
        "The kind of a new area, or the new kind of a reclassified one: " + ", ".join(AREA_KIND_WORDS.values()) + ".",
        "tổ dân phố",
        width=16,
    ),
    Column(
        "parent",
        "Mã đơn vị cấp trên",
        "Parent code",
        "Mã xã, phường, thị trấn: nơi khu dân cư được chuyển đến (chuyển), nơi có khu dân cư thành lập; "
        "với sáp nhập, chia tách chỉ ghi khi khu dân cư mới thuộc xã khác.",
        "The code of the commune: where a transferred area goes, where an established area is; for a "
        "merge or split only when the new area is in another commune.",
        "01840",
        width=16,
    ),
)
LINEAGE_REQUIRED = ("event", "kind", "date", "predecessor", "successor")

LINEAGE_RULES = (
    (
        "Dòng 1 là dòng tiêu đề, giữ nguyên. Mỗi dòng tiếp theo là một liên kết của một sự kiện; các dòng "
        "cùng “Số sự kiện” thuộc cùng một sự kiện.",
        "Row 1 holds the column headers: keep it. Each further row is one link of an event; the rows with "
        "the same “Số sự kiện” belong to one event.",
    ),
    (
        "Thành lập: một dòng với Mã đơn vị sau, Tên mới, Loại đơn vị mới, Mã đơn vị cấp trên.",
        "Establish: one row with the successor code, new name, new kind and parent code.",
    ),
    (
        "Sáp nhập: mỗi khu dân cư bị sáp nhập một dòng, cùng một Mã đơn vị sau. Nếu khu dân cư nhận "
        "sáp nhập là khu dân cư mới, ghi Tên mới và Loại đơn vị mới; nếu đã có, để trống hai cột này.",
        "Merge: one row per merged area, all with the same successor code. If the area they merge into is "
        "new, give its new name and kind; if it exists, leave those two columns empty.",
    ),
    (
        "Chia tách: mỗi khu dân cư tách ra một dòng, cùng một Mã đơn vị trước; khu dân cư mới ghi Tên mới "
        "và Loại đơn vị mới.",
        "Split: one row per area split off, all with the same predecessor code; new areas get a new name and kind.",
    ),
    (
        "Đổi tên, đổi loại, chuyển, giải thể: một dòng với Mã đơn vị trước, và Tên mới (đổi tên), Loại "
        "đơn vị mới (đổi loại), Mã đơn vị cấp trên (chuyển).",
        "Rename, reclassify, transfer, dissolve: one row with the predecessor code, and the new name "
        "(rename), the new kind (reclassify) or the parent code (transfer).",
    ),
    (
        "Ngày ghi theo dạng dd/mm/yyyy. Các sự kiện được áp dụng theo thứ tự ngày hiệu lực.",
        "Dates are written dd/mm/yyyy. The events are applied in the order of their effective dates.",
    ),
    (
        "Tệp được kiểm tra toàn bộ trước khi ghi: nếu có dòng nào sai, không sự kiện nào được ghi và danh "
        "sách lỗi chỉ rõ dòng, cột và lý do. Nhập lại cùng một tệp không ghi trùng sự kiện đã nhập.",
        "The whole file is checked before anything is written: if any row is wrong, no event is written, "
        "and the list of errors names the row, the column and the reason. Importing the same file again "
        "does not repeat the events already imported.",
    ),
    (
        "Tệp này chỉ dành cho khu dân cư; sự thay đổi của xã, phường, tỉnh lấy từ danh mục hành chính quốc gia.",
        "This file is for residential areas only; the changes of communes and provinces come from the national lists.",
    ),
)
LINEAGE_EXAMPLE = (
    {
        "event": "1",
        "kind": "sáp nhập",
        "date": "01/01/2020",
        "legal_basis": "Nghị quyết số …/NQ-HĐND ngày …",
        "predecessor": "01840-08A",
        "successor": "01840-08",
        "new_name": "8",
        "new_kind": "tổ dân phố",
    },
    {"event": "1", "predecessor": "01840-08B", "successor": "01840-08"},
    {
        "event": "2",
        "kind": "chia tách",
        "date": "01/01/2020",
        "predecessor": "01840-10",
        "successor": "01840-10A",
        "new_name": "10A",
        "new_kind": "tổ dân phố",
    },
    {"event": "2", "predecessor": "01840-10", "successor": "01840-10B", "new_name": "10B", "new_kind": "tổ dân phố"},
    {"event": "3", "kind": "đổi tên", "date": "01/01/2021", "predecessor": "01852-KC", "new_name": "Khuổi Chang 1"},
    {"event": "4", "kind": "chuyển", "date": "01/01/2021", "predecessor": "01840-11", "parent": "01837"},
    {"event": "5", "kind": "giải thể", "date": "01/01/2022", "predecessor": "01840-12"},
    {
        "event": "6",
        "kind": "thành lập",
        "date": "01/01/2022",
        "successor": "01840-15",
        "new_name": "15",
        "new_kind": "tổ dân phố",
        "parent": "01840",
    },
)
