#include "cli/context.h"

#include <fmt/format.h>

#include <cstdio>

namespace zhitong::cli {

int Fail(const Error& error) {
  std::fprintf(stderr, "zhitong: %s\n  %s\n  [%s]\n", error.message.c_str(), error.message_zh.c_str(),
               error.code.c_str());
  for (const auto& f : error.fields) {
    std::fprintf(stderr, "  - %s: %s / %s\n", f.field.c_str(), f.message.c_str(), f.message_zh.c_str());
  }
  return error.kind == ErrorKind::kInvalid ? 2 : 1;
}

Result<std::unique_ptr<storage::Database>> OpenDatabase(const Config& config) {
  storage::Options options;
  options.migrate = true;
  return storage::Database::Open(config.DatabaseUrl(), options);
}

}  // namespace zhitong::cli
