// The semantic checks of a scenario: references between its parts, the flow from the first
// step to every end, the phases, and everything that refers to the asset (zones, landmarks,
// lesions, plans, depths).
#include <algorithm>
#include <glm/geometric.hpp>
#include <map>
#include <set>
#include <sstream>

#include "mnsim/cases/scenario_loader.h"
#include "mnsim/skin/asset_library.h"
#include "cases/scenario_validate.h"

namespace mnsim {

namespace {

class Validator {
 public:
  Validator(Scenario& s, const ScenarioOptions& options, std::vector<Diagnostic>& out)
      : s(s), m_options(options), m_out(out) {}

  void error(const SourceLocation& where, std::string message, ErrorCode code = ErrorCode::Value) {
    m_out.push_back(makeDiagnostic(Severity::Error, code, std::move(message), where));
  }
  void warning(const SourceLocation& where, std::string message) {
    m_out.push_back(makeDiagnostic(Severity::Warning, ErrorCode::Value, std::move(message), where));
  }

  static std::string hinted(std::string message, const std::string& word,
                            const std::vector<std::string>& candidates) {
    const std::string hint = closestMatch(word, candidates);
    if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
    return message;
  }

  void ids() {
    std::set<std::string> visits, steps;
    for (const Visit& v : s.visits)
      if (!v.id.empty() && !visits.insert(v.id).second)
        error(v.where, "visit '" + v.id + "' appears twice");
    for (const Step& st : s.steps)
      if (!st.id.empty() && !steps.insert(st.id).second)
        error(st.where,
              "step '" + st.id + "' appears twice; step ids must be unique in the scenario");
  }

  void references() {
    std::vector<std::string> refIds;
    for (const Reference& r : s.references) refIds.push_back(r.id);
    auto check = [&](const std::vector<std::string>& sources, const SourceLocation& where,
                     const std::string& what) {
      for (const std::string& id : sources)
        if (std::find(refIds.begin(), refIds.end(), id) == refIds.end())
          error(where,
                hinted(what + " cites '" + id + "', which is not in 'references'", id, refIds),
                ErrorCode::Reference);
    };
    for (const Step& st : s.steps) check(st.sources, st.where, "step '" + st.id + "'");
    std::vector<std::string> visitIds;
    for (const Visit& v : s.visits) visitIds.push_back(v.id);
    for (const PatientLesion& l : s.patient.lesions)
      for (const std::string& v : l.visits)
        if (s.findVisit(v) < 0)
          error(l.where,
                hinted("lesion '" + l.name + "' names visit '" + v + "', which does not exist", v,
                       visitIds),
                ErrorCode::Reference);
    for (const Position& p : s.positions)
      check(p.sources, p.where, "the position on '" + p.topic + "'");
    if (s.references.empty() && s.kind == "case")
      warning({s.path, 1, 1},
              "the case cites no 'references'; cite the clinical sources it rests on "
              "(microneedling.md)");
  }

  void flowTarget(const FlowTarget& f) {
    if (m_stepIds.empty())
      for (const Step& st : s.steps) m_stepIds.insert(st.id);
    if (f.kind == FlowTarget::Kind::Step && !m_stepIds.count(f.target)) {
      std::vector<std::string> stepIds;
      for (const Step& st : s.steps) stepIds.push_back(st.id);
      error(f.where,
            hinted("'next' names step '" + f.target + "', which does not exist", f.target, stepIds),
            ErrorCode::Reference);
    }
    if (f.kind == FlowTarget::Kind::Visit && s.findVisit(f.target) < 0) {
      std::vector<std::string> visitIds;
      for (const Visit& v : s.visits) visitIds.push_back(v.id);
      error(f.where,
            hinted("'next_visit' names visit '" + f.target + "', which does not exist", f.target,
                   visitIds),
            ErrorCode::Reference);
    }
  }

  void steps() {
    for (const Step& st : s.steps) {
      if (st.type == StepType::Decision) {
        for (const Choice& c : st.options) flowTarget(c.flow);
      } else {
        flowTarget(st.flow);
      }
      const std::string name = "step '" + st.id + "'";
      switch (st.type) {
        case StepType::Question:
        case StepType::Decision:
        case StepType::Instructions:
        case StepType::Observation: {
          const char* list = st.type == StepType::Observation ? "actions" : "options";
          if (st.type != StepType::Observation && st.options.size() < 2)
            error(st.where, name + " needs at least two " + list + " to choose from");
          if (std::none_of(st.options.begin(), st.options.end(),
                           [](const Choice& c) { return c.correct; }))
            error(st.where, name + " has no " +
                                (st.type == StepType::Observation ? "action" : "option") +
                                " marked 'correct: true'");
          break;
        }
        case StepType::Checklist: {
          if (std::none_of(st.items.begin(), st.items.end(),
                           [](const ChecklistItem& c) { return c.correct; }))
            error(st.where, name + " has no item to do (every item is 'correct: false')");
          std::vector<std::string> itemIds;
          for (const ChecklistItem& c : st.items) itemIds.push_back(c.id);
          for (const OrderRule& rule : st.orderRules) {
            for (const std::string* id : {&rule.first, &rule.then})
              if (!id->empty() && !st.item(*id))
                error(
                    rule.where,
                    hinted("order rule names item '" + *id + "', which " + name + " does not have",
                           *id, itemIds),
                    ErrorCode::Reference);
            if (rule.first == rule.then && !rule.first.empty())
              error(rule.where, "an order rule needs two different items");
            const ChecklistItem* a = st.item(rule.first);
            const ChecklistItem* b = st.item(rule.then);
            if ((a && !a->correct) || (b && !b->correct))
              error(rule.where, "order rules apply to items that should be done; '" +
                                    (a && !a->correct ? a->id : b->id) +
                                    "' is a distractor ('correct: false')");
          }
          break;
        }
        default:
          break;
      }
      if (st.type == StepType::Procedure && st.phase != Phase::Procedure)
        error(st.where, "procedure " + name + " is in the " + phaseId(st.phase) +
                            " phase; needling belongs in the procedure phase");
    }
  }

  void phases() {
    bool present[kPhaseCount] = {};
    for (const Visit& v : s.visits) {
      int last = -1;
      std::set<int> seen;
      for (const PhaseBlock& b : v.phases) {
        const int p = static_cast<int>(b.phase);
        present[p] = true;
        if (!seen.insert(p).second) {
          error(b.where, "phase '" + std::string(phaseId(b.phase)) + "' appears twice in visit '" +
                             v.id + "'");
        } else if (p < last) {
          error(b.where,
                "phase '" + std::string(phaseId(b.phase)) + "' comes after '" +
                    phaseId(static_cast<Phase>(last)) + "' in visit '" + v.id +
                    "'; phases follow the order consultation, preparation, procedure, aftercare, "
                    "recovery, results, maintenance");
        }
        last = std::max(last, p);
        if (b.phase == Phase::Procedure && std::none_of(b.steps.begin(), b.steps.end(), [&](int i) {
              return s.steps[i].type == StepType::Procedure;
            }))
          error(b.where, "the procedure phase of visit '" + v.id + "' has no procedure step");
      }
    }
    if (s.kind == "case") {
      for (Phase ph : allPhases()) {
        if (present[static_cast<int>(ph)]) continue;
        error(m_visitsWhere,
              "missing phase '" + std::string(phaseId(ph)) +
                  "': a case walks through every phase of a clinic session (consultation, "
                  "preparation, procedure, aftercare, recovery, results, maintenance); add it to "
                  "a visit, or set 'kind: drill'");
      }
    }
  }

  void flow() {
    const int n = static_cast<int>(s.steps.size());
    if (n == 0) return;
    // Where each step leads (-1: an end), as followFlow decides, in linear time: the steps in
    // the order the case walks them, and ids by name.
    std::vector<int> order, position(n, -1), visitFirst(s.visits.size(), -1);
    for (size_t v = 0; v < s.visits.size(); ++v)
      for (const PhaseBlock& b : s.visits[v].phases)
        for (int i : b.steps) {
          if (visitFirst[v] < 0) visitFirst[v] = i;
          position[i] = static_cast<int>(order.size());
          order.push_back(i);
        }
    std::map<std::string, int> stepIndex, visitIndex;
    for (int i = n - 1; i >= 0; --i) stepIndex[s.steps[i].id] = i;  // the first of a repeated id
    for (int v = static_cast<int>(s.visits.size()) - 1; v >= 0; --v) visitIndex[s.visits[v].id] = v;
    auto target = [&](int from, const FlowTarget& f) {
      switch (f.kind) {
        case FlowTarget::Kind::Next:
          return position[from] + 1 < static_cast<int>(order.size()) ? order[position[from] + 1]
                                                                     : -1;
        case FlowTarget::Kind::Step: {
          auto it = stepIndex.find(f.target);
          return it == stepIndex.end() ? -1 : it->second;
        }
        case FlowTarget::Kind::Visit: {
          auto it = visitIndex.find(f.target);
          return it == visitIndex.end() ? -1 : visitFirst[it->second];
        }
        case FlowTarget::Kind::End:
          return -1;
      }
      return -1;
    };
    std::vector<std::vector<int>> next(n);  // -1: an end
    for (int i = 0; i < n; ++i) {
      const Step& st = s.steps[i];
      if (st.type == StepType::Decision) {
        for (const Choice& c : st.options) next[i].push_back(target(i, c.flow));
      } else {
        next[i].push_back(target(i, st.flow));
      }
    }
    // Reachable from the first step.
    std::vector<char> reached(n, 0);
    std::vector<int> queue;
    const int start = s.firstStepOfVisit(0);
    if (start < 0) return;
    reached[start] = 1;
    queue.push_back(start);
    for (size_t q = 0; q < queue.size(); ++q)
      for (int t : next[queue[q]])
        if (t >= 0 && !reached[t]) {
          reached[t] = 1;
          queue.push_back(t);
        }
    for (int i = 0; i < n; ++i)
      if (!reached[i])
        warning(s.steps[i].where, "step '" + s.steps[i].id +
                                      "' can never be reached: no step or decision leads to it");
    // Steps from which an end can be reached: backwards from the steps that end the case.
    std::vector<std::vector<int>> previous(n);
    std::vector<char> ends(n, 0);
    std::vector<int> back;
    for (int i = 0; i < n; ++i)
      for (int t : next[i]) {
        if (t >= 0)
          previous[t].push_back(i);
        else if (!ends[i]) {
          ends[i] = 1;
          back.push_back(i);
        }
      }
    for (size_t q = 0; q < back.size(); ++q)
      for (int p : previous[back[q]])
        if (!ends[p]) {
          ends[p] = 1;
          back.push_back(p);
        }
    std::vector<char> reported(n, 0);
    for (int i : queue) {
      if (ends[i] || reported[i]) continue;
      // Every step reachable from here is trapped too: name the loop once.
      std::vector<int> loop{i};
      reported[i] = 1;
      for (size_t q = 0; q < loop.size(); ++q)
        for (int t : next[loop[q]])
          if (t >= 0 && !reported[t]) {
            reported[t] = 1;
            loop.push_back(t);
          }
      std::string path;
      for (size_t k = 0; k < loop.size() && k < 6; ++k)
        path += (k ? " -> " : "") + s.steps[loop[k]].id;
      if (loop.size() > 6) path += " -> ...";
      error(s.steps[i].where, "the case never ends after step '" + s.steps[i].id +
                                  "': every path from it loops (" + path +
                                  "); add a way out: 'next', 'next_visit' or 'end'");
    }
  }

  void asset(const SourceLocation& assetWhere) {
    if (!m_options.assets) {
      warning(assetWhere, "asset '" + s.assetName +
                              "' was not loaded, so zones and landmarks were not checked");
      return;
    }
    auto asset = m_options.assets->asset(s.assetName);
    if (!asset) {
      error(assetWhere, "asset '" + s.assetName + "': " + asset.error().message,
            ErrorCode::Reference);
      return;
    }
    const Asset& a = **asset;
    const std::vector<std::string> zoneIds = a.zones.ids();
    std::vector<std::string> landmarkNames;
    for (const Landmark& l : a.zones.landmarks) landmarkNames.push_back(l.name);
    auto zoneRef = [&](const std::string& id, const SourceLocation& where) {
      if (a.zones.find(id) >= 0) return true;
      error(where,
            hinted("zone '" + id + "' does not exist on asset '" + a.name + "'", id, zoneIds),
            ErrorCode::Reference);
      return false;
    };

    // Lesions: on the skin, near where they are said to be.
    const std::vector<ZoneSummary> summary = summarizeZones(a);
    auto bvh = m_options.assets->bvh(s.assetName);
    for (PatientLesion& l : s.patient.lesions) {
      if (!zoneRef(l.zoneId, l.where)) continue;
      glm::vec3 origin = summary[a.zones.find(l.zoneId)].centroid;
      if (!l.landmark.empty()) {
        const Landmark* lm = a.zones.landmark(l.landmark);
        if (!lm) {
          std::string message =
              hinted("landmark '" + l.landmark + "' does not exist on asset '" + a.name + "'",
                     l.landmark, landmarkNames);
          if (landmarkNames.empty())
            message += " (it has no landmarks; give 'offset_mm' from the zone's centre)";
          error(l.where, message, ErrorCode::Reference);
          continue;
        }
        origin = lm->positionMm;
      }
      const glm::vec3 wanted = origin + l.offsetMm;
      if (!bvh) continue;
      auto hit = (*bvh)->closestPoint(wanted, 15.0f);
      if (!hit) {
        std::ostringstream msg;
        msg << "lesion '" << l.name << "' at (" << wanted.x << ", " << wanted.y << ", " << wanted.z
            << ") mm is more than 15 mm from the skin; check 'offset_mm'";
        error(l.where, msg.str());
        continue;
      }
      l.centerMm = hit->point;
      l.resolved = true;
      const int zone = a.zones.triangleZone[hit->triangle];
      if (a.zones.zones[zone].id != l.zoneId)
        warning(l.where, "lesion '" + l.name + "' lands in zone '" + a.zones.zones[zone].id +
                             "', not in '" + l.zoneId + "'; check 'offset_mm'");
    }

    for (const Visit& v : s.visits)
      for (size_t k = 0; k < v.skin.zones.size(); ++k)
        zoneRef(v.skin.zones[k], v.skin.zoneWhere[k]);

    for (Step& st : s.steps) {
      if (st.type == StepType::Observation)
        for (size_t k = 0; k < st.observation.skin.zones.size(); ++k)
          zoneRef(st.observation.skin.zones[k], st.observation.skin.zoneWhere[k]);
      if (st.type != StepType::Procedure) continue;
      TreatmentPlan& plan = st.procedure.plan;
      // A zone without an id was reported while reading.
      if (std::any_of(plan.zones.begin(), plan.zones.end(),
                      [](const ZonePlan& z) { return z.zoneId.empty(); }))
        continue;
      for (Error& e : resolvePlanAll(plan, a))
        m_out.push_back(Diagnostic{Severity::Error, std::move(e)});
      for (const ZonePlan& z : plan.zones) {
        if (z.zone < 0) continue;
        const ZoneInfo& info = a.zones.zones[z.zone];
        const bool thin = z.thinSkin.value_or(info.thinSkin);
        std::ostringstream msg;
        if (thin && z.depthMaxMm > 0.75f + 1e-4f) {
          msg << "zone '" << z.zoneId << "' is thin skin; its depth range reaches " << z.depthMaxMm
              << " mm, beyond the 0.75 mm the clinical reference proposes for thin facial skin "
                 "(microneedling.md §1b)";
          warning(z.where, msg.str());
        } else if (z.depthMaxMm > 1.5f + 1e-4f) {
          msg << "zone '" << z.zoneId << "' allows " << z.depthMaxMm
              << " mm; safety and effectiveness above 1.5 mm were not evaluated for SkinPen "
                 "(microneedling.md §1c)";
          warning(z.where, msg.str());
        }
      }
      // The patient's no-go lesions apply to every procedure.
      const std::string& visit = s.visits[st.visit].id;
      for (const PatientLesion& l : s.patient.lesions) {
        if (!l.noGo || !l.resolved) continue;
        if (!l.visits.empty() &&
            std::find(l.visits.begin(), l.visits.end(), visit) == l.visits.end())
          continue;
        Lesion lesion;
        lesion.name = l.name;
        lesion.centerMm = l.centerMm;
        lesion.radiusMm = l.radiusMm;
        lesion.where = l.where;
        plan.lesions.push_back(lesion);
      }
    }
  }

  void scoring() {
    bool present[kPhaseCount] = {};
    bool scored[kPhaseCount] = {};
    for (const Visit& v : s.visits)
      for (const PhaseBlock& b : v.phases) {
        present[static_cast<int>(b.phase)] = true;
        for (int i : b.steps)
          if (s.steps[i].scored()) scored[static_cast<int>(b.phase)] = true;
      }
    double weightScored = 0.0;
    for (Phase ph : allPhases()) {
      const int p = static_cast<int>(ph);
      if (scored[p]) weightScored += s.scoring.weights[p];
      if (present[p] && scored[p] && s.scoring.weights[p] <= 0.0)
        warning(m_visitsWhere,
                std::string("phase '") + phaseId(ph) +
                    "' has scored steps but weight 0 in 'scoring.weights', so they do not count");
    }
    if (weightScored <= 0.0)
      error(m_visitsWhere, "no phase with a weight has a scored step; nothing would be scored");
  }

  // With reading errors the model is incomplete: only checks that look at what is there run,
  // so that missing parts do not show up as made-up reference errors.
  void run(const SourceLocation& assetWhere, const SourceLocation& visitsWhere, bool partial) {
    m_visitsWhere = visitsWhere;
    ids();
    if (!partial) {
      references();
      steps();
      phases();
      flow();
      scoring();
    }
    asset(assetWhere);
  }

  Scenario& s;

 private:
  const ScenarioOptions& m_options;
  std::vector<Diagnostic>& m_out;
  SourceLocation m_visitsWhere;
  std::set<std::string> m_stepIds;
};

}  // namespace

void validateScenario(Scenario& scenario, const ScenarioOptions& options,
                      std::vector<Diagnostic>& out, const SourceLocation& assetWhere,
                      const SourceLocation& visitsWhere, bool partial) {
  Validator(scenario, options, out).run(assetWhere, visitsWhere, partial);
}

}  // namespace mnsim
