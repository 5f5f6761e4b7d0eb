// Values and result sets exchanged with the database, the same for both backends.
// SQL text is written once with `?` placeholders; each backend binds values in order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace zhitong::storage {

// NULL, a 64-bit integer (also booleans and Unix-millisecond instants), a double, or text.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;

inline Value ToValue(std::nullptr_t) { return nullptr; }
inline Value ToValue(bool v) { return int64_t{v ? 1 : 0}; }
inline Value ToValue(int v) { return int64_t{v}; }
inline Value ToValue(unsigned v) { return int64_t{v}; }
inline Value ToValue(long v) { return int64_t{v}; }
inline Value ToValue(long long v) { return int64_t{v}; }
inline Value ToValue(unsigned long v) { return static_cast<int64_t>(v); }
inline Value ToValue(double v) { return v; }
inline Value ToValue(std::string v) { return v; }
inline Value ToValue(std::string_view v) { return std::string(v); }
inline Value ToValue(const char* v) { return std::string(v); }
inline Value ToValue(const Value& v) { return v; }
template <class T>
Value ToValue(const std::optional<T>& v) {
  if (!v) return nullptr;
  return ToValue(*v);
}

// The rows of one query. Column lookup by name is linear: result sets are narrow.
class ResultSet {
 public:
  class Row {
   public:
    Row(const ResultSet* set, size_t index) : set_(set), index_(index) {}
    const Value& at(size_t col) const { return set_->rows_[index_][col]; }
    const Value& at(std::string_view col) const { return at(set_->ColumnIndex(col)); }
    bool is_null(std::string_view col) const { return std::holds_alternative<std::nullptr_t>(at(col)); }
    // Integers; NULL reads as 0. Text that holds a number is converted.
    int64_t i64(std::string_view col) const;
    double f64(std::string_view col) const;
    bool boolean(std::string_view col) const { return i64(col) != 0; }
    // Text; NULL reads as "".
    std::string text(std::string_view col) const;
    std::optional<std::string> opt_text(std::string_view col) const;
    std::optional<int64_t> opt_i64(std::string_view col) const;

   private:
    const ResultSet* set_;
    size_t index_;
  };

  ResultSet() = default;
  explicit ResultSet(std::vector<std::string> columns) : columns_(std::move(columns)) {}

  size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  Row operator[](size_t i) const { return Row(this, i); }
  Row front() const { return Row(this, 0); }
  const std::vector<std::string>& columns() const { return columns_; }
  // Index of the named column; aborts on a name the query does not return (a programming error).
  size_t ColumnIndex(std::string_view name) const;

  void AddRow(std::vector<Value> row) { rows_.push_back(std::move(row)); }

  class Iterator {
   public:
    Iterator(const ResultSet* s, size_t i) : s_(s), i_(i) {}
    Row operator*() const { return Row(s_, i_); }
    Iterator& operator++() { ++i_; return *this; }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }
   private:
    const ResultSet* s_;
    size_t i_;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, rows_.size()); }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<Value>> rows_;
};

}  // namespace zhitong::storage
