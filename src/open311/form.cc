#include "open311/form.h"

namespace zhitong::open311 {
namespace {

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Decode(std::string_view in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out->push_back(' ');
    } else if (in[i] != '%') {
      out->push_back(in[i]);
    } else {
      if (i + 2 >= in.size()) return false;
      const int hi = Hex(in[i + 1]), lo = Hex(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
  }
  return true;
}

}  // namespace

Result<FormFields> ParseForm(std::string_view body) {
  FormFields out;
  while (!body.empty()) {
    const size_t amp = body.find('&');
    std::string_view part = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    std::string name, value;
    if (!Decode(part.substr(0, eq), &name) ||
        (eq != std::string_view::npos && !Decode(part.substr(eq + 1), &value))) {
      return Error::Invalid("open311.form_malformed", "the form body has a malformed %-escape",
                            "表单内容中的 % 转义格式错误");
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

}  // namespace zhitong::open311
