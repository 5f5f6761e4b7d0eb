// Error and Result: the one error type that travels through every layer of Zhitong.
// An Error carries a machine-readable code ("request.invalid_transition"), a kind that the
// HTTP layer maps to a status, and a message in English and in Chinese. Values, not exceptions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace zhitong {

// What went wrong, coarsely; the HTTP layer maps each kind to one status (see http/status.h).
enum class ErrorKind {
  kInvalid,          // 400/422: the caller's input breaks a rule
  kUnauthenticated,  // 401
  kForbidden,        // 403
  kNotFound,         // 404
  kConflict,         // 409: a concurrent change, a duplicate, a state that forbids it
  kTooLarge,         // 413
  kRateLimited,      // 429
  kUnavailable,      // 503: storage busy or unreachable; safe to retry
  kInternal,         // 500: a bug or an unexpected library failure
};

// One problem with one field of the input, for row- and field-level reports.
struct FieldError {
  std::string field;
  std::string message;
  std::string message_zh;
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;        // dotted, stable, machine-readable: "json.malformed"
  std::string message;     // English, for people
  std::string message_zh;  // Chinese, for people
  std::vector<FieldError> fields;
  int retry_after_seconds = 0;  // with kRateLimited/kUnavailable: when to try again (0: unknown)

  static Error Invalid(std::string code, std::string en, std::string zh) {
    return {ErrorKind::kInvalid, std::move(code), std::move(en), std::move(zh), {}, 0};
  }
  static Error NotFound(std::string code, std::string en, std::string zh) {
    return {ErrorKind::kNotFound, std::move(code), std::move(en), std::move(zh), {}, 0};
  }
  static Error Conflict(std::string code, std::string en, std::string zh) {
    return {ErrorKind::kConflict, std::move(code), std::move(en), std::move(zh), {}, 0};
  }
  static Error Forbidden(std::string code, std::string en, std::string zh) {
    return {ErrorKind::kForbidden, std::move(code), std::move(en), std::move(zh), {}, 0};
  }
  static Error Unauthenticated(std::string code, std::string en, std::string zh) {
    return {ErrorKind::kUnauthenticated, std::move(code), std::move(en), std::move(zh), {}, 0};
  }
  static Error TooLarge(std::string code, std::string en, std::string zh) {
    return {ErrorKind::kTooLarge, std::move(code), std::move(en), std::move(zh), {}, 0};
  }
  static Error RateLimited(std::string code, std::string en, std::string zh) {
    return {ErrorKind::kRateLimited, std::move(code), std::move(en), std::move(zh), {}, 0};
  }
  static Error Unavailable(std::string code, std::string en, std::string zh) {
    return {ErrorKind::kUnavailable, std::move(code), std::move(en), std::move(zh), {}, 0};
  }
  static Error Internal(std::string code, std::string en, std::string zh = "系统内部错误") {
    return {ErrorKind::kInternal, std::move(code), std::move(en), std::move(zh), {}, 0};
  }

  // "code: message" for logs and test failure output.
  std::string ToString() const { return code + ": " + message; }
};

const char* ErrorKindName(ErrorKind kind);

// A value or an Error. [[nodiscard]]: a result cannot be dropped silently.
template <class T>
class [[nodiscard]] Result : public tl::expected<T, Error> {
 public:
  using tl::expected<T, Error>::expected;
  Result(Error e) : tl::expected<T, Error>(tl::unexpect, std::move(e)) {}  // NOLINT: implicit by design
  Result(tl::expected<T, Error> e) : tl::expected<T, Error>(std::move(e)) {}  // NOLINT
};

// Success of a Result<void>.
inline Result<void> Ok() { return {}; }

}  // namespace zhitong

// Evaluates expr (a Result); on error returns that error from the enclosing function.
#define ZT_TRY(expr)                                            \
  do {                                                          \
    auto zt_try_result_ = (expr);                               \
    if (!zt_try_result_) return std::move(zt_try_result_).error(); \
  } while (0)

#define ZT_CONCAT_INNER_(a, b) a##b
#define ZT_CONCAT_(a, b) ZT_CONCAT_INNER_(a, b)
// Declares `lhs` from the value of expr (a Result<T>), or returns its error.
#define ZT_ASSIGN_OR_RETURN(lhs, expr) \
  ZT_ASSIGN_OR_RETURN_IMPL_(ZT_CONCAT_(zt_result_, __LINE__), lhs, expr)
#define ZT_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp) return std::move(tmp).error();        \
  lhs = std::move(*tmp)
