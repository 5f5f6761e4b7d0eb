// RequestService::List: the queue and search page, scoped to what the actor may see.
#include "requests_service/request_service.h"
#include "requests_service/search_index.h"

namespace zhitong::requests_service {
namespace {

const char* OrderBy(ListSort s) {
  switch (s) {
    case ListSort::kSubmittedDesc: return " ORDER BY r.submitted_at DESC, r.id DESC";
    case ListSort::kSubmittedAsc: return " ORDER BY r.submitted_at ASC, r.id ASC";
    case ListSort::kDueAsc: return " ORDER BY r.current_due_at IS NULL, r.current_due_at ASC, r.id ASC";
    case ListSort::kDueDesc: return " ORDER BY r.current_due_at IS NULL, r.current_due_at DESC, r.id DESC";
  }
  return "";
}

// Nobody in particular: the viewer of published requests, who may take no action on them.
access::Actor Anonymous() {
  access::Actor a;
  a.user_id = -1;
  a.role = access::Role::kPublic;
  return a;
}

// " AND column IN (?, ?, …)" for a non-empty list.
template <class T>
void AddIn(std::string* where, std::vector<storage::Value>* params, const char* column, const std::vector<T>& values) {
  *where += std::string(" AND ") + column + " IN (";
  for (size_t i = 0; i < values.size(); ++i) {
    *where += i ? ", ?" : "?";
    params->emplace_back(values[i]);
  }
  *where += ")";
}

}  // namespace

Result<ListResult> RequestService::List(const access::Actor& actor, const ListFilter& f) {
  return ListIn(ScopeClause(actor), actor, f);
}

Result<ListResult> RequestService::ListPublished(const ListFilter& f) {
  return ListIn(PublishedClause(), Anonymous(), f);
}

Result<RequestView> RequestService::GetPublished(int64_t id) {
  const Clause scope = PublishedClause();
  auto stored = db_.ReadValue([&](storage::Tx& tx) { return LoadRequest(tx, id, scope); });
  if (!stored) return stored.error();
  if (!*stored) return RequestNotFound(id);
  return View(std::move(**stored), Anonymous(), clock_.Now());
}

Result<ListResult> RequestService::ListIn(const Clause& scope, const access::Actor& actor, const ListFilter& f) {
  const Instant now = clock_.Now();
  // A department's requests are those it handles and those it co-handles. Written as one OR, no
  // index serves both halves, so SQLite reads and sorts every request of the other filters
  // (docs/BENCHMARKS.md, the queue page); each half is read on its own instead, in the page's
  // order through its own index, and the two merged. The department is the filter's, or the
  // handler's own when their scope is exactly their department.
  const bool scope_is_department =
      scope.department_id && (!f.department_id || *f.department_id == *scope.department_id);
  const std::optional<int64_t> department = scope_is_department ? scope.department_id : f.department_id;

  // The conditions besides the department, each " AND …".
  std::string rest;
  std::vector<storage::Value> rest_params;
  auto add = [&](const std::string& sql, std::vector<storage::Value> values = {}) {
    rest += " AND " + sql;
    for (auto& v : values) rest_params.push_back(std::move(v));
  };
  if (!scope_is_department) add(scope.sql, scope.params);
  if (f.status) add("r.status = ?", {std::string(requests::Name(*f.status))});
  if (f.region_id) add("r.region_id = ?", {*f.region_id});
  if (f.enterprise_id) add("r.enterprise_id = ?", {*f.enterprise_id});
  if (f.category_code) add("r.category_code = ?", {*f.category_code});
  if (f.overdue) {
    add(*f.overdue ? "r.current_due_at IS NOT NULL AND r.current_due_at < ?"
                   : "(r.current_due_at IS NULL OR r.current_due_at >= ?)",
        {ToUnixMillis(now)});
  }
  if (!f.ids.empty()) AddIn(&rest, &rest_params, "r.id", f.ids);
  if (!f.category_codes.empty()) AddIn(&rest, &rest_params, "r.category_code", f.category_codes);
  if (f.open) {
    add(*f.open ? "r.status NOT IN ('closed', 'rejected', 'withdrawn', 'merged')"
                : "r.status IN ('closed', 'rejected', 'withdrawn', 'merged')");
  }
  if (f.from) add("r.submitted_at >= ?", {ToUnixMillis(*f.from)});
  if (f.to) add("r.submitted_at < ?", {ToUnixMillis(*f.to)});
  const bool searching = f.q && !f.q->empty();
  const std::string order = OrderBy(f.sort);

  struct Page {
    std::vector<StoredRequest> rows;
    int64_t total = 0;
    bool total_capped = false;
  };
  auto page = db_.ReadValue([&](storage::Tx& tx) -> Result<Page> {
    SearchPlan search{{"1 = 1", {}}, std::nullopt};
    if (searching) {
      ZT_ASSIGN_OR_RETURN(search, PlanSearch(tx, *f.q, search_tuning_.dense_pieces));
    }
    // Each half: the tables it reads (in that order: CROSS JOIN keeps it in SQLite) and its
    // condition. The co-handled half starts from the department's co-handler rows (SQLite's
    // planner would otherwise walk every request of the status and probe the co-handler list);
    // the others from a rare search's matches when there is one.
    struct Half {
      Clause from;
      Clause where;
    };
    auto half = [&](std::string condition, std::vector<storage::Value> values, bool cohandled) {
      const bool driven = search.driver && !cohandled;
      Half h{{cohandled ? "request_cohandlers h CROSS JOIN requests r" : "requests r", {}},
             {std::move(condition), std::move(values)}};
      if (driven) {
        h.from = {search.driver->sql + " CROSS JOIN requests r", search.driver->params};
        h.where.sql = "r.id = m.id AND " + h.where.sql;
      } else if (searching) {
        h.where.sql += " AND " + search.condition.sql;
        h.where.params.insert(h.where.params.end(), search.condition.params.begin(), search.condition.params.end());
      }
      h.where.sql += rest;
      h.where.params.insert(h.where.params.end(), rest_params.begin(), rest_params.end());
      return h;
    };
    std::vector<Half> halves;
    if (department) {
      halves.push_back(half("r.handling_department_id = ?", {*department}, false));
      halves.push_back(half("h.department_id = ? AND r.id = h.request_id"
                            " AND (r.handling_department_id IS NULL OR r.handling_department_id <> ?)",
                            {*department, *department}, true));
    } else {
      halves.push_back(half("1 = 1", {}, false));
    }
    // Parameters in the order of the text: the FROM's, then the WHERE's.
    auto params_of = [](const Half& h) {
      std::vector<storage::Value> out = h.from.params;
      out.insert(out.end(), h.where.params.begin(), h.where.params.end());
      return out;
    };

    Page p;
    // A search counts its matches only up to SearchTuning::total_cap, reading them in the page's
    // order (a common word matches a large share of the history); every other total is exact.
    for (const auto& h : halves) {
      const std::string rows = " FROM " + h.from.sql + " WHERE " + h.where.sql;
      std::vector<storage::Value> count_params = params_of(h);
      std::string count_sql = "SELECT COUNT(*) AS n" + rows;
      if (searching) {
        count_sql = "SELECT COUNT(*) AS n FROM (SELECT 1" + rows + order + " LIMIT ?) c";
        count_params.emplace_back(search_tuning_.total_cap + 1);
      }
      ZT_ASSIGN_OR_RETURN(auto count, tx.Query(count_sql, count_params));
      p.total += count.empty() ? 0 : count[0].i64("n");
    }
    if (searching && p.total > search_tuning_.total_cap) {
      p.total = search_tuning_.total_cap;
      p.total_capped = true;
    }

    std::vector<storage::Value> page_params;
    std::string page_where;
    if (halves.size() == 1 && !search.driver) {
      page_where = "WHERE " + halves[0].where.sql;
      page_params = halves[0].where.params;
    } else {
      // Each half's first offset + limit in the page's order, merged and cut below (also for one
      // half read through a search's driver, whose FROM the page's SELECT cannot take).
      const int64_t reach = int64_t{f.offset} + f.limit;
      page_where = "WHERE r.id IN (";
      for (size_t i = 0; i < halves.size(); ++i) {
        page_where += std::string(i ? " UNION ALL " : "") + "SELECT id FROM (SELECT r.id FROM " + halves[i].from.sql +
                      " WHERE " + halves[i].where.sql + order + " LIMIT ?) h" + std::to_string(i);
        const auto half_params = params_of(halves[i]);
        page_params.insert(page_params.end(), half_params.begin(), half_params.end());
        page_params.emplace_back(reach);
      }
      page_where += ")";
    }
    page_params.emplace_back(int64_t{f.limit});
    page_params.emplace_back(int64_t{f.offset});
    ZT_ASSIGN_OR_RETURN(p.rows, LoadRequests(tx, page_where + order + " LIMIT ? OFFSET ?", page_params));
    return p;
  });
  if (!page) return page.error();
  ListResult out;
  out.total = page->total;
  out.total_capped = page->total_capped;
  out.items.reserve(page->rows.size());
  for (auto& row : page->rows) {
    ZT_ASSIGN_OR_RETURN(RequestView v, View(std::move(row), actor, now));
    out.items.push_back(std::move(v));
  }
  return out;
}

}  // namespace zhitong::requests_service
