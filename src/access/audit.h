// The audit trail: every write records who did it, when, to what, and the entity before and
// after, in an append-only table written in the same transaction as the change itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/actor.h"
#include "core/clock.h"
#include "core/error.h"
#include "storage/database.h"

namespace zhitong::access {

struct AuditEntry {
  int64_t id = 0;
  Instant at;
  int64_t actor_user_id = 0;
  std::string actor_login;
  std::string action;     // "create" | "update" | "delete" | a domain verb ("login", "route", …)
  std::string entity;     // "enterprise", "user", "request", …
  std::string entity_id;
  nlohmann::json before;  // null when created
  nlohmann::json after;   // null when deleted
  std::string request_id; // the HTTP request that caused it, when there was one
};

// Appends one entry inside the caller's transaction.
Result<void> RecordAudit(storage::Tx& tx, const Actor& actor, Instant at, std::string_view action,
                         std::string_view entity, std::string_view entity_id, const nlohmann::json& before,
                         const nlohmann::json& after, std::string_view request_id = {});

struct AuditQuery {
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<int64_t> actor_user_id;
  std::optional<Instant> from, to;
  int64_t before_id = 0;  // keyset paging, newest first: entries with id < before_id (0: from the newest)
  int limit = 50;
};

// Newest first. Admins only: the caller checks the role.
Result<std::vector<AuditEntry>> ListAudit(storage::Tx& tx, const AuditQuery& query);

nlohmann::json ToJson(const AuditEntry& e);

}  // namespace zhitong::access
