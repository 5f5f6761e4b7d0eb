// Small, real files of the kinds attachments meet, made in memory for tests: each starts with the
// bytes its format defines (PDF 1.4 header and trailer, the PNG signature and IHDR, a JPEG/JFIF
// APP0, GIF89a, an OOXML package with its [Content_Types].xml first), so libmagic recognises them.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace zhitong::attachments::testfiles {

inline std::string Pdf(const std::string& text = "zhitong") {
  return "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% " + text + "\ntrailer<</Root 1 0 R>>\n%%EOF\n";
}
inline std::string Png() {
  return std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
}
inline std::string Jpeg() { return std::string("\xff\xd8\xff\xe0\0\x10JFIF\0\1\1\0\0\1\0\1\0\0", 20); }
inline std::string Gif() { return std::string("GIF89a\1\0\1\0\0\0\0;", 13); }
inline std::string Html() { return "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"; }
inline std::string Svg() {
  return "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
}

// A ZIP archive of stored (uncompressed) entries, as APPNOTE.TXT 4.3 lays it out.
inline std::string ZipOf(const std::vector<std::pair<std::string, std::string>>& entries);

namespace detail {
inline uint32_t Crc32(const std::string& s) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}
inline void Le(std::string& out, uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}
}  // namespace detail

inline std::string ZipOf(const std::vector<std::pair<std::string, std::string>>& entries) {
  using detail::Le;
  std::string out, central;
  for (const auto& [name, data] : entries) {
    const uint32_t offset = static_cast<uint32_t>(out.size());
    const uint32_t crc = detail::Crc32(data);
    Le(out, 0x04034b50, 4), Le(out, 20, 2), Le(out, 0, 2), Le(out, 0, 2), Le(out, 0, 2), Le(out, 0x21, 2);
    Le(out, crc, 4), Le(out, data.size(), 4), Le(out, data.size(), 4), Le(out, name.size(), 2), Le(out, 0, 2);
    out += name + data;
    Le(central, 0x02014b50, 4), Le(central, 20, 2), Le(central, 20, 2), Le(central, 0, 2), Le(central, 0, 2);
    Le(central, 0, 2), Le(central, 0x21, 2), Le(central, crc, 4), Le(central, data.size(), 4);
    Le(central, data.size(), 4), Le(central, name.size(), 2), Le(central, 0, 2), Le(central, 0, 2);
    Le(central, 0, 2), Le(central, 0, 2), Le(central, 0, 4), Le(central, offset, 4);
    central += name;
  }
  const uint32_t cd_offset = static_cast<uint32_t>(out.size());
  out += central;
  Le(out, 0x06054b50, 4), Le(out, 0, 2), Le(out, 0, 2), Le(out, entries.size(), 2), Le(out, entries.size(), 2);
  Le(out, central.size(), 4), Le(out, cd_offset, 4), Le(out, 0, 2);
  return out;
}

inline std::string Docx() {
  return ZipOf({{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"},
                {"_rels/.rels", "<Relationships/>"},
                {"word/document.xml", "<w:document/>"}});
}
inline std::string Zip() { return ZipOf({{"setup.exe", "MZ"}}); }

}  // namespace zhitong::attachments::testfiles
