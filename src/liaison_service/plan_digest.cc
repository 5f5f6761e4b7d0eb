#include "liaison_service/plan_digest.h"

#include <fmt/format.h>

#include "access/crypto.h"

namespace zhitong::liaison_service {

std::string CanonicalPlanText(const liaison::Plan& plan) {
  // The engine returns every list sorted by enterprise id (then official id for ended).
  std::string out = "zhitong-liaison-plan-v1\n";
  for (const auto& a : plan.kept) out += fmt::format("kept {} {}\n", a.enterprise_id, a.official_id);
  for (const auto& a : plan.added) out += fmt::format("added {} {}\n", a.enterprise_id, a.official_id);
  for (const auto& m : plan.moved) {
    out += fmt::format("moved {} {} {} {}\n", m.enterprise_id, m.from_official_id, m.to_official_id,
                       liaison::Name(m.reason));
  }
  for (const auto& x : plan.ended) {
    out += fmt::format("ended {} {} {}\n", x.assignment.enterprise_id, x.assignment.official_id,
                       liaison::Name(x.reason));
  }
  for (const auto& u : plan.uncovered) out += fmt::format("uncovered {} {}\n", u.enterprise_id, liaison::Name(u.reason));
  return out;
}

std::string PlanDigest(const liaison::Plan& plan) {
  access::InitCrypto();
  return access::Sha256Hex(CanonicalPlanText(plan));
}

}  // namespace zhitong::liaison_service
