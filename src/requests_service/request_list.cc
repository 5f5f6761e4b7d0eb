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
  std::string where = "WHERE " + scope.sql;
  std::vector<storage::Value> params = scope.params;
  auto add = [&](const char* sql, storage::Value v) {
    where += sql;
    params.push_back(std::move(v));
  };
  if (f.status) add(" AND r.status = ?", std::string(requests::Name(*f.status)));
  if (f.department_id) {
    // The co-handled requests as an uncorrelated IN list: with a correlated EXISTS under the OR,
    // SQLite probes every request of the other filters (docs/BENCHMARKS.md, the queue page).
    where += " AND (r.handling_department_id = ? OR r.id IN (SELECT fh.request_id FROM request_cohandlers fh"
             " WHERE fh.department_id = ?))";
    params.emplace_back(*f.department_id);
    params.emplace_back(*f.department_id);
  }
  if (f.region_id) add(" AND r.region_id = ?", *f.region_id);
  if (f.enterprise_id) add(" AND r.enterprise_id = ?", *f.enterprise_id);
  if (f.category_code) add(" AND r.category_code = ?", *f.category_code);
  if (f.overdue) {
    add(*f.overdue ? " AND r.current_due_at IS NOT NULL AND r.current_due_at < ?"
                   : " AND (r.current_due_at IS NULL OR r.current_due_at >= ?)",
        ToUnixMillis(now));
  }
  if (!f.ids.empty()) AddIn(&where, &params, "r.id", f.ids);
  if (!f.category_codes.empty()) AddIn(&where, &params, "r.category_code", f.category_codes);
  if (f.open) {
    where += *f.open ? " AND r.status NOT IN ('closed', 'rejected', 'withdrawn', 'merged')"
                     : " AND r.status IN ('closed', 'rejected', 'withdrawn', 'merged')";
  }
  if (f.from) add(" AND r.submitted_at >= ?", ToUnixMillis(*f.from));
  if (f.to) add(" AND r.submitted_at < ?", ToUnixMillis(*f.to));
  if (f.q && !f.q->empty()) {
    const Clause search = SearchClause(db_.dialect(), *f.q);
    where += " AND " + search.sql;
    params.insert(params.end(), search.params.begin(), search.params.end());
  }

  struct Page {
    std::vector<StoredRequest> rows;
    int64_t total = 0;
  };
  auto page = db_.ReadValue([&](storage::Tx& tx) -> Result<Page> {
    Page p;
    ZT_ASSIGN_OR_RETURN(auto count, tx.Query("SELECT COUNT(*) AS n FROM requests r " + where, params));
    p.total = count.empty() ? 0 : count[0].i64("n");
    std::vector<storage::Value> page_params = params;
    page_params.emplace_back(int64_t{f.limit});
    page_params.emplace_back(int64_t{f.offset});
    ZT_ASSIGN_OR_RETURN(p.rows, LoadRequests(tx, where + OrderBy(f.sort) + " LIMIT ? OFFSET ?", page_params));
    return p;
  });
  if (!page) return page.error();
  ListResult out;
  out.total = page->total;
  out.items.reserve(page->rows.size());
  for (auto& row : page->rows) {
    ZT_ASSIGN_OR_RETURN(RequestView v, View(std::move(row), actor, now));
    out.items.push_back(std::move(v));
  }
  return out;
}

}  // namespace zhitong::requests_service
