// Database::Open: reads the URL and hands over to the backend.
#include "storage/database.h"

#include <string>

#include "storage/backends.h"

namespace zhitong::storage {

const char* DialectName(Dialect d) { return d == Dialect::kSqlite ? "sqlite" : "postgresql"; }

Result<std::unique_ptr<Database>> Database::Open(const std::string& url, const Options& options) {
  const std::string_view u = url;
  if (u == "sqlite::memory:" || u == "sqlite://:memory:") return OpenSqlite("", options);
  if (u.starts_with("sqlite:")) {
    std::string_view path = u.substr(7);
    if (path.starts_with("//")) path.remove_prefix(2);  // sqlite:///abs/path and sqlite://rel/path
    if (!path.empty()) return OpenSqlite(std::string(path), options);
  }
  if (u.starts_with("postgresql://") || u.starts_with("postgres://")) return OpenPostgres(url, options);
  // Only the scheme is repeated back: the rest of a URL may hold a password.
  const std::string scheme(u.substr(0, u.find(':')));
  return Error::Invalid("storage.bad_url",
                        "unsupported database URL (scheme '" + scheme +
                            "'): use sqlite:path/to/file.db, sqlite::memory: or postgresql://user@host:port/db",
                        "不支持的数据库地址（“" + scheme +
                            "”）：请使用 sqlite:文件路径、sqlite::memory: 或 postgresql://用户@主机:端口/库名");
}

}  // namespace zhitong::storage
