// Field validation of directory entities before they are stored: every problem at once, as
// bilingual FieldErrors, so that a form or an import row can show all of them together. Pure
// functions of their arguments; cross-entity rules (does region 7 exist? is the USCC already
// taken?) belong to the service that has the database.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "directory/model.h"

namespace zhitong::directory {

// Length limits, in characters (Unicode code points), not bytes.
inline constexpr size_t kMaxRegionNameChars = 50;
inline constexpr size_t kMaxDepartmentNameChars = 50;
inline constexpr size_t kMaxEnglishNameChars = 200;
inline constexpr size_t kMaxDepartmentCodeChars = 40;
inline constexpr size_t kMaxPersonNameChars = 30;
inline constexpr size_t kMaxTitleChars = 100;
inline constexpr size_t kMinEnterpriseNameChars = 4;
inline constexpr size_t kMaxEnterpriseNameChars = 100;
inline constexpr size_t kMaxAddressChars = 200;
inline constexpr size_t kMaxReasonChars = 200;
inline constexpr int kMaxLiaisonCapacity = 500;

// The number of code points of text, or nullopt when text is not well-formed UTF-8 (overlong
// forms, surrogates and values above U+10FFFF are not well-formed).
std::optional<size_t> Utf8Length(std::string_view text);

// True iff phone is a mainland mobile number, 1[3-9] and 9 more digits ("13905330001"), or a
// landline with its area code: 0, then 2–3 digits, an optional '-', 7–8 digits, and an optional
// extension of '-' and 1–6 digits ("0533-2181234", "01012345678-123"). No spaces, no "+86":
// NormalizePhone removes those first.
bool IsValidPhone(std::string_view phone);

// Removes spaces and a leading "+86" / "0086" / "86-" country prefix; leaves the rest alone.
std::string NormalizePhone(std::string_view phone);

// Each returns the empty vector iff the entity is valid. Field names are the model's member
// names ("annual_revenue"); for elements of a list, "industries[2]".
std::vector<FieldError> ValidateRegion(const Region& region);
std::vector<FieldError> ValidateDepartment(const Department& department);
// region_kind: the kind of official.region_id's region when the caller knows it; the rank must
// match it (city rank ↔ the city; district rank ↔ a district, county or zone).
std::vector<FieldError> ValidateOfficial(const Official& official, std::optional<RegionKind> region_kind);
std::vector<FieldError> ValidateEnterprise(const Enterprise& enterprise);

// The FieldErrors as one kInvalid Error "directory.invalid_<entity>", or Ok when there are none.
Result<void> ToResult(std::vector<FieldError> errors, std::string_view entity);

}  // namespace zhitong::directory
