#include "storage/placeholders.h"

#include <cctype>

namespace zhitong::storage {
namespace {

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// At sql[i] == '$': the length of a dollar-quote tag ("$$" or "$tag$"), or 0 if this is not one
// (e.g. "$1").
size_t DollarTagLength(std::string_view sql, size_t i) {
  size_t j = i + 1;
  if (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) return 0;
  while (j < sql.size() && IsIdentChar(sql[j]) && sql[j] != '$') ++j;
  if (j < sql.size() && sql[j] == '$') return j - i + 1;
  return 0;
}

}  // namespace

RewrittenSql RewritePlaceholders(std::string_view sql) {
  RewrittenSql out;
  out.text.reserve(sql.size() + 16);
  size_t i = 0;
  const size_t n = sql.size();
  auto copy_until = [&](size_t end) {
    out.text.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < n) {
    const char c = sql[i];
    if (c == '\'') {
      // E'…' allows backslash escapes; '' is an escaped quote in both forms.
      const bool escapes = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !IsIdentChar(sql[i - 2]));
      size_t j = i + 1;
      while (j < n) {
        if (escapes && sql[j] == '\\') {
          j += 2;
        } else if (sql[j] == '\'') {
          if (j + 1 < n && sql[j + 1] == '\'') {
            j += 2;
          } else {
            break;
          }
        } else {
          ++j;
        }
      }
      copy_until(j < n ? j + 1 : n);
    } else if (c == '"') {
      size_t j = i + 1;
      while (j < n && sql[j] != '"') ++j;
      copy_until(j < n ? j + 1 : n);
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      size_t j = sql.find('\n', i);
      copy_until(j == std::string_view::npos ? n : j);
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      size_t j = sql.find("*/", i + 2);
      copy_until(j == std::string_view::npos ? n : j + 2);
    } else if (c == '$' && (i == 0 || !IsIdentChar(sql[i - 1])) && DollarTagLength(sql, i) > 0) {
      const std::string_view tag = sql.substr(i, DollarTagLength(sql, i));
      size_t j = sql.find(tag, i + tag.size());
      copy_until(j == std::string_view::npos ? n : j + tag.size());
    } else if (c == '?') {
      out.text += '$';
      out.text += std::to_string(++out.placeholders);
      ++i;
    } else {
      out.text += c;
      ++i;
    }
  }
  return out;
}

}  // namespace zhitong::storage
