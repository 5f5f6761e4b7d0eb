#include "requests_service/chain_audit.h"

#include "requests/event_chain.h"
#include "requests_service/store.h"

namespace zhitong::requests_service {
namespace {

using storage::Sql;
using storage::Tx;

constexpr int64_t kPage = 500;
const Sql kRequests{"SELECT id, version, last_hash FROM requests WHERE id > ? ORDER BY id LIMIT ?"};

// Checks one request: its chain, then its row against its last event.
std::optional<ChainBreak> Check(int64_t id, int64_t version, const std::string& last_hash,
                                const std::vector<requests::Event>& events) {
  if (auto link = requests::FirstBrokenLink(events)) {
    const std::string what = "event " + link->what;
    return ChainBreak{id, link->seq, what, "事件的 " + link->what + " 不符", link->expected, link->found};
  }
  const int64_t last_seq = events.empty() ? 0 : events.back().seq;
  if (last_seq != version) {
    return ChainBreak{id, version, "the request's version against its last event's seq",
                      "诉求版本号与最后一个事件的序号不符", std::to_string(version), std::to_string(last_seq)};
  }
  const std::string chain_hash = events.empty() ? "" : events.back().hash;
  if (chain_hash != last_hash) {
    return ChainBreak{id, version, "the request's last_hash against its last event's hash",
                      "诉求记录的末事件哈希与时间线不符", chain_hash, last_hash};
  }
  return std::nullopt;
}

}  // namespace

Result<ChainReport> VerifyAllChains(storage::Database& db) {
  ChainReport report;
  int64_t after = 0;
  for (;;) {
    bool done = false;
    ZT_TRY(db.Read([&](Tx& tx) -> Result<void> {
      ZT_ASSIGN_OR_RETURN(auto rows, tx.Query(kRequests, after, kPage));
      if (rows.empty()) {
        done = true;
        return Ok();
      }
      for (const auto& row : rows) {
        const int64_t id = row.i64("id");
        after = id;
        auto events = LoadEvents(tx, id);
        ++report.requests;
        if (!events) {
          // A stored event that does not even parse is a broken link of its own.
          report.first_break = ChainBreak{id, 0, "a stored event parses", "存储的事件可以解析", "a well-formed event",
                                          events.error().message};
          done = true;
          return Ok();
        }
        report.events += static_cast<int64_t>(events->size());
        if (auto broken = Check(id, row.i64("version"), row.text("last_hash"), *events)) {
          report.first_break = std::move(broken);
          done = true;
          return Ok();
        }
      }
      return Ok();
    }));
    if (done) return report;
  }
}

}  // namespace zhitong::requests_service
