"""Data in and out (nhập, xuất số liệu): CSV and XLSX, in the long layout and the form layout."""
