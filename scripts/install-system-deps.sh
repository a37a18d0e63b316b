#!/usr/bin/env bash
# Install the Debian packages cchc needs (tests, OCR, document conversion), only when missing.
set -euo pipefail
packages=(
  postgresql                                  # storage tests run on a real server
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-vie  # OCR of scanned reports
  libreoffice-writer-nogui                    # .doc input, DOCX → PDF output
  fonts-liberation fonts-dejavu-core          # Times New Roman metrics (Liberation Serif)
  fonts-liberation2                           # Liberation 2: the Vietnamese letters of reports
  poppler-utils                               # pdftoppm: PDF pages to PNG
  chromium                                    # browser tests of the web app (Playwright)
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing: ${missing[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
