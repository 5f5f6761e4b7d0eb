#include "results_service/generator.h"

#include <array>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "requests/state_machine.h"
#include "requests_service/deadlines.h"
#include "requests_service/search_index.h"
#include "requests_service/snapshot.h"
#include "results/definitions.h"
#include "results/ledger.h"
#include "results_service/aggregate_store.h"

namespace zhitong::results_service {
namespace {

using requests::Action;
using requests::Command;
using requests::RatingLevel;
using requests::Request;
using requests::Role;
using requests::Status;
using storage::Tx;
using storage::Value;

// Problems enterprises raise, per category (a few each, so that hot issues form).
const std::map<std::string, std::vector<std::string>> kProblems = {
    {"labour", {"技术工人招工难，熟练工招不到", "社保缴费基数调整咨询", "职业技能培训补贴申领慢", "外地员工子女入学难"}},
    {"finance", {"中小企业贷款审批时间太长", "应急转贷资金申请流程咨询", "银行抽贷压贷导致资金紧张", "融资担保费率偏高"}},
    {"land", {"项目用地指标不足，迟迟无法供地", "厂房不动产权证办理慢", "规划调整影响扩建"}},
    {"environment", {"环评审批周期长影响开工", "排污许可证续期材料咨询", "重污染天气停限产标准不清"}},
    {"power", {"工业园区供电线路老化，经常跳闸停电", "申请增容报装进度慢", "电价优惠政策落实咨询"}},
    {"tax", {"出口退税办理慢，资金占用多", "研发费用加计扣除政策咨询", "增值税留抵退税到账慢"}},
    {"market_access", {"经营范围变更登记材料多", "食品生产许可证办理周期长", "跨区迁移登记手续繁琐"}},
    {"technology", {"高新技术企业认定辅导需求", "科技项目资金拨付慢", "专利转化对接需求"}},
    {"transport", {"园区道路破损，货车通行困难", "危化品运输车辆通行证办理难", "公交线路未覆盖园区，员工通勤难"}},
    {"safety", {"安全生产检查过于频繁，影响生产", "消防验收标准不一致", "安全评价报告费用高"}},
    {"approvals", {"施工许可审批材料重复提交", "联合验收时间长", "审批事项线上线下要求不一致"}},
    {"other", {"希望组织政企座谈会", "企业用餐配套不足", "周边治安需要加强"}},
};
const char* kPrefixes[] = {"我公司", "我厂", "园区内", "近期", "我单位", ""};
const char* kSuffixes[] = {"，请协调解决。", "，希望尽快处理。", "，影响正常生产经营。", "，已多次反映。", "。"};

struct Directory {
  struct Enterprise {
    int64_t id = 0;
    int64_t region_id = 0;
    int64_t user_id = 0;
    std::optional<int64_t> liaison;
  };
  std::vector<Enterprise> enterprises;
  std::vector<int64_t> departments;
  std::map<int64_t, int64_t> handler_of;  // department → a handler user (else the fallback)
  int64_t fallback_user = 0;
  struct Category {
    std::string code;
    std::optional<int64_t> department;
    requests_service::DeadlinePolicy policy;
  };
  std::vector<Category> categories;
  int64_t next_id = 1;
};

Result<Directory> LoadDirectory(Tx& tx) {
  Directory d;
  ZT_ASSIGN_OR_RETURN(auto users, tx.Query(storage::Sql("SELECT id, role, department_id, enterprise_id FROM users ORDER BY id")));
  std::map<int64_t, int64_t> user_of;
  for (size_t i = 0; i < users.size(); ++i) {
    const int64_t id = users[i].i64("id");
    if (d.fallback_user == 0) d.fallback_user = id;
    if (auto e = users[i].opt_i64("enterprise_id")) user_of.emplace(*e, id);
    if (auto dep = users[i].opt_i64("department_id"); dep && users[i].text("role") == "handler") d.handler_of.emplace(*dep, id);
  }
  if (d.fallback_user == 0) {
    return Error::Invalid("generate.no_directory", "there are no users: load a directory first (zhitong demo)",
                          "没有用户：请先载入名录（zhitong demo）");
  }
  ZT_ASSIGN_OR_RETURN(auto liaisons, tx.Query(storage::Sql(
                                         "SELECT enterprise_id, MIN(official_id) AS official_id FROM liaison_assignments"
                                         " WHERE ended_at IS NULL GROUP BY enterprise_id")));
  std::map<int64_t, int64_t> liaison_of;
  for (size_t i = 0; i < liaisons.size(); ++i) liaison_of[liaisons[i].i64("enterprise_id")] = liaisons[i].i64("official_id");
  ZT_ASSIGN_OR_RETURN(auto ents, tx.Query(storage::Sql("SELECT id, region_id FROM enterprises ORDER BY id")));
  for (size_t i = 0; i < ents.size(); ++i) {
    Directory::Enterprise e;
    e.id = ents[i].i64("id");
    e.region_id = ents[i].i64("region_id");
    auto u = user_of.find(e.id);
    e.user_id = u == user_of.end() ? d.fallback_user : u->second;
    if (auto l = liaison_of.find(e.id); l != liaison_of.end()) e.liaison = l->second;
    d.enterprises.push_back(e);
  }
  ZT_ASSIGN_OR_RETURN(auto depts, tx.Query(storage::Sql("SELECT id FROM departments ORDER BY id")));
  for (size_t i = 0; i < depts.size(); ++i) d.departments.push_back(depts[i].i64("id"));
  if (d.enterprises.empty() || d.departments.empty()) {
    return Error::Invalid("generate.no_directory",
                          "the directory has no enterprises or no departments: load one first (zhitong demo)",
                          "名录中没有企业或部门：请先载入名录（zhitong demo）");
  }
  ZT_ASSIGN_OR_RETURN(auto cats, tx.Query(storage::Sql(
                                     "SELECT code, department_id, reply_days, urgent_hours FROM categories WHERE active = 1"
                                     " ORDER BY sort_order, code")));
  for (size_t i = 0; i < cats.size(); ++i) {
    d.categories.push_back({cats[i].text("code"), cats[i].opt_i64("department_id"),
                            {static_cast<int>(cats[i].i64("reply_days")), static_cast<int>(cats[i].i64("urgent_hours"))}});
  }
  ZT_ASSIGN_OR_RETURN(auto max, tx.Query(storage::Sql("SELECT COALESCE(MAX(id), 0) AS n FROM requests")));
  d.next_id = max[0].i64("n") + 1;
  return d;
}

// A request open for merging into: the latest of its category.
struct OpenTarget {
  std::string id;
  Instant submitted_at{};
  Instant open_until{};
};

// One request carried through the domain by the random script.
class Script {
 public:
  Script(std::mt19937_64& rng, const calendar::WorkingCalendar& cal, const requests_service::DeadlinePolicy& policy,
         Instant end, results::RequestUnits units, results::Ledger& ledger)
      : rng_(rng), cal_(cal), policy_(policy), end_(end), units_(std::move(units)), ledger_(ledger) {}

  bool Submit(const requests::NewRequest& n, const requests::Actor& by, Instant at) {
    auto e = requests::Submit(n, by, at);
    if (!e) return false;
    t_ = at;
    state_ = requests::Apply({}, *e);
    ledger_.Add(results::Contributions(results::Step{nullptr, &*e, &state_, {}, units_}));
    events_.push_back(std::move(*e));
    return true;
  }
  // Carries out c after `hours`; false (and nothing changes) when that is past the end or refused.
  bool Do(Command c, const requests::Actor& by, double hours) {
    if (stopped_) return false;
    const Instant at = t_ + std::chrono::milliseconds(static_cast<int64_t>(hours * 3'600'000));
    if (at > end_) {
      stopped_ = true;
      return false;
    }
    c.expected_version = state_.version;
    auto events = requests::Decide(state_, c, by, at);
    if (!events) return false;
    t_ = at;
    for (auto& e : *events) {
      auto d = requests_service::ComputeDeadlines(cal_, state_, policy_, e.at);
      results::Dues dues;
      if (d) dues = results::Dues{d->sign_due, d->reply_due};
      Request next = requests::Apply(state_, e);
      ledger_.Add(results::Contributions(results::Step{&state_, &e, &next, dues, units_}));
      state_ = std::move(next);
      events_.push_back(std::move(e));
    }
    return true;
  }
  double Uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
  bool Chance(double p) { return Uniform(0, 1) < p; }

  const Request& state() const { return state_; }
  std::vector<requests::Event>& events() { return events_; }
  Instant now() const { return t_; }

 private:
  std::mt19937_64& rng_;
  const calendar::WorkingCalendar& cal_;
  requests_service::DeadlinePolicy policy_;
  Instant end_;
  results::RequestUnits units_;
  results::Ledger& ledger_;
  Request state_;
  std::vector<requests::Event> events_;
  Instant t_{};
  bool stopped_ = false;
};

Command Cmd(Action a, std::string note = "") {
  Command c;
  c.action = a;
  c.note = std::move(note);
  return c;
}
Command ToDept(Action a, int64_t dept) {
  Command c = Cmd(a, a == Action::kTransfer ? "不属于本部门职责，转有关部门办理" : "");
  c.department = std::to_string(dept);
  return c;
}
Command Rated(Action a, RatingLevel level) {
  Command c = Cmd(a);
  c.rating = level;
  return c;
}

RatingLevel RandomRating(Script& s) {
  const double x = s.Uniform(0, 1);
  if (x < 0.50) return RatingLevel::kVerySatisfied;
  if (x < 0.78) return RatingLevel::kSatisfied;
  if (x < 0.90) return RatingLevel::kBasicallySatisfied;
  if (x < 0.97) return RatingLevel::kDissatisfied;
  return RatingLevel::kVeryDissatisfied;
}

// The handling of one request after its submission.
void Play(Script& s, const Directory& dir, const Directory::Category& cat, const requests::Actor& requester,
          std::optional<OpenTarget>& merge_candidate, std::mt19937_64& rng) {
  const requests::Actor dispatcher{std::to_string(dir.fallback_user), Role::kDispatcher, std::nullopt, std::nullopt};
  const requests::Actor admin{std::to_string(dir.fallback_user), Role::kAdmin, std::nullopt, std::nullopt};
  const requests::Actor system{"0", Role::kSystem, std::nullopt, std::nullopt};
  auto handler = [&](const Request& r) {
    const int64_t dept = std::stoll(r.handling_department.value_or("0"));
    auto it = dir.handler_of.find(dept);
    return requests::Actor{std::to_string(it == dir.handler_of.end() ? dir.fallback_user : it->second), Role::kHandler,
                           r.handling_department, std::nullopt};
  };
  auto other_department = [&](int64_t not_this) {
    if (dir.departments.size() < 2) return not_this;
    int64_t d = not_this;
    while (d == not_this) d = dir.departments[rng() % dir.departments.size()];
    return d;
  };

  if (s.Chance(0.02)) {
    s.Do(Cmd(Action::kWithdraw), requester, s.Uniform(0.5, 12));
    return;
  }
  if (merge_candidate && s.Chance(0.03)) {
    Command m = Cmd(Action::kMerge);
    const Instant at = s.now() + std::chrono::hours(2);
    if (merge_candidate->open_until > at) {
      m.merge_target = requests::MergeTarget{merge_candidate->id, Status::kInProgress, merge_candidate->submitted_at};
      if (s.Do(m, dispatcher, 2)) return;
    }
  }
  if (!s.Do(Cmd(Action::kAccept), dispatcher, s.Uniform(0.2, 6))) return;
  const int64_t first = cat.department.value_or(dir.departments[rng() % dir.departments.size()]);
  if (!s.Do(ToDept(Action::kRoute, first), dispatcher, s.Uniform(0.1, 3))) return;
  if (s.Chance(0.07) && !s.Do(ToDept(Action::kTransfer, other_department(first)), handler(s.state()), s.Uniform(1, 30))) {
    return;
  }
  if (!s.Do(Cmd(Action::kSign), handler(s.state()), s.Chance(0.85) ? s.Uniform(0.3, 20) : s.Uniform(24, 90))) return;
  if (s.Chance(0.04)) {
    const int64_t now_dept = std::stoll(s.state().handling_department.value_or("0"));
    if (!s.Do(ToDept(Action::kTransfer, other_department(now_dept)), handler(s.state()), s.Uniform(2, 48))) return;
    if (!s.Do(Cmd(Action::kSign), handler(s.state()), s.Uniform(0.5, 30))) return;
  }
  if (s.Chance(0.3)) {
    if (!s.Do(Cmd(Action::kStart), handler(s.state()), s.Uniform(0.5, 10))) return;
    if (s.Chance(0.25)) {
      if (!s.Do(Cmd(Action::kRequestInfo, "请补充相关材料"), handler(s.state()), s.Uniform(2, 48))) return;
      if (!s.Do(Cmd(Action::kSupplyInfo), requester, s.Uniform(4, 96))) return;
    }
  }
  if (!s.Do(Cmd(Action::kReply, "已协调有关方面办理，答复如下。"), handler(s.state()), s.Uniform(4, 24 * 12))) return;
  for (int round = 0; round < 2; ++round) {
    if (s.Chance(0.12)) {
      if (!s.Do(Cmd(Action::kAutoClose), system, 24 * 10)) return;
    } else {
      const RatingLevel level = RandomRating(s);
      if (!s.Do(Rated(Action::kRate, level), requester, s.Uniform(2, 96))) return;
      if (requests::IsBad(level)) {
        if (s.Chance(0.35)) {
          if (!s.Do(Cmd(Action::kAppeal, "诉求超出本部门职责范围"), handler(s.state()), s.Uniform(2, 48))) return;
          Command decide = Cmd(Action::kDecideAppeal, "经核查");
          decide.upheld = s.Chance(0.5);
          if (!s.Do(decide, admin, s.Uniform(24, 120))) return;
        }
        if (s.state().status == Status::kReplied) {
          if (!s.Do(Cmd(Action::kRectify, "已整改"), handler(s.state()), s.Uniform(24, 120))) return;
          const RatingLevel answer = s.Chance(0.7) ? RatingLevel::kSatisfied : RatingLevel::kDissatisfied;
          if (!s.Do(Rated(Action::kRevisit, answer), requester, s.Uniform(24, 72))) return;
        }
      }
    }
    if (round == 1 || !s.Chance(0.04)) return;
    if (!s.Do(Cmd(Action::kReopen, "问题仍未解决"), requester, s.Uniform(24, 24 * 20))) return;
    if (!s.Do(Cmd(Action::kSign), handler(s.state()), s.Uniform(0.5, 30))) return;
    if (!s.Do(Cmd(Action::kReply, "再次办理答复"), handler(s.state()), s.Uniform(4, 24 * 8))) return;
  }
}

std::optional<int64_t> Id(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  return std::stoll(*text);
}
Value Ms(const std::optional<Instant>& t) { return t ? Value(ToUnixMillis(*t)) : Value(nullptr); }

struct Row {
  int64_t id = 0;
  Directory::Enterprise enterprise;
  Request state;
  requests_service::Deadlines deadlines;
  std::vector<requests::Event> events;
};

constexpr const char* kRequestColumns =
    "INSERT INTO requests (id, enterprise_id, region_id, submitter_user_id, channel, kind, category_code, title,"
    " description, location, priority, status, handling_department_id, handler_user_id, liaison_official_id,"
    " merged_into, reply, rating, rectification, appeal, version, last_hash, submitted_at, accepted_at, routed_at,"
    " signed_at, replied_at, rated_at, rectified_at, closed_at, updated_at, paused, accept_due_at, sign_due_at,"
    " reply_due_at, rectify_due_at, current_due_at, state_json) VALUES ";
constexpr int kRequestParams = 38;
constexpr const char* kEventColumns =
    "INSERT INTO request_events (request_id, seq, action, actor_user_id, actor_role, at, note, payload, prev_hash,"
    " hash) VALUES ";
constexpr int kEventParams = 10;

std::string Placeholders(int rows, int per_row) {
  std::string one = "(";
  for (int i = 0; i < per_row; ++i) one += i ? ", ?" : "?";
  one += ")";
  std::string out;
  for (int r = 0; r < rows; ++r) out += (r ? ", " : "") + one;
  return out;
}

Result<void> WriteRows(Tx& tx, const std::vector<Row>& rows, bool write_events) {
  constexpr size_t kRowsPerStatement = 200;
  for (size_t start = 0; start < rows.size(); start += kRowsPerStatement) {
    const size_t n = std::min(kRowsPerStatement, rows.size() - start);
    std::vector<Value> p;
    p.reserve(n * kRequestParams);
    for (size_t i = start; i < start + n; ++i) {
      const Row& row = rows[i];
      const Request& r = row.state;
      const auto& d = row.deadlines;
      p.insert(p.end(), {row.id, row.enterprise.id, row.enterprise.region_id, row.enterprise.user_id,
                         std::string(requests::Name(r.channel)), std::string(requests::Name(r.kind)),
                         r.category_code.empty() ? Value(nullptr) : Value(r.category_code), r.title, r.description,
                         Value(nullptr), std::string(requests::Name(r.priority)), std::string(requests::Name(r.status)),
                         storage::ToValue(Id(r.handling_department)), storage::ToValue(Id(r.handler_id)),
                         storage::ToValue(row.enterprise.liaison), storage::ToValue(Id(r.merged_into)), r.reply,
                         r.rating ? Value(std::string(requests::Name(r.rating->level))) : Value(nullptr),
                         std::string(requests::Name(r.rectification)), std::string(requests::Name(r.appeal)),
                         r.version, r.last_hash, ToUnixMillis(r.submitted_at), Ms(r.accepted_at), Ms(r.routed_at),
                         Ms(r.signed_at), Ms(r.replied_at), Ms(r.rated_at), Ms(r.rectified_at), Ms(r.closed_at),
                         ToUnixMillis(row.events.back().at), int64_t{d.paused ? 1 : 0}, Ms(d.accept_due),
                         Ms(d.sign_due), Ms(d.reply_due), Ms(d.rectify_due), Ms(d.current_due),
                         requests_service::SnapshotToJson(r).dump()});
    }
    ZT_TRY(tx.Exec(kRequestColumns + Placeholders(static_cast<int>(n), kRequestParams), p));
  }
  if (!write_events) return Ok();
  std::vector<Value> p;
  int pending = 0;
  auto flush = [&]() -> Result<void> {
    if (pending == 0) return Ok();
    ZT_TRY(tx.Exec(kEventColumns + Placeholders(pending, kEventParams), p));
    p.clear();
    pending = 0;
    return Ok();
  };
  for (const Row& row : rows) {
    // The timeline's searchable text, as the service indexes it in each change's transaction.
    ZT_TRY(requests_service::IndexEvents(tx, row.id, row.events));
    for (const auto& e : row.events) {
      nlohmann::json payload = nlohmann::json::object();
      for (const auto& [k, v] : e.payload) payload[k] = v;
      p.insert(p.end(), {row.id, e.seq, std::string(requests::Name(e.type)), std::stoll(e.actor_id),
                         std::string(requests::Name(e.actor_role)), ToUnixMillis(e.at), e.note, payload.dump(),
                         e.prev_hash, e.hash});
      if (++pending == 300) ZT_TRY(flush());
    }
  }
  return flush();
}

}  // namespace

Result<GenerateStats> GenerateHistory(storage::Database& db, const calendar::WorkingCalendar& cal,
                                      const GenerateOptions& o, const std::function<void(const GenerateStats&)>& progress) {
  if (o.requests < 0 || o.months < 1 || o.batch < 1) {
    return Error::Invalid("generate.invalid", "requests must be ≥ 0, months and batch ≥ 1", "诉求数须 ≥ 0，月数与批量须 ≥ 1");
  }
  ZT_ASSIGN_OR_RETURN(Directory dir, db.ReadValue([](Tx& tx) { return LoadDirectory(tx); }));
  if (dir.categories.empty()) return Error::Invalid("generate.no_categories", "there are no active categories", "没有启用的诉求类别");
  std::mt19937_64 rng(o.seed);
  const int64_t span_ms = int64_t{o.months} * 30 * 86'400'000;
  const Instant start = o.end - std::chrono::milliseconds(span_ms);
  // Submission instants, sorted, so that ids follow time as they would.
  std::vector<int64_t> offsets(static_cast<size_t>(o.requests));
  for (auto& x : offsets) x = static_cast<int64_t>(rng() % static_cast<uint64_t>(span_ms));
  std::sort(offsets.begin(), offsets.end());

  results::Ledger ledger;
  GenerateStats stats;
  std::map<std::string, std::optional<OpenTarget>> latest;  // per category
  std::vector<Row> rows;
  for (int64_t i = 0; i < o.requests; ++i) {
    const auto& ent = dir.enterprises[rng() % dir.enterprises.size()];
    const auto& cat = dir.categories[rng() % dir.categories.size()];
    const auto& problems = kProblems.count(cat.code) ? kProblems.at(cat.code) : kProblems.at("other");
    Row row;
    row.id = dir.next_id++;
    row.enterprise = ent;
    requests::NewRequest n;
    n.id = std::to_string(row.id);
    n.submitter_id = std::to_string(ent.user_id);
    n.enterprise_id = std::to_string(ent.id);
    n.category_code = cat.code;
    const std::string& problem = problems[rng() % problems.size()];
    n.title = std::string(kPrefixes[rng() % std::size(kPrefixes)]) + problem;
    n.description = n.title + kSuffixes[rng() % std::size(kSuffixes)];
    if (ent.liaison) n.liaison_id = std::to_string(*ent.liaison);
    const requests::Actor requester{n.submitter_id, Role::kEnterprise, std::nullopt, n.enterprise_id};
    results::RequestUnits units{std::to_string(ent.region_id),
                                ent.liaison ? std::optional<std::string>(std::to_string(*ent.liaison)) : std::nullopt};
    Script s(rng, cal, cat.policy, o.end, units, ledger);
    if (!s.Submit(n, requester, start + std::chrono::milliseconds(offsets[static_cast<size_t>(i)]))) {
      return Error::Internal("generate.submit", "the generator made an invalid request");
    }
    auto& candidate = latest[cat.code];
    Play(s, dir, cat, requester, candidate, rng);
    const Request& r = s.state();
    if (r.status != Status::kMerged) {
      Instant open_until = o.end + std::chrono::hours(24 * 365 * 100);
      if (!requests::IsOpen(r.status)) open_until = s.now();
      candidate = OpenTarget{r.id, r.submitted_at, open_until};
    }
    ZT_ASSIGN_OR_RETURN(row.deadlines, requests_service::ComputeDeadlines(cal, r, cat.policy, o.end));
    row.state = r;
    row.events = std::move(s.events());
    stats.events += static_cast<int64_t>(row.events.size());
    rows.push_back(std::move(row));
    if (static_cast<int>(rows.size()) == o.batch || i + 1 == o.requests) {
      ZT_TRY(db.Write([&](Tx& tx) { return WriteRows(tx, rows, o.write_events); }));
      stats.requests += static_cast<int64_t>(rows.size());
      rows.clear();
      if (progress) progress(stats);
    }
  }
  ledger.DropZeros();
  // The summed (unit, day) rows, in transactions of a few thousand.
  results::Ledger chunk;
  for (auto& [key, counts] : ledger.buckets()) {
    chunk.buckets().emplace(key, counts);
    if (chunk.buckets().size() == 5000) {
      ZT_TRY(db.Write([&](Tx& tx) { return AddBuckets(tx, chunk); }));
      chunk.buckets().clear();
    }
  }
  if (!chunk.buckets().empty()) ZT_TRY(db.Write([&](Tx& tx) { return AddBuckets(tx, chunk); }));
  stats.buckets = static_cast<int64_t>(ledger.buckets().size());
  if (progress) progress(stats);
  return stats;
}

}  // namespace zhitong::results_service
