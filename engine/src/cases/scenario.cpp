#include "mnsim/cases/scenario.h"

namespace mnsim {

const std::vector<std::string>& skinFeatureIds() {
  // What the face can show: treatment endpoints, the normal course of healing, complications,
  // and the conditions being treated (microneedling.md §2, §6).
  static const std::vector<std::string> ids = {"erythema",
                                               "swelling",
                                               "pinpoint_bleeding",
                                               "bruising",
                                               "peeling",
                                               "crusting",
                                               "pustules",
                                               "vesicles",
                                               "papules",
                                               "hyperpigmentation",
                                               "scars",
                                               "lines",
                                               "laxity",
                                               "pores",
                                               "melasma",
                                               "striae",
                                               "hair_density",
                                               "inflammatory_acne"};
  return ids;
}

const std::array<double, kPhaseCount>& defaultPhaseWeights() {
  // Consultation and the procedure carry most: deciding whether to treat and needling well
  // are where patients are harmed (product.md §2). mnsim default, documented in the guide.
  static const std::array<double, kPhaseCount> weights = {25, 15, 30, 10, 10, 5, 5};
  return weights;
}

double ScoringSpec::threshold(Phase phase) const {
  const auto& t = phaseThresholds[static_cast<int>(phase)];
  return t ? *t : phaseThreshold;
}

const Choice* Step::option(std::string_view id) const {
  for (const Choice& c : options)
    if (c.id == id) return &c;
  return nullptr;
}

const ChecklistItem* Step::item(std::string_view id) const {
  for (const ChecklistItem& c : items)
    if (c.id == id) return &c;
  return nullptr;
}

bool Step::scored() const {
  return type != StepType::Narrative && points > 0.0;
}

int Scenario::findStep(std::string_view stepId) const {
  for (size_t i = 0; i < steps.size(); ++i)
    if (steps[i].id == stepId) return static_cast<int>(i);
  return -1;
}

int Scenario::findVisit(std::string_view visitId) const {
  for (size_t i = 0; i < visits.size(); ++i)
    if (visits[i].id == visitId) return static_cast<int>(i);
  return -1;
}

int Scenario::firstStepOfVisit(int visit) const {
  if (visit < 0 || visit >= static_cast<int>(visits.size())) return -1;
  for (const PhaseBlock& p : visits[visit].phases)
    if (!p.steps.empty()) return p.steps.front();
  return -1;
}

int Scenario::nextInOrder(int step) const {
  if (step < 0 || step >= static_cast<int>(steps.size())) return -1;
  const Step& s = steps[step];
  const Visit& v = visits[s.visit];
  bool found = false;
  for (const PhaseBlock& p : v.phases) {
    for (int id : p.steps) {
      if (found) return id;
      if (id == step) found = true;
    }
  }
  for (int k = s.visit + 1; k < static_cast<int>(visits.size()); ++k)
    if (int first = firstStepOfVisit(k); first >= 0) return first;
  return -1;
}

FlowResult followFlow(const Scenario& scenario, int fromStep, const FlowTarget& target) {
  FlowResult out;
  switch (target.kind) {
    case FlowTarget::Kind::Next:
      out.step = scenario.nextInOrder(fromStep);
      break;
    case FlowTarget::Kind::Step:
      out.step = scenario.findStep(target.target);
      break;
    case FlowTarget::Kind::Visit:
      out.step = scenario.firstStepOfVisit(scenario.findVisit(target.target));
      break;
    case FlowTarget::Kind::End:
      out.step = -1;
      out.outcome = target.outcome;
      break;
  }
  return out;
}

}  // namespace mnsim
