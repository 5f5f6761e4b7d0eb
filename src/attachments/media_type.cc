#include "attachments/media_type.h"

#include <magic.h>

#include <array>
#include <mutex>

namespace zhitong::attachments {
namespace {

constexpr std::array<std::string_view, 16> kAllowed{
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "text/plain",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",    // .docx
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",          // .xlsx
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",  // .pptx
    "application/msword",                                                          // .doc
    "application/vnd.ms-excel",                                                    // .xls
    "application/vnd.ms-powerpoint",                                               // .ppt
    "application/vnd.oasis.opendocument.text",                                     // .odt
    "application/vnd.oasis.opendocument.spreadsheet",                              // .ods
    "application/vnd.oasis.opendocument.presentation",                             // .odp
    "text/csv",  // libmagic 5.44 calls CSV text/plain; newer magic files may say text/csv
};

// One libmagic cookie for the process: a magic_t must not be used by two threads at once
// (magic(3)), and uploads are rare enough for a mutex.
class Magic {
 public:
  Magic() {
    cookie_ = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if (cookie_ != nullptr && magic_load(cookie_, nullptr) != 0) {
      error_ = magic_error(cookie_) ? magic_error(cookie_) : "magic_load failed";
      magic_close(cookie_);
      cookie_ = nullptr;
    } else if (cookie_ == nullptr) {
      error_ = "magic_open failed";
    }
  }
  ~Magic() {
    if (cookie_ != nullptr) magic_close(cookie_);
  }
  Magic(const Magic&) = delete;
  Magic& operator=(const Magic&) = delete;

  Result<std::string> Sniff(std::string_view bytes) {
    if (cookie_ == nullptr) return Error::Internal("attachment.magic_unavailable", "libmagic: " + error_);
    std::lock_guard lock(mu_);
    const char* type = magic_buffer(cookie_, bytes.data(), bytes.size());
    if (type == nullptr) {
      const char* e = magic_error(cookie_);
      return Error::Internal("attachment.magic_failed", std::string("libmagic: ") + (e ? e : "unknown error"));
    }
    return std::string(type);
  }

 private:
  std::mutex mu_;
  magic_t cookie_ = nullptr;
  std::string error_;
};

Magic& TheMagic() {
  static Magic magic;
  return magic;
}

bool IsUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace

Result<std::string> SniffMediaType(std::string_view bytes) { return TheMagic().Sniff(bytes); }

bool IsAllowedMediaType(std::string_view media_type) {
  for (std::string_view a : kAllowed) {
    if (a == media_type) return true;
  }
  return false;
}

std::span<const std::string_view> AllowedMediaTypes() { return kAllowed; }

Result<std::string> CheckContent(std::string_view bytes) {
  if (bytes.empty()) return Error::Invalid("attachment.empty", "the file is empty", "文件为空");
  ZT_ASSIGN_OR_RETURN(std::string type, SniffMediaType(bytes));
  if (!IsAllowedMediaType(type)) {
    return Error::Invalid("attachment.type_not_allowed",
                          "files of this kind (" + type +
                              ") are not accepted; send PDF, an image (PNG, JPEG, GIF, WebP), plain text or an "
                              "Office or OpenDocument document",
                          "不接受此类文件（" + type + "），请上传 PDF、图片（PNG、JPEG、GIF、WebP）、纯文本或 Office / "
                          "OpenDocument 文档");
  }
  return type;
}

std::string ContentTypeHeader(std::string_view media_type, std::string_view bytes) {
  std::string out(media_type);
  if ((media_type == "text/plain" || media_type == "text/csv") && IsUtf8(bytes)) out += "; charset=utf-8";
  return out;
}

}  // namespace zhitong::attachments
