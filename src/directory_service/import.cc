// DirectoryService imports: every row checked first, row-by-row bilingual errors, and then all
// rows in one transaction, or nothing at all.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "access/audit.h"
#include "directory/validate.h"
#include "directory_service/columns.h"
#include "directory_service/directory_service.h"
#include "directory_service/json.h"
#include "directory_service/rules.h"
#include "directory_service/scope.h"
#include "directory_service/store.h"

namespace zhitong::directory_service {

using storage::Tx;
namespace d = directory;

namespace {

constexpr int64_t kProgressEvery = 250;

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(ws) - b + 1));
}

bool BlankRow(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return Trim(c).empty(); });
}

// Where each known column is in the file, and its header as written there.
struct Header {
  std::span<const Column> columns;
  std::map<std::string_view, size_t> index;
  std::map<std::string_view, std::string> written;

  std::string Label(std::string_view key) const {
    if (auto it = written.find(key); it != written.end()) return it->second;
    for (const auto& c : columns) {
      if (c.key == key) return std::string(c.zh);
    }
    return std::string(key);
  }
};

Header ReadHeader(std::span<const Column> columns, const std::vector<std::string>& cells,
                  std::vector<RowError>& errors) {
  Header h{columns, {}, {}};
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string name = Trim(cells[i]);
    if (name.empty()) continue;
    auto key = MatchColumn(columns, name);
    if (!key) {
      errors.push_back({1, name, fmt::format("unknown column \"{}\"", name), fmt::format("无法识别的列“{}”", name)});
    } else if (h.index.count(*key)) {
      errors.push_back({1, name, fmt::format("column \"{}\" appears twice", name), fmt::format("列“{}”重复", name)});
    } else {
      h.index[*key] = i;
      h.written[*key] = name;
    }
  }
  for (const auto& c : columns) {
    if (c.required && !h.index.count(c.key)) {
      errors.push_back({1, std::string(c.zh), fmt::format("the required column {} ({}) is missing", c.zh, c.en),
                        fmt::format("缺少必填列“{}”", c.zh)});
    }
  }
  return h;
}

// Typed reading of one data row, collecting every problem.
class RowReader {
 public:
  RowReader(const Header& h, const std::vector<std::string>& cells, int64_t row, std::vector<RowError>& errors)
      : h_(h), cells_(cells), row_(row), errors_(errors) {}

  bool Has(std::string_view key) const { return !Text(key).empty(); }
  std::string Text(std::string_view key) const {
    auto it = h_.index.find(key);
    if (it == h_.index.end() || it->second >= cells_.size()) return "";
    return Trim(cells_[it->second]);
  }
  void Fail(std::string_view key, std::string en, std::string zh) {
    failed_.insert(std::string(key));
    errors_.push_back({row_, h_.Label(key), std::move(en), std::move(zh)});
  }
  int64_t Int(std::string_view key) {
    std::string t = Text(key);
    if (t.empty()) return 0;
    t.erase(std::remove(t.begin(), t.end(), ','), t.end());
    if (auto dot = t.find('.'); dot != std::string::npos && t.find_first_not_of('0', dot + 1) == std::string::npos) {
      t.resize(dot);  // "12000000.00" from a spreadsheet
    }
    int64_t v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size()) {
      Fail(key, fmt::format("\"{}\" is not a whole number", Text(key)), fmt::format("“{}”不是整数", Text(key)));
      return 0;
    }
    return v;
  }
  bool Bool(std::string_view key) {
    std::string t = Text(key);
    for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const std::set<std::string> yes = {"是", "1", "y", "yes", "true", "√", "✓"};
    static const std::set<std::string> no = {"", "否", "0", "n", "no", "false", "×"};
    if (yes.count(t)) return true;
    if (!no.count(t)) Fail(key, fmt::format("\"{}\" is not yes or no", Text(key)), fmt::format("“{}”应为是或否", Text(key)));
    return false;
  }
  std::optional<d::Date> Date(std::string_view key) {
    std::string t = Text(key);
    if (t.empty()) return std::nullopt;
    std::replace(t.begin(), t.end(), '/', '-');
    std::replace(t.begin(), t.end(), '.', '-');
    int serial = 0;
    if (auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), serial);
        ec == std::errc() && p == t.data() + t.size() && serial > 0 && serial < 100000) {
      // An Excel serial date: days since 1899-12-30.
      return d::Date{std::chrono::sys_days{std::chrono::year{1899} / 12 / 30} + std::chrono::days{serial}};
    }
    int y = 0, m = 0, day = 0;
    if (std::sscanf(t.c_str(), "%d-%d-%d", &y, &m, &day) == 3) {
      d::Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                   std::chrono::day{static_cast<unsigned>(day)}};
      if (date.ok()) return date;
    }
    Fail(key, fmt::format("\"{}\" is not a date (YYYY-MM-DD)", Text(key)),
         fmt::format("“{}”不是有效日期（应为 年-月-日）", Text(key)));
    return std::nullopt;
  }
  // Field errors of the validator, reported against the columns they come from, except for
  // columns already reported while reading (an unreadable date is not also "invalid").
  void AddFieldErrors(const std::vector<FieldError>& fields) {
    for (const auto& f : fields) {
      std::string key = f.field.substr(0, f.field.find('['));
      if (key == "region_id") key = "region";
      if (key == "department_id") key = "department";
      if (key == "industry_section") key = "industry_code";
      if (failed_.count(key)) continue;
      auto it = std::find_if(h_.columns.begin(), h_.columns.end(), [&](const Column& c) { return c.key == key; });
      Fail(it == h_.columns.end() ? std::string_view() : it->key, f.message, f.message_zh);
    }
  }

 private:
  const Header& h_;
  const std::vector<std::string>& cells_;
  int64_t row_;
  std::vector<RowError>& errors_;
  std::set<std::string> failed_;  // keys of the columns with an error in this row
};

// Regions by name, English name and code.
std::map<std::string, int64_t> RegionIndex(const std::vector<Versioned<d::Region>>& regions) {
  std::map<std::string, int64_t> out;
  for (const auto& r : regions) {
    out[r.value.name] = r.value.id;
    out[r.value.code] = r.value.id;
    if (!r.value.name_en.empty()) out[r.value.name_en] = r.value.id;
  }
  return out;
}

std::optional<int64_t> LookUpRegion(RowReader& in, const std::map<std::string, int64_t>& regions) {
  const std::string text = in.Text("region");
  if (text.empty()) return std::nullopt;  // the validator reports the missing region
  if (auto it = regions.find(text); it != regions.end()) return it->second;
  in.Fail("region", fmt::format("there is no region \"{}\" (give its name or 6-digit code)", text),
          fmt::format("区域“{}”不存在（请填写区县名称或6位区划代码）", text));
  return std::nullopt;
}

bool SameEnterprise(const d::Enterprise& a, const d::Enterprise& b) {
  return a.uscc == b.uscc && a.name == b.name && a.region_id == b.region_id && a.address == b.address &&
         a.industry_code == b.industry_code && a.above_scale == b.above_scale && a.is_key == b.is_key &&
         a.employees == b.employees && a.annual_revenue == b.annual_revenue && a.contact_name == b.contact_name &&
         a.contact_phone == b.contact_phone;
}

bool SameOfficial(const d::Official& a, const d::Official& b) {
  return a.name == b.name && a.rank == b.rank && a.region_id == b.region_id && a.department_id == b.department_id &&
         a.title == b.title && a.liaison_capacity == b.liaison_capacity && a.industries == b.industries &&
         a.active_from == b.active_from && a.active_to == b.active_to;
}

template <class T>
struct Planned {
  int64_t row = 0;
  T value;
  std::optional<Versioned<T>> before;  // set when the row updates a stored entity
};

void Tick(const Progress& progress, int64_t done, int64_t total) {
  if (progress && (done % kProgressEvery == 0 || done == total)) progress(done, total);
}

// Reads and checks every row; fills report.errors and returns what would be written.
Result<std::vector<Planned<d::Enterprise>>> PlanEnterprises(Tx& tx, const Table& table, ImportReport& report,
                                                            const Progress& progress) {
  std::vector<Planned<d::Enterprise>> plan;
  if (table.empty()) {
    report.errors.push_back({1, "", "the file is empty", "文件为空"});
    return plan;
  }
  Header h = ReadHeader(EnterpriseColumns(), table[0], report.errors);
  if (!report.errors.empty()) return plan;
  ZT_ASSIGN_OR_RETURN(auto regions, store::AllRegions(tx));
  const auto region_index = RegionIndex(regions);
  std::map<std::string, EnterpriseView> stored;
  ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(store::kEnterpriseSelect), {}));
  for (auto row : rows) {
    EnterpriseView v = store::EnterpriseFromRow(row);
    stored.emplace(v.enterprise.uscc, std::move(v));
  }
  std::map<std::string, int64_t> seen;  // USCC → row in this file
  const int64_t total = static_cast<int64_t>(table.size()) - 1;
  for (size_t i = 1; i < table.size(); ++i) {
    Tick(progress, static_cast<int64_t>(i), total * 2);
    if (BlankRow(table[i])) continue;
    ++report.rows;
    const int64_t row = static_cast<int64_t>(i) + 1;
    RowReader in(h, table[i], row, report.errors);
    d::Enterprise e;
    e.uscc = in.Text("uscc");
    e.name = in.Text("name");
    e.region_id = LookUpRegion(in, region_index).value_or(0);
    e.address = in.Text("address");
    e.industry_code = in.Text("industry_code");
    e.above_scale = in.Bool("above_scale");
    e.is_key = in.Bool("is_key");
    e.employees = in.Int("employees");
    e.annual_revenue = in.Int("annual_revenue");
    e.contact_name = in.Text("contact_name");
    e.contact_phone = in.Text("contact_phone");
    NormalizeEnterprise(e);
    in.AddFieldErrors(d::ValidateEnterprise(e));
    if (!e.uscc.empty()) {
      auto [it, fresh] = seen.emplace(e.uscc, row);
      if (!fresh) {
        in.Fail("uscc", fmt::format("the USCC {} is also in row {}", e.uscc, it->second),
                fmt::format("统一社会信用代码 {} 与第 {} 行重复", e.uscc, it->second));
      }
    }
    Planned<d::Enterprise> p{row, e, std::nullopt};
    if (auto it = stored.find(e.uscc); it != stored.end()) {
      p.value.id = it->second.enterprise.id;
      p.before = Versioned<d::Enterprise>{it->second.enterprise, it->second.version};
    }
    plan.push_back(std::move(p));
  }
  return plan;
}

}  // namespace

Result<ImportReport> DirectoryService::ImportEnterprises(const access::Actor& actor, const Table& table, bool dry_run,
                                                         const Progress& progress) {
  ZT_TRY(RequireDirectoryWriter(actor));
  ImportReport report;
  report.entity = "enterprise";
  report.dry_run = dry_run;
  const Instant now = clock_.Now();
  auto run = [&](Tx& tx) -> Result<void> {
    report.errors.clear();
    report.rows = report.created = report.updated = report.unchanged = 0;
    ZT_ASSIGN_OR_RETURN(auto plan, PlanEnterprises(tx, table, report, progress));
    if (!report.errors.empty()) return Ok();
    std::map<int64_t, std::string> region_names;
    ZT_ASSIGN_OR_RETURN(auto regions, store::AllRegions(tx));
    for (const auto& r : regions) region_names[r.value.id] = r.value.name;
    const int64_t total = static_cast<int64_t>(table.size()) - 1;
    int64_t done = 0;
    for (auto& p : plan) {
      Tick(progress, total + ++done, total * 2);
      if (p.before && SameEnterprise(p.before->value, p.value)) {
        ++report.unchanged;
        continue;
      }
      if (dry_run) {
        ++(p.before ? report.updated : report.created);
        continue;
      }
      // The audit's after-image is built here rather than read back: one statement less per row.
      if (p.before) {
        ZT_TRY(store::UpdateEnterprise(tx, p.value, p.before->version, now));
        EnterpriseView before{p.before->value, p.before->version, region_names.at(p.before->value.region_id), false};
        EnterpriseView after{p.value, p.before->version + 1, region_names.at(p.value.region_id), false};
        ZT_TRY(access::RecordAudit(tx, actor, now, "import", "enterprise", std::to_string(p.value.id),
                                   ToJson(before), ToJson(after)));
        ++report.updated;
      } else {
        ZT_ASSIGN_OR_RETURN(p.value.id, store::InsertEnterprise(tx, p.value, now));
        EnterpriseView after{p.value, 1, region_names.at(p.value.region_id), false};
        ZT_TRY(access::RecordAudit(tx, actor, now, "import", "enterprise", std::to_string(p.value.id), nullptr,
                                   ToJson(after)));
        ++report.created;
      }
    }
    if (!dry_run) {
      report.committed = true;
      ZT_TRY(access::RecordAudit(tx, actor, now, "import", "enterprise_import", "", nullptr, ToJson(report)));
    }
    return Ok();
  };
  auto st = dry_run ? db_.Read(run) : db_.Write(run);
  if (!st) {
    report.committed = false;
    return TranslateStorageError(st.error(), "enterprise");
  }
  return report;
}

namespace {

std::vector<std::string> SplitList(const std::string& text) {
  std::string t = text;
  for (std::string_view sep : {"、", "，", "；"}) {
    for (size_t p; (p = t.find(sep)) != std::string::npos;) t.replace(p, sep.size(), ",");
  }
  std::replace_if(t.begin(), t.end(), [](char c) { return c == ';' || c == ' ' || c == '/'; }, ',');
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= t.size()) {
    size_t comma = std::min(t.find(',', start), t.size());
    if (comma > start) out.push_back(t.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::optional<d::Rank> ParseRankText(const std::string& t) {
  if (t == "市级" || t == "市" || t == "city" || t == "City") return d::Rank::kCity;
  if (t == "区县级" || t == "区县" || t == "区级" || t == "县级" || t == "district" || t == "District") {
    return d::Rank::kDistrict;
  }
  return std::nullopt;
}

}  // namespace

Result<ImportReport> DirectoryService::ImportOfficials(const access::Actor& actor, const Table& table, bool dry_run,
                                                       const Progress& progress) {
  ZT_TRY(RequireDirectoryWriter(actor));
  ImportReport report;
  report.entity = "official";
  report.dry_run = dry_run;
  const Instant now = clock_.Now();
  auto run = [&](Tx& tx) -> Result<void> {
    report.errors.clear();
    report.rows = report.created = report.updated = report.unchanged = 0;
    if (table.empty()) {
      report.errors.push_back({1, "", "the file is empty", "文件为空"});
      return Ok();
    }
    Header h = ReadHeader(OfficialColumns(), table[0], report.errors);
    if (!report.errors.empty()) return Ok();
    ZT_ASSIGN_OR_RETURN(auto regions, store::AllRegions(tx));
    const auto region_index = RegionIndex(regions);
    std::map<int64_t, d::RegionKind> kinds;
    for (const auto& r : regions) kinds[r.value.id] = r.value.kind;
    ZT_ASSIGN_OR_RETURN(auto departments, store::Departments(tx, std::nullopt));
    std::map<std::string, int64_t> department_index;
    for (const auto& dep : departments) {
      department_index[dep.value.code] = dep.value.id;
      department_index[dep.value.name] = dep.value.id;
    }
    std::vector<Planned<d::Official>> plan;
    const int64_t total = static_cast<int64_t>(table.size()) - 1;
    for (size_t i = 1; i < table.size(); ++i) {
      Tick(progress, static_cast<int64_t>(i), total * 2);
      if (BlankRow(table[i])) continue;
      ++report.rows;
      const int64_t row = static_cast<int64_t>(i) + 1;
      RowReader in(h, table[i], row, report.errors);
      d::Official o;
      Planned<d::Official> p{row, {}, std::nullopt};
      if (in.Has("id")) {
        const int64_t id = in.Int("id");
        ZT_ASSIGN_OR_RETURN(p.before, store::FindOfficial(tx, id));
        if (!p.before) {
          in.Fail("id", fmt::format("there is no official {}", id), fmt::format("干部（编号 {}）不存在", id));
        } else {
          o = p.before->value;
        }
      }
      o.name = in.Text("name");
      if (auto rank = ParseRankText(in.Text("rank"))) {
        o.rank = *rank;
      } else {
        in.Fail("rank", fmt::format("\"{}\" is not a rank (市级 or 区县级)", in.Text("rank")),
                fmt::format("级别“{}”应为市级或区县级", in.Text("rank")));
      }
      o.region_id = LookUpRegion(in, region_index).value_or(0);
      o.department_id.reset();
      if (in.Has("department")) {
        auto it = department_index.find(in.Text("department"));
        if (it == department_index.end()) {
          in.Fail("department", fmt::format("there is no department \"{}\"", in.Text("department")),
                  fmt::format("部门“{}”不存在", in.Text("department")));
        } else {
          o.department_id = it->second;
        }
      }
      o.title = in.Text("title");
      o.liaison_capacity = static_cast<int>(std::clamp<int64_t>(in.Int("liaison_capacity"), -1, 1'000'000));
      o.industries = SplitList(in.Text("industries"));
      if (auto from = in.Date("active_from")) o.active_from = *from;
      o.active_to = in.Date("active_to");
      NormalizeOfficial(o);
      std::optional<d::RegionKind> kind;
      if (auto it = kinds.find(o.region_id); it != kinds.end()) kind = it->second;
      in.AddFieldErrors(d::ValidateOfficial(o, kind));
      p.value = std::move(o);
      plan.push_back(std::move(p));
    }
    if (!report.errors.empty()) return Ok();
    int64_t done = 0;
    for (auto& p : plan) {
      Tick(progress, total + ++done, total * 2);
      if (p.before && SameOfficial(p.before->value, p.value)) {
        ++report.unchanged;
        continue;
      }
      if (dry_run) {
        ++(p.before ? report.updated : report.created);
        continue;
      }
      if (p.before) {
        ZT_TRY(store::UpdateOfficial(tx, p.value, p.before->version, now));
        ZT_ASSIGN_OR_RETURN(auto after, store::FindOfficial(tx, p.value.id));
        ZT_TRY(access::RecordAudit(tx, actor, now, "import", "official", std::to_string(p.value.id),
                                   ToJson(*p.before), ToJson(*after)));
        ++report.updated;
      } else {
        ZT_ASSIGN_OR_RETURN(int64_t id, store::InsertOfficial(tx, p.value, now));
        ZT_ASSIGN_OR_RETURN(auto after, store::FindOfficial(tx, id));
        ZT_TRY(access::RecordAudit(tx, actor, now, "import", "official", std::to_string(id), nullptr, ToJson(*after)));
        ++report.created;
      }
    }
    if (!dry_run) {
      report.committed = true;
      ZT_TRY(access::RecordAudit(tx, actor, now, "import", "official_import", "", nullptr, ToJson(report)));
    }
    return Ok();
  };
  auto st = dry_run ? db_.Read(run) : db_.Write(run);
  if (!st) {
    report.committed = false;
    return TranslateStorageError(st.error(), "official");
  }
  return report;
}

}  // namespace zhitong::directory_service
