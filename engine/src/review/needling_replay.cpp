#include "mnsim/review/needling_replay.h"

#include <algorithm>
#include <cassert>

namespace mnsim {

namespace {

// Keyframes every so many changes: at most about 48 of them in a long run (each a copy of the
// coverage: 12 bytes a skin sample), and never so far apart that a seek applies more than a few
// thousand changes (about 0.4 us each).
size_t chooseKeyframeEvery(size_t changes) { return std::max<size_t>(1024, (changes + 47) / 48); }

}  // namespace

NeedlingReplay::NeedlingReplay(const NeedlingReplayDesc& desc)
    : m_log(std::make_unique<CoverageLog>(desc.model->samples().zoneCount())),
      m_cursor(&desc.model->samples()) {
  assert(desc.model && desc.plan && "NeedlingReplay: model and plan are required");
  SessionDesc sd;
  sd.model = desc.model;
  sd.plan = desc.plan;
  sd.coverageLog = m_log.get();
  m_session = std::make_unique<ProcedureSession>(sd);
  if (!desc.samples.empty()) m_session->reserve(desc.samples.back().timeS);
  m_changesAfterSample.reserve(desc.samples.size());
  for (const PenSample& s : desc.samples) {
    m_session->addSample(s);
    m_changesAfterSample.push_back(m_log->size());
  }
  m_changesBeforeFinish = m_log->size();
  m_session->finish();
  m_result = m_session->result();

  m_keyframeEvery = desc.keyframeEvery ? desc.keyframeEvery : chooseKeyframeEvery(m_log->size());
  CoverageMap walk(&desc.model->samples());
  m_keyframes.push_back(walk);
  for (size_t from = 0; from + m_keyframeEvery <= m_log->size(); from += m_keyframeEvery) {
    m_log->replay(walk, from, from + m_keyframeEvery);
    m_keyframes.push_back(walk);
  }
  uint32_t lastStroke = UINT32_MAX;
  for (const Stamp& st : m_session->stamps()) {
    if (st.stroke != lastStroke) m_strokeStartsS.push_back(st.timeS);
    lastStroke = st.stroke;
  }
}

NeedlingReplay::~NeedlingReplay() = default;

double NeedlingReplay::durationS() const { return samples().empty() ? 0.0 : samples().back().timeS; }

size_t NeedlingReplay::bytes() const {
  size_t keyframe = 0;
  if (!m_keyframes.empty()) {
    const CoverageMap& k = m_keyframes.front();
    keyframe = k.densityPerCm2().size() * (sizeof(float) * 2 + sizeof(uint32_t));
  }
  return m_log->bytes() + keyframe * m_keyframes.size() + m_changesAfterSample.size() * sizeof(size_t);
}

size_t NeedlingReplay::changesAt(double timeS, bool finished) const {
  if (finished) return m_log->size();
  const long i = sampleAt(timeS);
  return i < 0 ? 0 : std::min(m_changesAfterSample[static_cast<size_t>(i)], m_changesBeforeFinish);
}

SeekChange NeedlingReplay::seek(double timeS, bool finished, std::vector<Footprint>* changed) {
  m_timeS = timeS;
  const size_t target = changesAt(timeS, finished);
  if (target == m_cursorChanges) return SeekChange::None;
  if (target > m_cursorChanges && target - m_cursorChanges <= m_keyframeEvery) {
    // Applied from here; listed only when few (drawing thousands of footprints one by one costs
    // more than drawing everything again).
    const bool list = changed && target - m_cursorChanges <= kMaxListedChanges;
    m_log->replay(m_cursor, m_cursorChanges, target, list ? changed : nullptr);
    m_cursorChanges = target;
    return list || !changed ? SeekChange::Forward : SeekChange::Reset;
  }
  const size_t k = std::min(target / m_keyframeEvery, m_keyframes.size() - 1);
  m_cursor = m_keyframes[k];
  m_log->replay(m_cursor, k * m_keyframeEvery, target);
  m_cursorChanges = target;
  return SeekChange::Reset;
}

long NeedlingReplay::sampleAt(double timeS) const {
  const auto& s = samples();
  const auto it = std::upper_bound(s.begin(), s.end(), timeS, [](double t, const PenSample& p) { return t < p.timeS; });
  return static_cast<long>(it - s.begin()) - 1;
}

long NeedlingReplay::stampAt(double timeS) const {
  const auto& s = stamps();
  const auto it = std::upper_bound(s.begin(), s.end(), timeS, [](double t, const Stamp& p) { return t < p.timeS; });
  return static_cast<long>(it - s.begin()) - 1;
}

namespace {

// The last time before t and the first after it in a sorted list (t when there is none); a
// hair's tolerance so that stepping from a stamp's own time moves on.
double before(const std::vector<double>& times, double t) {
  const auto it = std::lower_bound(times.begin(), times.end(), t - 1e-9);
  return it == times.begin() ? t : *(it - 1);
}
double after(const std::vector<double>& times, double t) {
  const auto it = std::upper_bound(times.begin(), times.end(), t + 1e-9);
  return it == times.end() ? t : *it;
}

}  // namespace

double NeedlingReplay::previousStampS(double timeS) const {
  const long i = stampAt(timeS - 1e-9);
  return i < 0 ? timeS : stamps()[static_cast<size_t>(i)].timeS;
}

double NeedlingReplay::nextStampS(double timeS) const {
  const long i = stampAt(timeS + 1e-9) + 1;
  return static_cast<size_t>(i) < stamps().size() ? stamps()[static_cast<size_t>(i)].timeS : timeS;
}

double NeedlingReplay::previousStrokeS(double timeS) const { return before(m_strokeStartsS, timeS); }
double NeedlingReplay::nextStrokeS(double timeS) const { return after(m_strokeStartsS, timeS); }

}  // namespace mnsim
