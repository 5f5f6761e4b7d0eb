// Patterns for SQL LIKE built from user text, for `LIKE ? ESCAPE '\'` on both backends: the text
// is bound as a parameter, and LIKE's own characters in it (%, _ and the escape \) match only
// themselves.
#pragma once

#include <string>
#include <string_view>

namespace zhitong::storage {

// `text` with %, _ and \ escaped by \.
inline std::string LikeEscaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// A pattern matching `text` anywhere.
inline std::string LikeContains(std::string_view text) { return "%" + LikeEscaped(text) + "%"; }

}  // namespace zhitong::storage
