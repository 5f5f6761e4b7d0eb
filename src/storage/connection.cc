#include "storage/connection.h"

#include <string>

namespace zhitong::storage {
namespace {

Error Aborted(const Error& first) {
  return Error::Internal("storage.aborted",
                         "an earlier statement of this transaction failed (" + first.code +
                             "); return its error instead of continuing",
                         "本事务中先前的语句已失败，不能继续执行");
}

}  // namespace

Result<ResultSet> ConnTx::Query(std::string_view sql, const std::vector<Value>& params) {
  if (failure_) return Aborted(*failure_);
  auto r = conn_.Query(sql, params);
  if (!r) failure_ = r.error();
  return r;
}

Result<int64_t> ConnTx::Exec(std::string_view sql, const std::vector<Value>& params) {
  if (failure_) return Aborted(*failure_);
  auto r = conn_.Exec(sql, params);
  if (!r) failure_ = r.error();
  return r;
}

Result<void> RunTxFn(const TxFn& fn, ConnTx& tx) {
  Result<void> result = Ok();
  try {
    result = fn(tx);
  } catch (const std::exception& e) {
    result = Error::Internal("storage.exception", std::string("transaction function threw: ") + e.what(),
                             "事务函数抛出异常，已回滚");
  } catch (...) {
    result = Error::Internal("storage.exception", "transaction function threw a non-standard exception",
                             "事务函数抛出异常，已回滚");
  }
  if (result && tx.failure()) return *tx.failure();
  return result;
}

}  // namespace zhitong::storage
