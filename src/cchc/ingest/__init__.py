"""Reading existing reports (đọc báo cáo): formats, text repair, extraction with evidence."""
