#include "storage/value.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace zhitong::storage {

size_t ResultSet::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == name) return i;
  }
  std::fprintf(stderr, "zhitong: query has no column '%.*s'\n", int(name.size()), name.data());
  std::abort();
}

int64_t ResultSet::Row::i64(std::string_view col) const {
  const Value& v = at(col);
  if (auto* i = std::get_if<int64_t>(&v)) return *i;
  if (auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    if (*s == "t" || *s == "true") return 1;
    if (*s == "f" || *s == "false") return 0;
    return std::strtoll(s->c_str(), nullptr, 10);
  }
  return 0;
}

double ResultSet::Row::f64(std::string_view col) const {
  const Value& v = at(col);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

std::string ResultSet::Row::text(std::string_view col) const {
  const Value& v = at(col);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

std::optional<std::string> ResultSet::Row::opt_text(std::string_view col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::optional<int64_t> ResultSet::Row::opt_i64(std::string_view col) const {
  if (is_null(col)) return std::nullopt;
  return i64(col);
}

}  // namespace zhitong::storage
