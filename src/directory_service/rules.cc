#include "directory_service/rules.h"

#include "directory/industry.h"
#include "directory/uscc.h"
#include "directory/validate.h"
#include "directory_service/store.h"

namespace zhitong::directory_service {
namespace {

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

FieldError UnknownRegion(int64_t id) {
  return {"region_id", "there is no region " + std::to_string(id), "所属区域（编号 " + std::to_string(id) + "）不存在"};
}

Result<void> Fail(std::vector<FieldError> errors, std::string_view entity) {
  return directory::ToResult(std::move(errors), entity);
}

}  // namespace

void NormalizeEnterprise(directory::Enterprise& e) {
  e.uscc = directory::NormalizeUscc(e.uscc);
  e.name = Trim(e.name);
  e.address = Trim(e.address);
  e.industry_code = Trim(e.industry_code);
  if (auto section = directory::SectionOfDivision(e.industry_code)) e.industry_section = std::string(1, *section);
  e.contact_name = Trim(e.contact_name);
  e.contact_phone = directory::NormalizePhone(Trim(e.contact_phone));
}

void NormalizeOfficial(directory::Official& o) {
  o.name = Trim(o.name);
  o.title = Trim(o.title);
  for (auto& i : o.industries) i = Trim(i);
}

Result<void> CheckEnterprise(storage::Tx& tx, const directory::Enterprise& e, int64_t self_id) {
  auto errors = directory::ValidateEnterprise(e);
  if (e.region_id > 0) {
    ZT_ASSIGN_OR_RETURN(auto region, store::FindRegion(tx, e.region_id));
    if (!region) errors.push_back(UnknownRegion(e.region_id));
  }
  ZT_TRY(Fail(std::move(errors), "enterprise"));
  ZT_ASSIGN_OR_RETURN(auto holder, store::EnterpriseIdByUscc(tx, e.uscc));
  if (holder && *holder != self_id) {
    Error err = Error::Conflict("directory.duplicate_uscc",
                                "another enterprise (id " + std::to_string(*holder) + ") has the USCC " + e.uscc,
                                "统一社会信用代码 " + e.uscc + " 已属于另一家企业（编号 " + std::to_string(*holder) + "）");
    err.fields.push_back({"uscc", err.message, err.message_zh});
    return err;
  }
  return Ok();
}

Result<void> CheckOfficial(storage::Tx& tx, const directory::Official& o) {
  std::optional<directory::RegionKind> kind;
  std::vector<FieldError> missing;
  if (o.region_id > 0) {
    ZT_ASSIGN_OR_RETURN(auto region, store::FindRegion(tx, o.region_id));
    if (region) {
      kind = region->value.kind;
    } else {
      missing.push_back(UnknownRegion(o.region_id));
    }
  }
  auto errors = directory::ValidateOfficial(o, kind);
  errors.insert(errors.end(), missing.begin(), missing.end());
  if (o.department_id && *o.department_id > 0) {
    ZT_ASSIGN_OR_RETURN(auto dep, store::FindDepartment(tx, *o.department_id));
    if (!dep) {
      errors.push_back({"department_id", "there is no department " + std::to_string(*o.department_id),
                        "部门（编号 " + std::to_string(*o.department_id) + "）不存在"});
    }
  }
  for (size_t i = 0; i < o.conflicts.size(); ++i) {
    ZT_ASSIGN_OR_RETURN(auto e, store::FindEnterprise(tx, o.conflicts[i].enterprise_id));
    if (!e) {
      const std::string id = std::to_string(o.conflicts[i].enterprise_id);
      errors.push_back({"conflicts[" + std::to_string(i) + "].enterprise_id", "there is no enterprise " + id,
                        "企业（编号 " + id + "）不存在"});
    }
  }
  return Fail(std::move(errors), "official");
}

Error TranslateStorageError(Error e, std::string_view entity) {
  if (e.code == "storage.duplicate") {
    if (entity == "enterprise") {
      return Error::Conflict("directory.duplicate_uscc", "another enterprise has this USCC",
                             "该统一社会信用代码已属于另一家企业");
    }
    return Error::Conflict("directory.duplicate_code", "another " + std::string(entity) + " has this code",
                           "代码已被占用");
  }
  if (e.code == "storage.reference") {
    return Error::Invalid("directory.bad_reference", "a referenced region, department or enterprise does not exist",
                          "引用的区域、部门或企业不存在");
  }
  return e;
}

}  // namespace zhitong::directory_service
