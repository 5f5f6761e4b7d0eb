#include "directory/validate.h"

#include <algorithm>
#include <set>
#include <string>

#include "core/text.h"
#include "directory/industry.h"
#include "directory/uscc.h"

namespace zhitong::directory {
namespace {

using Errors = std::vector<FieldError>;

void Add(Errors& errors, std::string field, std::string en, std::string zh) {
  errors.push_back({std::move(field), std::move(en), std::move(zh)});
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Checks a text field: well-formed UTF-8, present when required, within [min, max] characters.
void CheckText(Errors& errors, const std::string& field, std::string_view value, bool required, size_t min_chars,
               size_t max_chars, std::string_view what_en, std::string_view what_zh) {
  auto n = Utf8Length(value);
  if (!n) {
    Add(errors, field, std::string(what_en) + " is not valid UTF-8 text", std::string(what_zh) + "不是有效的UTF-8文本");
    return;
  }
  if (IsBlank(value)) {
    if (required) Add(errors, field, std::string(what_en) + " is required", std::string(what_zh) + "不能为空");
    return;
  }
  if (*n < min_chars) {
    Add(errors, field, std::string(what_en) + " must have at least " + std::to_string(min_chars) + " characters",
        std::string(what_zh) + "至少" + std::to_string(min_chars) + "个字");
  }
  if (*n > max_chars) {
    Add(errors, field,
        std::string(what_en) + " must have at most " + std::to_string(max_chars) + " characters, has " +
            std::to_string(*n),
        std::string(what_zh) + "最多" + std::to_string(max_chars) + "个字，实为" + std::to_string(*n) + "个");
  }
}

void CheckId(Errors& errors, const std::string& field, int64_t id, std::string_view what_en, std::string_view what_zh) {
  if (id <= 0) Add(errors, field, std::string(what_en) + " is required", "须指定" + std::string(what_zh));
}

void CheckNonNegative(Errors& errors, const std::string& field, int64_t v, std::string_view what_en,
                      std::string_view what_zh) {
  if (v < 0) Add(errors, field, std::string(what_en) + " must not be negative", std::string(what_zh) + "不能为负数");
}

bool IsAsciiDigitRun(std::string_view s, size_t min, size_t max) {
  return s.size() >= min && s.size() <= max && AllDigits(s);
}

}  // namespace

std::optional<size_t> Utf8Length(std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    size_t len;
    char32_t cp;
    if (b < 0x80) {
      len = 1, cp = b;
    } else if ((b & 0xE0) == 0xC0) {
      len = 2, cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3, cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4, cp = b & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + len > text.size()) return std::nullopt;
    for (size_t k = 1; k < len; ++k) {
      auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    i += len;
    ++count;
  }
  return count;
}

bool IsValidPhone(std::string_view phone) {
  if (phone.size() == 11 && phone[0] == '1' && phone[1] >= '3' && phone[1] <= '9' && AllDigits(phone)) return true;
  // Landline: "0" + 2–3 more area-code digits, an optional '-', a 7–8 digit number that does not
  // start with 0 or 1, then optionally '-' and a 1–6 digit extension. Tries every split.
  if (phone.empty() || phone[0] != '0') return false;
  for (size_t area : {3u, 4u}) {
    if (phone.size() < area || !AllDigits(phone.substr(0, area))) continue;
    for (size_t dash : {0u, 1u}) {
      if (dash && (phone.size() <= area || phone[area] != '-')) continue;
      for (size_t number : {7u, 8u}) {
        size_t start = area + dash;
        if (phone.size() < start + number) continue;
        std::string_view n = phone.substr(start, number), rest = phone.substr(start + number);
        if (!AllDigits(n) || n[0] == '0' || n[0] == '1') continue;
        if (rest.empty() || (rest[0] == '-' && IsAsciiDigitRun(rest.substr(1), 1, 6))) return true;
      }
    }
  }
  return false;
}

std::string NormalizePhone(std::string_view phone) {
  std::string out;
  for (char c : phone) {
    if (c != ' ' && c != '\t') out.push_back(c);
  }
  for (std::string_view prefix : {"+86-", "+86", "0086", "86-"}) {
    if (out.rfind(prefix, 0) == 0) return out.substr(prefix.size());
  }
  return out;
}

std::vector<FieldError> ValidateRegion(const Region& r) {
  Errors e;
  if (r.code.size() != 6 || !AllDigits(r.code)) {
    Add(e, "code", "the region code must be 6 digits", "区域代码应为6位数字");
  } else if (r.kind == RegionKind::kCity && (r.code.substr(4) != "00" || r.code.substr(2) == "0000")) {
    Add(e, "code", "a city's code ends in 00 (and is not a province's, ending in 0000)",
        "市级代码应以00结尾（且不是以0000结尾的省级代码）");
  } else if (r.kind != RegionKind::kCity && r.code.substr(4) == "00") {
    Add(e, "code", "only a city's code ends in 00", "只有市级代码以00结尾");
  }
  CheckText(e, "name", r.name, true, 1, kMaxRegionNameChars, "the name", "名称");
  CheckText(e, "name_en", r.name_en, false, 0, kMaxEnglishNameChars, "the English name", "英文名称");
  if (r.kind == RegionKind::kCity) {
    if (r.parent_id) Add(e, "parent_id", "a city has no parent region", "市级区域没有上级区域");
  } else if (!r.parent_id || *r.parent_id <= 0) {
    Add(e, "parent_id", "a district, county or zone needs its parent region", "区、县、功能区须指定上级区域");
  } else if (*r.parent_id == r.id) {
    Add(e, "parent_id", "a region cannot be its own parent", "区域不能是自己的上级");
  }
  return e;
}

std::vector<FieldError> ValidateDepartment(const Department& d) {
  Errors e;
  bool code_ok = !d.code.empty() && d.code.size() <= kMaxDepartmentCodeChars && d.code[0] >= 'a' && d.code[0] <= 'z';
  for (char c : d.code) code_ok = code_ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!code_ok) {
    Add(e, "code", "the code is 1–40 characters of a–z, 0–9 and _, starting with a letter",
        "代码应为1–40位小写字母、数字或下划线，以字母开头");
  }
  CheckText(e, "name", d.name, true, 1, kMaxDepartmentNameChars, "the name", "名称");
  CheckText(e, "name_en", d.name_en, false, 0, kMaxEnglishNameChars, "the English name", "英文名称");
  CheckId(e, "region_id", d.region_id, "the region", "所属区域");
  if (d.categories.empty()) {
    Add(e, "categories", "a department handles at least one category", "部门至少承办一类诉求");
  }
  std::set<Category> seen;
  for (size_t i = 0; i < d.categories.size(); ++i) {
    if (!seen.insert(d.categories[i]).second) {
      Add(e, "categories[" + std::to_string(i) + "]", "category \"" + std::string(Name(d.categories[i])) + "\" is listed twice",
          "诉求类别“" + std::string(NameZh(d.categories[i])) + "”重复");
    }
  }
  return e;
}

std::vector<FieldError> ValidateOfficial(const Official& o, std::optional<RegionKind> region_kind) {
  Errors e;
  CheckText(e, "name", o.name, true, 1, kMaxPersonNameChars, "the name", "姓名");
  CheckText(e, "title", o.title, false, 0, kMaxTitleChars, "the title", "职务");
  CheckId(e, "region_id", o.region_id, "the region", "所属区域");
  if (o.department_id && *o.department_id <= 0) {
    Add(e, "department_id", "the department id must be positive", "部门编号应为正数");
  }
  if (region_kind) {
    bool city_region = *region_kind == RegionKind::kCity;
    if (o.rank == Rank::kCity && !city_region) {
      Add(e, "rank", "a city-level official belongs to the city, not to a " + std::string(Name(*region_kind)),
          "市级领导应属于市级区域，而不是" + std::string(NameZh(*region_kind)));
    } else if (o.rank == Rank::kDistrict && city_region) {
      Add(e, "rank", "a district-level official belongs to a district, county or zone, not to the city",
          "区县级领导应属于区、县或功能区，而不是市级区域");
    }
  }
  if (o.liaison_capacity < 0 || o.liaison_capacity > kMaxLiaisonCapacity) {
    Add(e, "liaison_capacity", "the liaison capacity must be between 0 and " + std::to_string(kMaxLiaisonCapacity),
        "联络服务企业数应在0到" + std::to_string(kMaxLiaisonCapacity) + "之间");
  }
  std::set<std::string> industries;
  for (size_t i = 0; i < o.industries.size(); ++i) {
    std::string field = "industries[" + std::to_string(i) + "]";
    if (auto r = ValidateIndustryDivision(o.industries[i]); !r) {
      Add(e, field, r.error().message, r.error().message_zh);
    } else if (!industries.insert(o.industries[i]).second) {
      Add(e, field, "industry " + o.industries[i] + " is listed twice", "行业" + o.industries[i] + "重复");
    }
  }
  std::set<int64_t> conflicts;
  for (size_t i = 0; i < o.conflicts.size(); ++i) {
    std::string field = "conflicts[" + std::to_string(i) + "]";
    const Conflict& c = o.conflicts[i];
    if (c.enterprise_id <= 0) {
      Add(e, field + ".enterprise_id", "the enterprise is required", "须指定企业");
    } else if (!conflicts.insert(c.enterprise_id).second) {
      Add(e, field + ".enterprise_id", "the enterprise is listed twice", "企业重复");
    }
    CheckText(e, field + ".reason", c.reason, false, 0, kMaxReasonChars, "the reason", "原因");
  }
  if (!o.active_from.ok()) {
    Add(e, "active_from", "the start date is not a valid date", "任职开始日期无效");
  }
  if (o.active_to && !o.active_to->ok()) {
    Add(e, "active_to", "the end date is not a valid date", "任职结束日期无效");
  } else if (o.active_to && o.active_from.ok() && *o.active_to < o.active_from) {
    Add(e, "active_to", "the end date is before the start date", "任职结束日期早于开始日期");
  }
  return e;
}

std::vector<FieldError> ValidateEnterprise(const Enterprise& x) {
  Errors e;
  if (x.uscc.empty()) {
    Add(e, "uscc", "the unified social credit code is required", "统一社会信用代码不能为空");
  } else if (auto r = ValidateUscc(x.uscc); !r) {
    Add(e, "uscc", r.error().message, r.error().message_zh);
  }
  CheckText(e, "name", x.name, true, kMinEnterpriseNameChars, kMaxEnterpriseNameChars, "the name", "企业名称");
  CheckId(e, "region_id", x.region_id, "the region", "所属区域");
  CheckText(e, "address", x.address, false, 0, kMaxAddressChars, "the address", "地址");
  auto division = FindIndustryDivision(x.industry_code);
  if (!division) {
    auto r = ValidateIndustryDivision(x.industry_code);
    Add(e, "industry_code", r.error().message, r.error().message_zh);
  } else if (x.industry_section != std::string(1, division->section)) {
    Add(e, "industry_section",
        "division " + x.industry_code + " belongs to section " + division->section + ", not \"" + x.industry_section + "\"",
        "行业大类" + x.industry_code + "属于门类" + division->section + "，而不是“" + x.industry_section + "”");
  }
  CheckNonNegative(e, "employees", x.employees, "the number of employees", "从业人数");
  CheckNonNegative(e, "annual_revenue", x.annual_revenue, "the annual revenue", "年营业收入");
  if (x.above_scale && x.annual_revenue >= 0 && x.annual_revenue < kAboveScaleRevenueYuan) {
    Add(e, "annual_revenue", "an above-scale enterprise has an annual revenue of at least 20,000,000 yuan",
        "规模以上企业年营业收入应不低于2000万元");
  }
  CheckText(e, "contact_name", x.contact_name, false, 0, kMaxPersonNameChars, "the contact's name", "联系人姓名");
  if (!x.contact_phone.empty() && !IsValidPhone(x.contact_phone)) {
    Add(e, "contact_phone",
        "the contact phone must be a mobile number (1[3-9] and 9 digits) or a landline with its area code",
        "联系电话应为手机号（1[3-9]开头共11位）或带区号的固定电话");
  }
  return e;
}

Result<void> ToResult(std::vector<FieldError> errors, std::string_view entity) {
  if (errors.empty()) return Ok();
  std::string n = std::to_string(errors.size());
  Error err = Error::Invalid("directory.invalid_" + std::string(entity),
                             "the " + std::string(entity) + " has " + n + " invalid field" + (errors.size() == 1 ? "" : "s"),
                             "有" + n + "项填写有误");
  err.fields = std::move(errors);
  return err;
}

}  // namespace zhitong::directory
