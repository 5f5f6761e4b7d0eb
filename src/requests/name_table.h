// The name tables of the request domain's enums (internal to src/requests): each enum's wire name
// and Chinese name in one table, from which Name, NameZh, Parse and All are defined.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

namespace zhitong::requests::name_table {

template <class E>
struct Names {
  E value;
  std::string_view name;
  std::string_view zh;
};

// Every table lists its enum in declaration order, so the value is the index.
template <class E, size_t N>
const Names<E>& Row(const std::array<Names<E>, N>& table, E v) {
  return table[static_cast<size_t>(v)];
}

template <class E, size_t N>
std::array<E, N> Values(const std::array<Names<E>, N>& table) {
  std::array<E, N> out{};
  for (size_t i = 0; i < N; ++i) out[i] = table[i].value;
  return out;
}

template <class E, size_t N>
Result<E> ParseIn(const std::array<Names<E>, N>& table, std::string_view name,
                  std::string_view type, std::string_view type_zh) {
  for (const auto& row : table) {
    if (row.name == name) return row.value;
  }
  return Error::Invalid("request.unknown_" + std::string(type),
                        "unknown " + std::string(type) + " \"" + std::string(name) + "\"",
                        "未知的" + std::string(type_zh) + "“" + std::string(name) + "”");
}

}  // namespace zhitong::requests::name_table

// Defines Name, NameZh, Parse<Type> and All<Type> from `table` (inside namespace zhitong::requests).
#define ZT_REQUESTS_NAMES(Type, table, type, type_zh)                                     \
  std::string_view Name(Type v) { return name_table::Row(table, v).name; }                            \
  std::string_view NameZh(Type v) { return name_table::Row(table, v).zh; }                            \
  template <>                                                                             \
  Result<Type> Parse<Type>(std::string_view name) {                                       \
    return name_table::ParseIn(table, name, type, type_zh);                                           \
  }                                                                                       \
  template <>                                                                             \
  std::span<const Type> All<Type>() {                                                     \
    static const auto values = name_table::Values(table);                                             \
    return values;                                                                        \
  }
