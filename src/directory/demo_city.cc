// Sources for the facts in the demo city:
// - Regions: GB/T 2260 codes of Zibo (370300) and its five districts and three counties, as in
//   the National Bureau of Statistics division list reproduced by modood/Administrative-divisions-
//   of-China (dist/areas.csv): 370302 淄川区, 370303 张店区, 370304 博山区, 370305 临淄区,
//   370306 周村区, 370321 桓台县, 370322 高青县, 370323 沂源县. (Not 370302 张店区: that pairing
//   is wrong.) That list gives other Shandong cities' functional zones statistical codes of the
//   form 37xx7n (370171 济南高新技术产业开发区, 370671/370672 …) but none for Zibo, so the three
//   Zibo zones get 370371–370373 here, following that convention: demo codes, not official ones.
//   Zone names: 国家级高新技术产业开发区 and 省级文昌湖旅游度假区 per the 淄博市情市况 document
//   (wendangku.net/doc/9e9f3cc8ed630b1c58eeb55c.html); 淄博经济开发区 per newton.com.tw.
// - Enterprises registered in a zone carry the city's code 370300 in their USCC (a zone is not a
//   registration division); the others carry their district's or county's code.
// - Counts: 30 city leaders, 210 key enterprises, 2,000 above-scale enterprises (the article).
//   The split of enterprises over regions and industries is a plausible demo choice (chemicals
//   in 临淄, ceramics in 淄川/博山, pumps in 博山, textiles in 周村, pharmaceuticals in 沂源),
//   not official statistics.
// - Departments: the usual municipal bureaus after the 2019 institutional reform; their exact
//   Zibo names are unconfirmed here.
#include "directory/demo_city.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>
#include <set>
#include <span>

#include "directory/demo_words.h"
#include "directory/industry.h"
#include "directory/uscc.h"

namespace zhitong::directory {
namespace {

namespace w = demo_words;
using namespace std::chrono;

// Integer draws on top of mt19937_64 whose results do not depend on the standard library.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  // Uniform in [0, n). REQUIRES: n > 0. Rejection sampling, so there is no modulo bias.
  uint64_t Below(uint64_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do {
      x = engine_();
    } while (x >= limit);
    return x % n;
  }
  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1)); }
  bool Chance(int percent) { return Below(100) < static_cast<uint64_t>(percent); }
  // An index drawn with probability proportional to weights[i]. REQUIRES: a positive weight.
  size_t Weighted(std::span<const int> weights) {
    int total = 0;
    for (int x : weights) total += x;
    auto r = static_cast<int>(Below(static_cast<uint64_t>(total)));
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  template <class T, size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[Below(N)];
  }

 private:
  std::mt19937_64 engine_;
};

struct RegionSpec {
  const char* code;
  const char* name;
  const char* name_en;
  RegionKind kind;
  const char* short_name;  // used in company names and titles
  const char* uscc_region;
  int enterprises;
  std::vector<std::pair<const char*, int>> industry_bonus;  // division → extra weight
};

const std::vector<RegionSpec>& RegionSpecs() {
  static const std::vector<RegionSpec> specs = {
      {"370300", "淄博市", "Zibo", RegionKind::kCity, "淄博", "370300", 0, {}},
      {"370302", "淄川区", "Zichuan District", RegionKind::kDistrict, "淄川", "370302", 260,
       {{"30", 12}, {"29", 5}, {"17", 3}, {"06", 2}}},
      {"370303", "张店区", "Zhangdian District", RegionKind::kDistrict, "张店", "370303", 300,
       {{"34", 5}, {"35", 5}, {"38", 4}, {"27", 3}, {"39", 2}}},
      {"370304", "博山区", "Boshan District", RegionKind::kDistrict, "博山", "370304", 220,
       {{"30", 12}, {"34", 10}, {"26", 3}}},
      {"370305", "临淄区", "Linzi District", RegionKind::kDistrict, "临淄", "370305", 330,
       {{"26", 25}, {"25", 5}, {"29", 5}, {"28", 3}}},
      {"370306", "周村区", "Zhoucun District", RegionKind::kDistrict, "周村", "370306", 180,
       {{"17", 8}, {"18", 4}, {"30", 3}, {"33", 3}}},
      {"370321", "桓台县", "Huantai County", RegionKind::kCounty, "桓台", "370321", 250,
       {{"26", 10}, {"22", 6}, {"36", 3}, {"13", 2}}},
      {"370322", "高青县", "Gaoqing County", RegionKind::kCounty, "高青", "370322", 90, {{"13", 5}, {"14", 3}, {"26", 3}}},
      {"370323", "沂源县", "Yiyuan County", RegionKind::kCounty, "沂源", "370323", 120,
       {{"27", 10}, {"13", 4}, {"15", 2}, {"30", 2}}},
      {"370371", "淄博高新技术产业开发区", "Zibo Hi-tech Industrial Development Zone", RegionKind::kZone, "高新区",
       "370300", 170, {{"39", 6}, {"38", 5}, {"27", 5}, {"35", 5}, {"40", 3}}},
      {"370372", "淄博经济开发区", "Zibo Economic Development Zone", RegionKind::kZone, "经济开发区", "370300", 50,
       {{"35", 4}, {"34", 3}, {"27", 2}}},
      {"370373", "文昌湖省级旅游度假区", "Wenchang Lake Provincial Tourist Resort", RegionKind::kZone, "文昌湖区",
       "370300", 30, {{"14", 3}, {"13", 2}, {"41", 2}}},
  };
  return specs;
}

// Manufacturing-heavy base weights of Zibo's above-scale industry (sections B, C, D).
constexpr std::array<std::pair<std::string_view, int>, 34> kBaseIndustry{{
    {"26", 14}, {"27", 5}, {"30", 11}, {"34", 9}, {"35", 7}, {"29", 7}, {"33", 6}, {"38", 5}, {"13", 4},
    {"14", 2},  {"17", 3}, {"22", 2},  {"25", 3}, {"31", 2}, {"32", 2}, {"36", 3}, {"39", 2}, {"40", 1},
    {"15", 1},  {"18", 2}, {"21", 1},  {"28", 1}, {"42", 1}, {"44", 2}, {"45", 1}, {"46", 1}, {"08", 1},
    {"10", 1},  {"06", 1}, {"23", 1},  {"24", 1}, {"37", 1}, {"41", 1}, {"43", 1},
}};

struct DepartmentSpec {
  const char* code;
  const char* name;
  const char* name_en;
  std::vector<Category> categories;
};

const std::vector<DepartmentSpec>& DepartmentSpecs() {
  using C = Category;
  static const std::vector<DepartmentSpec> specs = {
      {"development_reform", "淄博市发展和改革委员会", "Zibo Development and Reform Commission", {C::kApproval, C::kOther}},
      {"industry_it", "淄博市工业和信息化局", "Zibo Bureau of Industry and Information Technology", {C::kOther, C::kPower}},
      {"natural_resources", "淄博市自然资源和规划局", "Zibo Bureau of Natural Resources and Planning", {C::kLand}},
      {"human_resources", "淄博市人力资源和社会保障局", "Zibo Bureau of Human Resources and Social Security", {C::kLabor}},
      {"ecology_environment", "淄博市生态环境局", "Zibo Bureau of Ecology and Environment", {C::kEnvironment}},
      {"housing_construction", "淄博市住房和城乡建设局", "Zibo Bureau of Housing and Urban-Rural Development",
       {C::kLand, C::kApproval}},
      {"commerce", "淄博市商务局", "Zibo Bureau of Commerce", {C::kMarketAccess, C::kLogistics}},
      {"market_regulation", "淄博市市场监督管理局", "Zibo Administration for Market Regulation", {C::kMarketAccess}},
      {"taxation", "国家税务总局淄博市税务局", "Zibo Municipal Tax Service, State Taxation Administration", {C::kTax}},
      {"power_supply", "国网淄博供电公司", "State Grid Zibo Power Supply Company", {C::kPower}},
      {"transport", "淄博市交通运输局", "Zibo Bureau of Transport", {C::kLogistics}},
      {"emergency_management", "淄博市应急管理局", "Zibo Bureau of Emergency Management", {C::kSafety}},
      {"administrative_approval", "淄博市行政审批服务局", "Zibo Administrative Approval Service Bureau",
       {C::kApproval, C::kMarketAccess}},
      {"science_technology", "淄博市科学技术局", "Zibo Bureau of Science and Technology", {C::kScience}},
      {"finance", "淄博市财政局", "Zibo Bureau of Finance", {C::kFinancing, C::kTax}},
      {"financial_regulation", "淄博市地方金融监督管理局", "Zibo Local Financial Supervision and Administration Bureau",
       {C::kFinancing}},
  };
  return specs;
}

// The 30 city leaders of the 四大班子 (Party committee, government, people's congress, CPPCC).
constexpr std::array<std::string_view, kDemoCityLeaders> kCityTitles{
    "市委书记", "市长", "市人大常委会主任", "市政协主席", "市委副书记",
    "市委常委、常务副市长", "市委常委、组织部部长", "市委常委、宣传部部长", "市委常委、政法委书记",
    "市委常委、纪委书记", "市委常委、统战部部长", "市委常委、秘书长", "市委常委、高新区党工委书记",
    "副市长", "副市长", "副市长", "副市长", "副市长",
    "市人大常委会副主任", "市人大常委会副主任", "市人大常委会副主任", "市人大常委会副主任", "市人大常委会副主任",
    "市人大常委会副主任", "市政协副主席", "市政协副主席", "市政协副主席", "市政协副主席", "市政协副主席",
    "市政协副主席"};

constexpr int kCityCapacity = 8;          // 30 × 8 = 240 ≥ 210 key enterprises
constexpr int kDistrictCapacityMin = 6;
constexpr int kDistrictCapacityMax = 10;
constexpr int kConflicts = 8;
constexpr auto kActiveFrom = 2019y / January / 1d;

// Titles for district-level officials: the two principal posts, then a rotating pool.
std::vector<std::string> DistrictTitles(const RegionSpec& r, size_t n) {
  std::vector<std::string> pool;
  std::vector<std::string> out;
  if (r.kind == RegionKind::kZone) {
    out = {"党工委书记", "管委会主任"};
    pool = {"党工委副书记", "管委会副主任", "党工委委员", "经济发展局局长", "招商服务中心主任"};
  } else {
    std::string u = r.kind == RegionKind::kCounty ? "县" : "区";
    out = {u + "委书记", u + "长"};
    pool = {u + "委副书记",           "常务副" + u + "长",      "副" + u + "长",        u + "委常委",
            u + "人大常委会副主任",   u + "政协副主席",         u + "发展和改革局局长", u + "工业和信息化局局长",
            u + "商务局局长",         u + "科学技术局局长",     u + "财政局局长",       u + "投资促进中心主任",
            "镇党委书记",             "街道党工委书记"};
  }
  for (size_t i = out.size(); i < n; ++i) out.push_back(pool[(i - 2) % pool.size()]);
  out.resize(n);
  return out;
}

std::string PersonName(Rng& rng) {
  std::string name(rng.Pick(w::kSurnames));
  name += rng.Pick(w::kGivenChars);
  if (rng.Chance(70)) name += rng.Pick(w::kGivenChars);
  return name;
}

std::vector<int> IndustryWeights(const RegionSpec& r) {
  std::vector<int> weights;
  for (const auto& [code, weight] : kBaseIndustry) {
    int x = weight;
    for (const auto& [bonus_code, bonus] : r.industry_bonus) {
      if (code == bonus_code) x += bonus;
    }
    weights.push_back(x);
  }
  return weights;
}

std::string_view IndustryWord(Rng& rng, std::string_view division) {
  for (const auto& dw : w::kIndustryWords) {
    if (dw.division != division) continue;
    size_t n = 0;
    while (n < dw.words.size() && !dw.words[n].empty()) ++n;
    return dw.words[rng.Below(n)];
  }
  return "实业";  // unreachable: every division of kBaseIndustry has words (demo_city_test)
}

std::string CompanyName(Rng& rng, const RegionSpec& r, std::string_view division) {
  std::string name;
  int prefix = static_cast<int>(rng.Below(100));
  if (r.kind == RegionKind::kZone || prefix < 70) {
    name = "淄博";
  } else if (prefix < 90) {
    name = std::string("淄博") + r.short_name;
  } else {
    name = r.short_name;
  }
  std::string_view first = rng.Pick(w::kTradeFirst), second = rng.Pick(w::kTradeSecond);
  while (first == second) second = rng.Pick(w::kTradeSecond);
  name += first;
  name += second;
  name += IndustryWord(rng, division);
  int form = static_cast<int>(rng.Below(100));
  name += form < 80 ? "有限公司" : form < 92 ? "股份有限公司" : "集团有限公司";
  return name;
}

std::string Uscc(Rng& rng, const RegionSpec& r) {
  std::string first16 = std::string("91") + r.uscc_region;
  if (rng.Chance(55)) {
    // A pre-2015 numeric organisation code.
    first16 += static_cast<char>('1' + rng.Below(7));
    for (int i = 0; i < 7; ++i) first16 += static_cast<char>('0' + rng.Below(10));
  } else {
    // A post-2015 code assigned by market regulation: "MA" and six characters.
    first16 += "MA";
    for (int i = 0; i < 6; ++i) first16 += kUsccAlphabet[rng.Below(kUsccAlphabet.size())];
  }
  return CompleteUscc(first16).value();  // first16 is 16 characters of the alphabet by construction
}

int64_t Revenue(Rng& rng) {
  // Tiers of annual revenue (yuan) and how many in a thousand fall in each: most above-scale
  // enterprises are just above the threshold, a few are very large.
  struct Tier {
    int weight;
    int64_t lo, hi;
  };
  static constexpr std::array<Tier, 6> kTiers{{{400, 20'000'000, 50'000'000},
                                               {250, 50'000'000, 100'000'000},
                                               {220, 100'000'000, 500'000'000},
                                               {95, 500'000'000, 2'000'000'000},
                                               {30, 2'000'000'000, 10'000'000'000},
                                               {5, 10'000'000'000, 40'000'000'000}}};
  std::array<int, kTiers.size()> weights{};
  for (size_t i = 0; i < kTiers.size(); ++i) weights[i] = kTiers[i].weight;
  const Tier& t = kTiers[rng.Weighted(weights)];
  return rng.Between(t.lo / 10'000, t.hi / 10'000) * 10'000;  // whole 万元
}

std::vector<std::string> Expertise(Rng& rng, const std::vector<int>& weights) {
  std::vector<std::string> out;
  size_t n = 1 + rng.Below(3);
  for (int guard = 0; out.size() < n && guard < 20; ++guard) {
    std::string code(kBaseIndustry[rng.Weighted(weights)].first);
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

DemoCity GenerateDemoCity(uint64_t seed) {
  Rng rng(seed);
  DemoCity city;
  const auto& specs = RegionSpecs();

  for (size_t i = 0; i < specs.size(); ++i) {
    const RegionSpec& s = specs[i];
    Region r{static_cast<int64_t>(i + 1), s.code, s.name, s.name_en, s.kind, std::nullopt};
    if (i > 0) r.parent_id = 1;
    city.regions.push_back(r);
  }

  int64_t dept_id = 0;
  for (const auto& d : DepartmentSpecs()) {
    city.departments.push_back({++dept_id, d.code, d.name, d.name_en, 1, d.categories});
  }

  // Enterprises, region by region.
  std::set<std::string> names, usccs;
  for (size_t ri = 1; ri < specs.size(); ++ri) {
    const RegionSpec& s = specs[ri];
    std::vector<int> weights = IndustryWeights(s);
    for (int k = 0; k < s.enterprises; ++k) {
      Enterprise e;
      e.id = static_cast<int64_t>(city.enterprises.size() + 1);
      e.region_id = static_cast<int64_t>(ri + 1);
      e.industry_code = std::string(kBaseIndustry[rng.Weighted(weights)].first);
      e.industry_section = std::string(1, *SectionOfDivision(e.industry_code));
      do {
        e.name = CompanyName(rng, s, e.industry_code);
      } while (!names.insert(e.name).second);
      do {
        e.uscc = Uscc(rng, s);
      } while (!usccs.insert(e.uscc).second);
      e.address = std::string("山东省淄博市") + s.name + std::string(rng.Pick(w::kRoadFirst)) +
                  std::string(rng.Pick(w::kRoadSecond)) + std::to_string(rng.Between(1, 999)) + "号";
      e.above_scale = true;
      e.annual_revenue = Revenue(rng);
      int64_t per_capita = rng.Between(300, 1500) * 1000;  // revenue per employee, yuan
      e.employees = std::max<int64_t>(20, e.annual_revenue / per_capita);
      e.contact_name = PersonName(rng);
      char phone[16];
      std::snprintf(phone, sizeof phone, "19900%06lld", static_cast<long long>(e.id));  // obviously fake
      e.contact_phone = phone;
      city.enterprises.push_back(std::move(e));
    }
  }

  // Key enterprises: the largest by revenue (ties: lower id first).
  std::vector<size_t> order(city.enterprises.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const auto &x = city.enterprises[a], &y = city.enterprises[b];
    return x.annual_revenue != y.annual_revenue ? x.annual_revenue > y.annual_revenue : x.id < y.id;
  });
  for (int i = 0; i < kDemoKeyEnterprises; ++i) city.enterprises[order[static_cast<size_t>(i)]].is_key = true;

  // Officials: city leaders, then each region's, with unique names.
  std::set<std::string> people;
  auto new_official = [&](Rank rank, int64_t region_id, std::string title, int capacity,
                          const std::vector<int>& weights) {
    Official o;
    o.id = static_cast<int64_t>(city.officials.size() + 1);
    do {
      o.name = PersonName(rng);
    } while (!people.insert(o.name).second);
    o.rank = rank;
    o.region_id = region_id;
    o.title = std::move(title);
    o.liaison_capacity = capacity;
    o.industries = Expertise(rng, weights);
    o.active_from = kActiveFrom;
    city.officials.push_back(std::move(o));
  };
  std::vector<int> city_weights = IndustryWeights(specs[0]);
  for (auto title : kCityTitles) new_official(Rank::kCity, 1, std::string(title), kCityCapacity, city_weights);
  for (size_t ri = 1; ri < specs.size(); ++ri) {
    const RegionSpec& s = specs[ri];
    // About 1.08 enterprises' worth of officials per 8 enterprises, so that ~300 liaisons serve
    // 2,000 enterprises; capacities vary, then are topped up so the region is fully coverable.
    size_t n = static_cast<size_t>((s.enterprises * 108 + 799) / 800);
    std::vector<int> weights = IndustryWeights(s);
    std::vector<std::string> titles = DistrictTitles(s, n);
    size_t first = city.officials.size();
    int total = 0;
    // No official below the region's average: then an assignment whose loads differ by at most
    // one always fits (the liaison issue's balance rule).
    const int floor_capacity = static_cast<int>((s.enterprises + n - 1) / n);
    for (size_t k = 0; k < n; ++k) {
      int capacity = std::max(floor_capacity,
                              static_cast<int>(rng.Between(kDistrictCapacityMin, kDistrictCapacityMax)));
      total += capacity;
      new_official(Rank::kDistrict, static_cast<int64_t>(ri + 1), titles[k], capacity, weights);
    }
    for (size_t k = 0; total < s.enterprises; k = (k + 1) % n, ++total) {
      ++city.officials[first + k].liaison_capacity;
    }
  }

  // A few declared conflicts of interest: city leaders with key enterprises, district officials
  // with enterprises of their own region.
  std::set<int64_t> conflicted;
  while (static_cast<int>(conflicted.size()) < kConflicts) {
    Official& o = city.officials[rng.Below(city.officials.size())];
    if (!conflicted.insert(o.id).second) continue;
    std::vector<int64_t> candidates;
    for (const auto& e : city.enterprises) {
      if (o.rank == Rank::kCity ? e.is_key : e.region_id == o.region_id) candidates.push_back(e.id);
    }
    o.conflicts.push_back({candidates[rng.Below(candidates.size())], std::string(rng.Pick(w::kConflictReasons))});
  }
  return city;
}

std::string Digest(const DemoCity& city) {
  std::string s;
  auto field = [&](std::string_view v) {
    s += v;
    s += '\x1f';
  };
  auto num = [&](int64_t v) { field(std::to_string(v)); };
  auto opt = [&](const std::optional<int64_t>& v) { field(v ? std::to_string(*v) : "-"); };
  auto date = [&](const std::optional<Date>& d) {
    field(d ? std::to_string(static_cast<int>(d->year())) + "-" + std::to_string(static_cast<unsigned>(d->month())) +
                  "-" + std::to_string(static_cast<unsigned>(d->day()))
            : "-");
  };
  for (const auto& r : city.regions) {
    num(r.id), field(r.code), field(r.name), field(r.name_en), field(Name(r.kind)), opt(r.parent_id), s += '\n';
  }
  for (const auto& d : city.departments) {
    num(d.id), field(d.code), field(d.name), field(d.name_en), num(d.region_id);
    for (auto c : d.categories) field(Name(c));
    s += '\n';
  }
  for (const auto& o : city.officials) {
    num(o.id), field(o.name), field(Name(o.rank)), num(o.region_id), opt(o.department_id), field(o.title);
    num(o.liaison_capacity);
    for (const auto& i : o.industries) field(i);
    for (const auto& c : o.conflicts) num(c.enterprise_id), field(c.reason);
    date(o.active_from), date(o.active_to), s += '\n';
  }
  for (const auto& e : city.enterprises) {
    num(e.id), field(e.uscc), field(e.name), num(e.region_id), field(e.address), field(e.industry_code);
    field(e.industry_section), num(e.above_scale), num(e.is_key), num(e.employees), num(e.annual_revenue);
    field(e.contact_name), field(e.contact_phone), s += '\n';
  }
  uint64_t h = 14695981039346656037ull;  // FNV-1a 64
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

std::vector<DemoUser> DemoUsers(const DemoCity& city) {
  std::vector<DemoUser> users;
  users.push_back({"admin", "系统管理员", "admin", {}, {}, {}, {}});
  users.push_back({"dispatcher", "营商环境办派单员", "dispatcher", {}, {}, {}, {}});
  // The mayor (市长) is the city leader.
  const Official& mayor = city.officials[1];
  users.push_back({"leader", mayor.name + "（" + mayor.title + "）", "leader", mayor.id, {}, {}, {}});
  // 张店区: its first official is the district's Party secretary; the fourth a liaison.
  const Region& zhangdian = city.regions[2];
  std::vector<const Official*> local;
  for (const auto& o : city.officials) {
    if (o.region_id == zhangdian.id) local.push_back(&o);
  }
  users.push_back({"district_leader", local[0]->name + "（" + local[0]->title + "）", "leader", local[0]->id, {}, {},
                   zhangdian.id});
  users.push_back({"liaison", local[3]->name + "（" + local[3]->title + "）", "liaison", local[3]->id, {}, {}, {}});
  const Department& miit = city.departments[1];  // 工信局
  users.push_back({"handler", miit.name + "承办人", "handler", {}, miit.id, {}, {}});
  const Enterprise& first = city.enterprises[0];
  users.push_back({"enterprise", first.contact_name + "（" + first.name + "）", "enterprise", {}, {}, first.id, {}});
  return users;
}

}  // namespace zhitong::directory
