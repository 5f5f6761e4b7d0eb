// Small facts about UTF-8 text shared by every module's validation.
#pragma once

#include <string_view>

namespace zhitong {

// True when `text` has nothing but white space: ASCII space, tab, CR, LF, and the ideographic
// space U+3000 (全角空格, E3 80 80 in UTF-8) that Chinese input methods type. A name or reason of
// only these is as good as none.
inline bool IsBlank(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (text.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace zhitong
