// Chinese full-text search over titles, descriptions and replies, on both backends: on a random
// corpus drawn from a small alphabet (so that one-, two- and three-character queries all hit many
// requests), every query finds exactly the requests a brute-force substring check finds — alone,
// with each list filter, and within each actor's scope; the index is written in the transaction of
// the change; requests that existed before search are indexed when the service opens.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "requests/search_terms.h"
#include "requests_service/request_service.h"
#include "requests_service/service_test_util.h"

namespace zhitong::requests_service::testing {
namespace {

using requests::Action;

class RequestSearchTest : public ServiceTest {
 protected:
  struct Doc {
    int64_t id = 0;
    std::vector<std::string> texts;  // title, description, replies
  };

  // A string of `n` characters from the alphabet: Chinese, ASCII of both cases, punctuation.
  std::string Random(std::mt19937& rng, int n) {
    static const std::vector<std::string> kAlphabet = {"用", "工", "融", "资", "供", "电", "难", "，",
                                                       "A",  "b",  "B",  " ", "线", "路", "%", "\""};
    std::string out;
    for (int i = 0; i < n; ++i) out += kAlphabet[rng() % kAlphabet.size()];
    return out;
  }

  // Files `n` requests at one-hour steps from 3 March 2025 by the three enterprises and the
  // citizen; every third is accepted and routed, and of those every other is signed and replied.
  void BuildCorpus(int n, uint32_t seed) {
    std::mt19937 rng(seed);
    const access::Actor* requesters[] = {&ent1_, &ent2_, &ent3_, &citizen_};
    const char* categories[] = {"labour", "finance", "power"};
    Instant t = At("2025-03-03T09:00:00");
    for (int i = 0; i < n; ++i) {
      SubmitInput in = Input("x", categories[i % 3]);
      in.title = Random(rng, 2 + static_cast<int>(rng() % 8));
      in.description = Random(rng, static_cast<int>(rng() % 30));
      t += std::chrono::hours(1);
      const auto v = SubmitAt(*requesters[i % 4], in, t);
      Doc d{v.stored.id, {in.title, in.description}};
      if (i % 3 == 0) {
        ASSERT_TRUE(Do(dispatcher_, d.id, Action::kAccept, t + std::chrono::minutes(1)));
        ActInput route;
        route.department_id = i % 2 ? 1 : 2;
        ASSERT_TRUE(Do(dispatcher_, d.id, Action::kRoute, t + std::chrono::minutes(2), route));
        if (i % 6 == 0) {
          const access::Actor& handler = i % 2 ? hr_ : gx_;
          ASSERT_TRUE(Do(handler, d.id, Action::kSign, t + std::chrono::minutes(3)));
          ActInput reply;
          reply.note = "答" + Random(rng, static_cast<int>(rng() % 20));  // never blank: a reply needs text
          ASSERT_TRUE(Do(handler, d.id, Action::kReply, t + std::chrono::minutes(4), reply));
          d.texts.push_back(reply.note);
        }
      }
      docs_.push_back(std::move(d));
    }
  }

  // The ids listed, in the list's order (up to 500); the total must count exactly them.
  std::vector<int64_t> Ordered(const access::Actor& who, ListFilter f) {
    f.limit = 500;
    auto list = service_->List(who, f);
    EXPECT_TRUE(list) << list.error().ToString();
    std::vector<int64_t> out;
    if (!list) return out;
    for (const auto& v : list->items) out.push_back(v.stored.id);
    EXPECT_EQ(list->total, static_cast<int64_t>(out.size()));
    return out;
  }
  std::set<int64_t> Search(const access::Actor& who, ListFilter f) {
    const auto ids = Ordered(who, std::move(f));
    return {ids.begin(), ids.end()};
  }
  // Brute force: the requests among `among` one of whose texts contains q (ASCII letters folded).
  std::set<int64_t> BruteForce(const std::string& q, const std::set<int64_t>& among) {
    const std::string folded = requests::FoldForSearch(q);
    std::set<int64_t> out;
    for (const auto& d : docs_) {
      if (!among.count(d.id)) continue;
      for (const auto& text : d.texts) {
        if (requests::FoldForSearch(text).find(folded) != std::string::npos) {
          out.insert(d.id);
          break;
        }
      }
    }
    return out;
  }
  // Queries of 1, 2, 3 and 4 characters: substrings of the corpus and random strings.
  std::vector<std::string> Queries(uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<std::string> out = {"用", "b", "B", "%", "\"", " ", "用工", "融资", "Ab", "供电线", "电线路"};
    for (int len = 1; len <= 4; ++len) {
      for (int i = 0; i < 6; ++i) out.push_back(Random(rng, len));
    }
    return out;
  }

  std::vector<Doc> docs_;
};

TEST_P(RequestSearchTest, FindsExactlyTheBruteForceMatchesForQueriesOfAnyLength) {
  BuildCorpus(90, 7);
  ASSERT_FALSE(HasFailure());
  const std::set<int64_t> everything = Search(admin_, {});
  ASSERT_EQ(everything.size(), docs_.size());
  int hits_short = 0, hits_long = 0;
  for (const auto& q : Queries(11)) {
    ListFilter f;
    f.q = q;
    const auto expected = BruteForce(q, everything);
    EXPECT_EQ(Search(admin_, f), expected) << "q=\"" << q << "\"";
    (requests::SearchPathFor(requests::FoldForSearch(q)) == requests::SearchPath::kGram ? hits_short : hits_long) +=
        static_cast<int>(expected.size());
  }
  EXPECT_GT(hits_short, 0);
  EXPECT_GT(hits_long, 0);  // the corpus is dense enough that the test means something
}

TEST_P(RequestSearchTest, CombinesWithEveryFilterAndStaysInTheActorsScope) {
  BuildCorpus(60, 3);
  ASSERT_FALSE(HasFailure());
  std::vector<ListFilter> filters(8);
  filters[1].status = requests::Status::kReplied;
  filters[2].department_id = 1;
  filters[3].region_id = 2;
  filters[4].category_code = "finance";
  filters[5].overdue = true;
  filters[6].from = At("2025-03-04T00:00:00");
  filters[6].to = At("2025-03-05T00:00:00");
  filters[7].enterprise_id = 3;
  clock_.Set(At("2025-03-20T09:00:00"));  // some deadlines have passed
  for (const access::Actor* who : {&admin_, &ent1_, &hr_, &gx_, &district_leader_, &citizen_}) {
    for (const auto& base : filters) {
      const std::set<int64_t> in_filter = Search(*who, base);
      for (const auto& q : Queries(5)) {
        ListFilter f = base;
        f.q = q;
        EXPECT_EQ(Search(*who, f), BruteForce(q, in_filter)) << "actor " << who->user_id << " q=\"" << q << "\"";
      }
    }
  }
}

// A common query (SQLite: at least SearchTuning::dense_pieces matching pieces) is read by walking
// an index in the page's order; a rare one by its ids. Both give exactly the brute-force matches
// in the same order, alone and with filters (the department's two halves included); a search's
// total stops at the cap and says so.
TEST_P(RequestSearchTest, CommonAndRareQueriesGiveTheSamePagesAndTotalsStopAtTheCap) {
  BuildCorpus(60, 3);
  ASSERT_FALSE(HasFailure());
  std::vector<ListFilter> filters(4);
  filters[1].department_id = 1;
  filters[2].status = requests::Status::kReplied;
  filters[3].enterprise_id = 3;
  for (int64_t dense_pieces : {int64_t{1}, int64_t{1} << 40}) {
    if (GetParam() == Dialect::kPostgres && dense_pieces != 1) continue;  // one path on PostgreSQL
    service_->SetSearchTuning({.dense_pieces = dense_pieces, .total_cap = 1000});
    for (const access::Actor* who : {&admin_, &gx_}) {
      for (const auto& base : filters) {
        const std::set<int64_t> in_filter = Search(*who, base);
        for (const auto& q : Queries(5)) {
          ListFilter f = base;
          f.q = q;
          const std::set<int64_t> expected = BruteForce(q, in_filter);
          EXPECT_EQ(Search(*who, f), expected) << "dense " << dense_pieces << " q=\"" << q << "\"";
          // In the unfiltered list's order (newest first).
          std::vector<int64_t> in_order;
          for (int64_t id : Ordered(*who, base)) {
            if (expected.count(id)) in_order.push_back(id);
          }
          EXPECT_EQ(Ordered(*who, f), in_order) << "dense " << dense_pieces << " q=\"" << q << "\"";
        }
      }
    }
  }
  service_->SetSearchTuning({.dense_pieces = 1, .total_cap = 5});
  int capped = 0, exact = 0;
  for (const auto& base : filters) {
    service_->SetSearchTuning({.dense_pieces = 1, .total_cap = 1000});
    const std::set<int64_t> in_filter = Search(admin_, base);
    service_->SetSearchTuning({.dense_pieces = 1, .total_cap = 5});
    for (const auto& q : Queries(5)) {
      ListFilter f = base;
      f.q = q;
      f.limit = 3;
      const auto expected = static_cast<int64_t>(BruteForce(q, in_filter).size());
      auto list = service_->List(admin_, f);
      ASSERT_TRUE(list);
      EXPECT_EQ(list->total, std::min<int64_t>(expected, 5)) << q;
      EXPECT_EQ(list->total_capped, expected > 5) << q;
      EXPECT_EQ(static_cast<int64_t>(list->items.size()), std::min<int64_t>(expected, 3)) << q;
      (expected > 5 ? capped : exact) += 1;
    }
  }
  EXPECT_GT(capped, 0);
  EXPECT_GT(exact, 0);
  // Lists without a search count exactly, whatever the cap.
  EXPECT_EQ(service_->List(admin_, {})->total, static_cast<int64_t>(docs_.size()));
}

TEST_P(RequestSearchTest, RepliesAreIndexedInTheTransactionOfTheChange) {
  const auto v = SubmitAt(ent1_, Input("招工难"), At("2025-03-03T09:00:00"));
  ASSERT_TRUE(Do(dispatcher_, v.stored.id, Action::kAccept, At("2025-03-03T09:10:00")));
  ActInput route;
  route.department_id = 1;
  ASSERT_TRUE(Do(dispatcher_, v.stored.id, Action::kRoute, At("2025-03-03T09:20:00"), route));
  ASSERT_TRUE(Do(hr_, v.stored.id, Action::kSign, At("2025-03-03T09:30:00")));
  // An observer that fails rolls the reply back, and its text with it.
  struct Failing : RequestObserver {
    Result<void> OnChange(storage::Tx&, const RequestChange&) override {
      return Error::Internal("test.refused", "refused by the test");
    }
  } failing;
  service_->AddObserver(failing);
  ActInput reply;
  reply.note = "已协调人才市场举办专场招聘会";
  EXPECT_FALSE(Do(hr_, v.stored.id, Action::kReply, At("2025-03-03T10:00:00"), reply));
  for (const char* q : {"专场招聘", "招聘", "聘"}) {
    ListFilter f;
    f.q = q;
    EXPECT_TRUE(Search(admin_, f).empty()) << q;
  }
  // A service without the failing observer: the reply and its text commit together.
  auto service = RequestService::Open(*db_, clock_);
  ASSERT_TRUE(service);
  service_ = std::move(*service);
  ASSERT_TRUE(Do(hr_, v.stored.id, Action::kReply, At("2025-03-03T10:00:00"), reply));
  for (const char* q : {"专场招聘", "招聘", "聘", "招工难", "工"}) {
    ListFilter f;
    f.q = q;
    EXPECT_EQ(Search(ent1_, f), (std::set<int64_t>{v.stored.id})) << q;
  }
}

TEST_P(RequestSearchTest, RequestsFromBeforeSearchAreIndexedWhenTheServiceOpens) {
  BuildCorpus(20, 9);
  ASSERT_FALSE(HasFailure());
  // Empty the index and list every request as not yet indexed, as migration 0021 does.
  ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Result<void> {
    if (tx.dialect() == storage::Dialect::kSqlite) {
      ZT_TRY(tx.Exec(storage::Sql{"INSERT INTO request_text (request_text) VALUES ('delete-all')"}));
      ZT_TRY(tx.Exec(storage::Sql{"INSERT INTO request_grams (request_grams) VALUES ('delete-all')"}));
    } else {
      ZT_TRY(tx.Exec(storage::Sql{"DELETE FROM request_texts"}));
    }
    ZT_TRY(tx.Exec(storage::Sql{"INSERT INTO request_search_backlog (request_id) SELECT id FROM requests"}));
    return Ok();
  }));
  const std::set<int64_t> everything = Search(admin_, {});
  ListFilter any;
  any.q = "用";
  ASSERT_FALSE(BruteForce("用", everything).empty());
  EXPECT_TRUE(Search(admin_, any).empty());
  auto service = RequestService::Open(*db_, clock_);
  ASSERT_TRUE(service) << service.error().ToString();
  service_ = std::move(*service);
  EXPECT_EQ(Count("SELECT COUNT(*) AS n FROM request_search_backlog"), 0);
  for (const auto& q : Queries(13)) {
    ListFilter f;
    f.q = q;
    EXPECT_EQ(Search(admin_, f), BruteForce(q, everything)) << q;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestSearchTest, ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         BackendName);

}  // namespace
}  // namespace zhitong::requests_service::testing
