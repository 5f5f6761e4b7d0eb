// The demo city: a deterministic, realistic directory of 淄博市 Zibo as the 2019 article
// describes it (seed/000_567314c39f3d4d23.txt): 30 city leaders serving 210 key enterprises, and
// city plus district leaders serving 2,000 above-scale enterprises. Regions and departments are
// real; people, enterprises, codes and phone numbers are generated. The same seed gives the same
// city with any standard library: only std::mt19937_64 (whose output the standard fixes) is
// used, with our own integer distributions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "directory/model.h"

namespace zhitong::directory {

inline constexpr uint64_t kDemoSeed = 20191231;  // the eve of the article's publication
inline constexpr int kDemoEnterprises = 2000;
inline constexpr int kDemoKeyEnterprises = 210;
inline constexpr int kDemoCityLeaders = 30;

struct DemoCity {
  std::vector<Region> regions;          // ids 1…; regions[0] is the city
  std::vector<Department> departments;  // ids 1…, all of the city
  std::vector<Official> officials;      // ids 1…; the first kDemoCityLeaders are of city rank
  std::vector<Enterprise> enterprises;  // ids 1…
};

// Builds the demo city. Pure: the same seed always gives the same city (see Digest).
DemoCity GenerateDemoCity(uint64_t seed = kDemoSeed);

// A stable fingerprint of everything in the city (FNV-1a 64 over a canonical serialisation),
// as 16 hex digits.
std::string Digest(const DemoCity& city);

// The shared password of every demo user. Demo data only: never for a real deployment.
inline constexpr std::string_view kDemoPassword = "zhitong-demo-2019";

// One demo login per role, as plain data for the access layer. role is an access::Role name
// ("admin", "leader", …). The ids refer to the DemoCity of the same seed.
struct DemoUser {
  std::string login;
  std::string display_name;
  std::string role;
  std::optional<int64_t> official_id;    // leader, liaison
  std::optional<int64_t> department_id;  // handler
  std::optional<int64_t> enterprise_id;  // enterprise
  std::optional<int64_t> region_id;      // a district leader's region
};

// admin, leader (city), district_leader, liaison, handler, dispatcher, enterprise.
std::vector<DemoUser> DemoUsers(const DemoCity& city);

}  // namespace zhitong::directory
