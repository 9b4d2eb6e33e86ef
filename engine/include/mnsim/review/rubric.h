// The assessor's rubric (docs/rubric.md): an OSATS-style global rating of five items scored 1-5,
// a DOPS-style checklist of eight items, and an overall judgement. Every item is pre-filled from
// the run's recomputed results by a documented mapping, with a line saying why; the assessor may
// change any item, and a change needs a reason, kept beside the pre-filled value.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mnsim/base/error.h"
#include "mnsim/cases/case_result.h"
#include "mnsim/procedure/result.h"

namespace mnsim {

// A DOPS checklist item as observed.
enum class CheckValue { NotObserved, NotMet, Met };
const char* checkValueId(CheckValue value);  // "not_observed", "not_met", "met"
std::optional<CheckValue> checkValueFromId(std::string_view id);

// The overall judgement (DOPS wording).
enum class Judgement { NotGiven, Below, Borderline, Meets, Above };
const char* judgementId(Judgement value);    // "not_given", "below", "borderline", "meets", "above"
const char* judgementName(Judgement value);  // "Below expectations", ...
std::optional<Judgement> judgementFromId(std::string_view id);

// One rubric item: the pre-filled value, why, and the assessor's value when it differs.
template <typename V>
struct RubricItem {
  std::string id;              // stable: "respect_for_tissue", "consent", "overall"
  std::string title;           // as the rubric shows it
  V prefilled{};               // from the run's metrics (an OSATS 0: no basis, the assessor rates)
  std::string basis;           // the metrics behind the pre-filled value, one line
  V value{};                   // what stands (the pre-filled value unless overridden)
  std::string overrideReason;  // why the assessor changed it ("" when not changed)
  bool overridden() const { return value != prefilled; }
};
using RatingItem = RubricItem<int>;        // OSATS: 1-5
using CheckItem = RubricItem<CheckValue>;  // DOPS
using JudgementItem = RubricItem<Judgement>;

struct Rubric {
  std::vector<RatingItem> osats;  // five items, in the order of docs/rubric.md
  std::vector<CheckItem> dops;    // eight items
  JudgementItem overall;
  int osatsTotal() const;         // sum of the values (5-25; 0 when an item is unrated)
};

// The rubric pre-filled from a case's result (caseResult) or a free needling's (needling); one
// of the two is given.
Rubric prefillRubric(const CaseResult* caseResult, const ProcedureResult* needling);

// The assessor's change to an item: refused (nothing changes) when the value is out of range or
// differs from the pre-filled one without a reason. Setting the pre-filled value back clears the
// reason.
Status overrideItem(RatingItem& item, int value, std::string_view reason);
Status overrideItem(CheckItem& item, CheckValue value, std::string_view reason);
Status overrideItem(JudgementItem& item, Judgement value, std::string_view reason);
// Ready to sign: every rating 1-5, an overall judgement given, every change with a reason. The
// error names the first item that is not.
Status checkRubricComplete(const Rubric& rubric);

}  // namespace mnsim
