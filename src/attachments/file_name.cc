#include "attachments/file_name.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace zhitong::attachments {
namespace {

// The code points of UTF-8 text, or nullopt when it is not valid UTF-8 (overlong forms and
// surrogates included).
std::optional<std::vector<uint32_t>> Decode(std::string_view s) {
  std::vector<uint32_t> out;
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp = 0;
    size_t n = 0;
    if (c < 0x80) {
      cp = c, n = 1;
    } else if ((c >> 5) == 0x6) {
      cp = c & 0x1F, n = 2;
    } else if ((c >> 4) == 0xE) {
      cp = c & 0x0F, n = 3;
    } else if ((c >> 3) == 0x1E) {
      cp = c & 0x07, n = 4;
    } else {
      return std::nullopt;
    }
    if (i + n > s.size()) return std::nullopt;
    for (size_t k = 1; k < n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d >> 6) != 0x2) return std::nullopt;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    out.push_back(cp);
    i += n;
  }
  return out;
}

bool Misleading(uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||  // C0, DEL, C1 controls
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||  // bidi embeddings, isolates
         cp == 0x200E || cp == 0x200F || cp == 0x061C;                        // direction marks
}

bool AttrChar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  for (char x : std::string_view("!#$&+-.^_`|~")) {
    if (c == static_cast<unsigned char>(x)) return true;
  }
  return false;
}

}  // namespace

Result<std::string> CleanFileName(std::string_view given) {
  const size_t slash = given.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? given : given.substr(slash + 1);
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  if (name.empty() || name == "." || name == "..") {
    return Error::Invalid("attachment.name_required", "the file needs a name", "须提供文件名");
  }
  auto cps = Decode(name);
  bool bad = !cps.has_value();
  if (cps) {
    for (uint32_t cp : *cps) bad = bad || Misleading(cp);
  }
  if (bad) {
    return Error::Invalid("attachment.name_invalid",
                          "the file name must be UTF-8 text without control or text-direction characters",
                          "文件名须为 UTF-8 文本，且不得含控制字符或文字方向控制符");
  }
  if (cps->size() > kMaxNameChars) {
    return Error::Invalid("attachment.name_too_long",
                          "the file name is longer than " + std::to_string(kMaxNameChars) + " characters",
                          "文件名超过 " + std::to_string(kMaxNameChars) + " 个字符");
  }
  return std::string(name);
}

std::string ContentDisposition(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string fallback, encoded;
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    fallback += (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') ? '_' : ch;
    if (AttrChar(c)) {
      encoded += ch;
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xF];
    }
  }
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace zhitong::attachments
