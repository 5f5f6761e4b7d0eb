// Rewrites `?` placeholders to PostgreSQL's `$1..$n`, leaving alone every `?` inside a quoted
// literal ('…', E'…'), a quoted identifier ("…"), a dollar-quoted string ($tag$…$tag$) or a
// comment. PostgreSQL's own `?` operators (jsonb) cannot be written in our SQL: use the
// jsonb_exists functions instead.
#pragma once

#include <string>
#include <string_view>

namespace zhitong::storage {

struct RewrittenSql {
  std::string text;
  int placeholders = 0;
};

RewrittenSql RewritePlaceholders(std::string_view sql);

}  // namespace zhitong::storage
