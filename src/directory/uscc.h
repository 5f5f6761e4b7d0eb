// The 统一社会信用代码 (unified social credit code, USCC) of GB 32100-2015: validation with a
// precise, bilingual reason, and computation of its check characters for generated codes.
//
// Structure (GB 32100-2015 §4): 18 characters from the 31-character set 0-9 A-Z without
// I, O, Z, S, V —
//   position 1      登记管理部门代码 registration authority (table in uscc.cc)
//   position 2      机构类别代码 organisation type, valid per authority (table in uscc.cc)
//   positions 3–8   登记管理机关行政区划码: GB/T 2260 division code of the registering authority
//   positions 9–17  主体标识码: the GB 11714-1997 organisation code, whose 9th character
//                   (position 17) is its own mod-11 check character
//   position 18     check character, ISO 7064-style mod 31 over positions 1–17
//
// Case: ValidateUscc is strict — the standard writes codes in capitals, so a lowercase letter
// is reported (with its position) rather than silently accepted. Callers that take codes from
// people (forms, imports) call NormalizeUscc first; stored codes are always normalised.
//
// Known limitation: some codes issued in early pilot regions before the standard (e.g. Fujian
// 91350100M0001TGQXM, noted in aarioai/id-rule chinese_org_id.go) do not satisfy the check
// character; ValidateUscc rejects them, as the standard requires.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace zhitong::directory {

// The 31 characters of GB 32100-2015 in value order: '0' is 0 … 'Y' is 30.
inline constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
inline constexpr size_t kUsccLength = 18;

// The value of c in kUsccAlphabet, or -1 when c is not in it.
int UsccCharValue(char c);

// Removes ASCII whitespace (inside too: "91 110000 …" is a common way of writing it) and
// upper-cases ASCII letters. Leaves everything else alone, so that ValidateUscc can still
// report it.
std::string NormalizeUscc(std::string_view text);

// Ok iff code is a well-formed USCC. On failure: kInvalid "uscc.invalid" whose messages name
// the first offending position (1-based) and what was expected there.
Result<void> ValidateUscc(std::string_view code);

// GB 11714-1997 check character of an organisation code's first 8 characters (digits or
// capital letters): weights 3,7,9,10,5,8,4,2; C = 11 − (Σ mod 11); 10 → 'X', 11 → '0'.
// Letters count A=10 … Z=35. kInvalid when body8 is not 8 such characters.
Result<char> OrgCodeCheckCharacter(std::string_view body8);

// GB 32100-2015 check character (position 18) of the first 17 characters: weights 3^(i−1)
// mod 31 for position i; C = 31 − (Σ mod 31), 31 → '0'. kInvalid when first17 is not 17
// characters of kUsccAlphabet.
Result<char> UsccCheckCharacter(std::string_view first17);

// The full 18-character code for positions 1–16: computes the organisation-code check
// (position 17) and the final check (position 18). Used by the demo generator. kInvalid when
// first16 is not 16 characters of kUsccAlphabet. The result need not pass ValidateUscc (the
// authority, type and division are not checked here).
Result<std::string> CompleteUscc(std::string_view first16);

// Chinese names of the registration authority (position 1) and organisation type (position 2),
// or "" when not in the standard's table.
std::string_view UsccAuthorityNameZh(char authority);
std::string_view UsccOrgTypeNameZh(char authority, char org_type);

}  // namespace zhitong::directory
