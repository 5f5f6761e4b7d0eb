#include "directory_service/demo_loader.h"

#include <map>

#include <nlohmann/json.hpp>

#include "access/audit.h"
#include "access/crypto.h"
#include "directory/demo_city.h"
#include "directory/validate.h"
#include "directory_service/store.h"

namespace zhitong::directory_service {

using storage::Sql;
namespace d = directory;

namespace {

int64_t Mapped(const std::map<int64_t, int64_t>& ids, int64_t demo_id) { return ids.at(demo_id); }

std::optional<int64_t> Mapped(const std::map<int64_t, int64_t>& ids, const std::optional<int64_t>& demo_id) {
  if (!demo_id) return std::nullopt;
  return ids.at(*demo_id);
}

}  // namespace

Result<DemoLoadResult> LoadDemoCity(storage::Database& db, const Clock& clock, const access::Actor& actor,
                                    const std::function<Result<void>(storage::Tx&)>& then) {
  const d::DemoCity city = d::GenerateDemoCity();
  const std::vector<d::DemoUser> users = d::DemoUsers(city);
  access::InitCrypto();
  // Hashing is deliberately slow: done before the transaction, so the writer is not held.
  std::vector<std::string> hashes;
  for (size_t i = 0; i < users.size(); ++i) {
    ZT_ASSIGN_OR_RETURN(std::string h, access::HashPassword(d::kDemoPassword));
    hashes.push_back(std::move(h));
  }
  const Instant now = clock.Now();
  const int64_t ms = ToUnixMillis(now);
  DemoLoadResult result;
  auto st = db.Write([&](storage::Tx& tx) -> Result<void> {
    ZT_ASSIGN_OR_RETURN(auto existing, tx.Query(Sql{"SELECT id FROM regions WHERE code = ?"}, city.regions[0].code));
    if (!existing.empty()) {
      result.already_loaded = true;
      return Ok();
    }
    std::map<int64_t, int64_t> region_ids, department_ids, enterprise_ids, official_ids;
    for (auto r : city.regions) {
      ZT_TRY(d::ToResult(d::ValidateRegion(r), "region"));
      r.parent_id = Mapped(region_ids, r.parent_id);
      ZT_ASSIGN_OR_RETURN(region_ids[r.id], store::InsertRegion(tx, r, now));
      ++result.regions;
    }
    for (auto dep : city.departments) {
      ZT_TRY(d::ToResult(d::ValidateDepartment(dep), "department"));
      dep.region_id = Mapped(region_ids, dep.region_id);
      ZT_ASSIGN_OR_RETURN(department_ids[dep.id], store::InsertDepartment(tx, dep, now));
      ++result.departments;
    }
    for (auto e : city.enterprises) {
      ZT_TRY(d::ToResult(d::ValidateEnterprise(e), "enterprise"));
      e.region_id = Mapped(region_ids, e.region_id);
      ZT_ASSIGN_OR_RETURN(enterprise_ids[e.id], store::InsertEnterprise(tx, e, now));
      ++result.enterprises;
      result.key_enterprises += e.is_key ? 1 : 0;
    }
    for (auto o : city.officials) {
      ZT_TRY(d::ToResult(d::ValidateOfficial(o, std::nullopt), "official"));
      o.region_id = Mapped(region_ids, o.region_id);
      o.department_id = Mapped(department_ids, o.department_id);
      for (auto& c : o.conflicts) c.enterprise_id = Mapped(enterprise_ids, c.enterprise_id);
      ZT_ASSIGN_OR_RETURN(official_ids[o.id], store::InsertOfficial(tx, o, now));
      ++result.officials;
      result.conflicts += static_cast<int>(o.conflicts.size());
    }
    static constexpr Sql kUserExists{"SELECT id FROM users WHERE login = ?"};
    static constexpr Sql kInsertUser{
        "INSERT INTO users (login, display_name, role, password_hash, official_id, department_id, enterprise_id, "
        "disabled, created_at, updated_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)"};
    for (size_t i = 0; i < users.size(); ++i) {
      const auto& u = users[i];
      ZT_ASSIGN_OR_RETURN(auto taken, tx.Query(kUserExists, u.login));
      if (!taken.empty()) {
        result.users_skipped.push_back(u.login);
        continue;
      }
      ZT_TRY(tx.Exec(kInsertUser, u.login, u.display_name, u.role, hashes[i], Mapped(official_ids, u.official_id),
                     Mapped(department_ids, u.department_id), Mapped(enterprise_ids, u.enterprise_id), ms, ms, ms));
      result.users_created.push_back(u.login);
    }
    nlohmann::json summary = {{"seed", d::kDemoSeed},
                              {"digest", d::Digest(city)},
                              {"regions", result.regions},
                              {"departments", result.departments},
                              {"officials", result.officials},
                              {"enterprises", result.enterprises},
                              {"key_enterprises", result.key_enterprises},
                              {"conflicts", result.conflicts},
                              {"users", result.users_created}};
    ZT_TRY(access::RecordAudit(tx, actor, now, "demo_load", "directory", "demo", nullptr, summary));
    if (then) ZT_TRY(then(tx));
    return Ok();
  });
  if (!st) return st.error();
  return result;
}

}  // namespace zhitong::directory_service
