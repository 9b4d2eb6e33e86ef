#include "mnsim/runs/run_file.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cases/case_json_internal.h"
#include "mnsim/base/files.h"
#include "mnsim/base/hash.h"
#include "mnsim/formats/trace_file.h"
#include "mnsim/runs/run_log.h"

namespace mnsim {

namespace {

using Json = OrderedJson;

// Reading a run: every problem names the JSON path, e.g. "steps[3].time_s".
class RunReader {
 public:
  explicit RunReader(std::string file) : m_file(std::move(file)) {}

  std::optional<Error> error;

  void fail(const std::string& path, const std::string& message) {
    if (!error) error = makeError(ErrorCode::Format, path + ": " + message, {m_file, 0, 0});
  }

  const Json* member(const Json& object, const std::string& path, const char* key,
                     bool required = true) {
    if (!object.is_object()) {
      fail(path, "must be an object");
      return nullptr;
    }
    auto it = object.find(key);
    if (it == object.end()) {
      if (required) fail(path, std::string("missing '") + key + "'");
      return nullptr;
    }
    return &*it;
  }

  std::string text(const Json& object, const std::string& path, const char* key,
                   bool required = true) {
    const Json* v = member(object, path, key, required);
    if (!v) return {};
    if (!v->is_string()) {
      fail(path + "." + key, "must be text");
      return {};
    }
    return v->get<std::string>();
  }

  double number(const Json& object, const std::string& path, const char* key,
                bool required = true) {
    const Json* v = member(object, path, key, required);
    if (!v) return 0.0;
    if (!v->is_number()) {
      fail(path + "." + key, "must be a number");
      return 0.0;
    }
    const double d = v->get<double>();
    if (!std::isfinite(d)) fail(path + "." + key, "must be finite");
    return d;
  }

  std::vector<std::string> texts(const Json& object, const std::string& path, const char* key) {
    std::vector<std::string> out;
    const Json* v = member(object, path, key);
    if (!v) return out;
    if (!v->is_array()) {
      fail(path + "." + key, "must be a list of texts");
      return out;
    }
    for (const Json& item : *v) {
      if (!item.is_string()) {
        fail(path + "." + key, "must be a list of texts");
        return out;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  Answer answer(const Json& j, const std::string& path, StepType type) {
    Answer a;
    if (!j.is_object()) {
      fail(path, "must be an object");
      return a;
    }
    const AnswerFields fields = answerFields(type);
    if (fields.assessment) a.assessment = text(j, path, "assessment");
    if (fields.choices) a.choices = texts(j, path, "choices");
    if (fields.wait) a.waitS = number(j, path, "wait_s");
    if (fields.schedule) {
      if (j.contains("sessions")) a.sessions = number(j, path, "sessions");
      if (j.contains("interval_weeks")) a.intervalWeeks = number(j, path, "interval_weeks");
      if (j.contains("maintenance_months")) a.maintenanceMonths = number(j, path, "maintenance_months");
    }
    return a;
  }

  RunFile read(const Json& root) {
    RunFile run;
    run.path = m_file;
    if (!root.is_object()) {
      fail("the run", "must be a JSON object");
      return run;
    }
    const std::string format = text(root, "the run", "format");
    if (error) return run;
    if (auto problem = checkFormatTag(format, kRunFileFormat)) {
      fail("format", *problem);
      return run;
    }
    run.createdBy = text(root, "the run", "created_by", false);
    if (const Json* sc = member(root, "the run", "scenario")) {
      run.scenarioPath = text(*sc, "scenario", "path");
      run.scenarioId = text(*sc, "scenario", "id");
      run.scenarioSha256 = text(*sc, "scenario", "sha256");
    }
    if (const Json* as = member(root, "the run", "asset")) {
      run.assetName = text(*as, "asset", "name");
      run.assetHash = text(*as, "asset", "hash");
    }
    if (const Json* seed = member(root, "the run", "seed")) {
      if (!seed->is_number_unsigned() && !(seed->is_number_integer() && seed->get<int64_t>() >= 0))
        fail("seed", "must be a whole number from 0");
      else
        run.seed = seed->get<uint64_t>();
    }
    if (const Json* draws = member(root, "the run", "draws")) {
      if (!draws->is_array()) {
        fail("draws", "must be a list");
      } else {
        for (size_t i = 0; i < draws->size(); ++i) {
          const std::string path = "draws[" + std::to_string(i) + "]";
          const Json& d = (*draws)[i];
          Draw out;
          out.path = text(d, path, "path");
          const Json* v = member(d, path, "value");
          if (v && v->is_number()) {
            out.number = v->get<double>();
          } else if (v && v->is_string()) {
            out.numeric = false;
            out.text = v->get<std::string>();
          } else if (v) {
            fail(path + ".value", "must be a number or a text");
          }
          run.draws.push_back(out);
        }
      }
    }
    if (const Json* steps = member(root, "the run", "steps")) {
      if (!steps->is_array()) {
        fail("steps", "must be a list");
      } else {
        for (size_t i = 0; i < steps->size() && !error; ++i) {
          const std::string path = "steps[" + std::to_string(i) + "]";
          const Json& s = (*steps)[i];
          RunStep st;
          st.stepId = text(s, path, "step");
          st.visitId = text(s, path, "visit", false);
          const std::string type = text(s, path, "type");
          if (error) break;
          auto t = stepTypeFromId(type);
          if (!t) {
            fail(path + ".type", "unknown step type '" + type + "'");
            break;
          }
          st.type = *t;
          st.timeS = number(s, path, "time_s");
          if (st.type == StepType::Procedure) {
            if (const Json* trace = member(s, path, "trace")) {
              st.traceSource = text(*trace, path + ".trace", "source");
              st.traceCsv = text(*trace, path + ".trace", "csv");
              st.traceSha256 = text(*trace, path + ".trace", "sha256");
            }
          } else if (const Json* a = member(s, path, "answer")) {
            st.answer = answer(*a, path + ".answer", st.type);
          }
          run.steps.push_back(std::move(st));
        }
      }
    }
    if (auto it = root.find("result"); it != root.end()) run.resultJson = it->dump();
    return run;
  }

 private:
  std::string m_file;
};

}  // namespace

RunFile makeRun(const CaseSession& session, const std::string& createdBy) {
  const Scenario& sc = session.scenario();
  RunFile run;
  run.createdBy = createdBy;
  run.scenarioPath = sc.path;
  run.scenarioId = sc.id;
  run.scenarioSha256 = sc.sha256;
  run.assetName = sc.assetName;
  run.assetHash = session.result().assetHash;
  run.seed = session.seed();
  run.draws = session.draws();
  for (const RecordedStep& r : session.record()) {
    RunStep st;
    st.stepId = r.stepId;
    st.visitId = r.visitId;
    st.type = sc.steps[sc.findStep(r.stepId)].type;
    st.timeS = r.timeS;
    st.answer = r.answer;
    if (r.procedure) {
      st.traceSource = r.traceName;
      st.traceCsv = formatTrace(r.samples);
      st.traceSha256 = sha256Hex(st.traceCsv);
    }
    run.steps.push_back(std::move(st));
  }
  return run;
}

std::string runToJson(const RunFile& run, const CaseResult& result) {
  Json j;
  j["format"] = kRunFileFormat.tag();
  j["created_by"] = run.createdBy;
  j["scenario"] = {
      {"path", run.scenarioPath}, {"id", run.scenarioId}, {"sha256", run.scenarioSha256}};
  j["asset"] = {{"name", run.assetName}, {"hash", run.assetHash}};
  j["seed"] = run.seed;
  j["draws"] = drawsToJson(run.draws);
  Json steps = Json::array();
  for (const RunStep& s : run.steps) {
    Json sj;
    sj["step"] = s.stepId;
    sj["visit"] = s.visitId;
    sj["type"] = stepTypeId(s.type);
    sj["time_s"] = s.timeS;  // unrounded: the replay must see the same clock
    if (s.type == StepType::Procedure)
      sj["trace"] = {{"source", s.traceSource}, {"sha256", s.traceSha256}, {"csv", s.traceCsv}};
    else
      sj["answer"] = answerToJson(s.type, s.answer);
    steps.push_back(sj);
  }
  j["steps"] = steps;
  j["result"] = caseResultJson(result);
  return j.dump(1) + "\n";
}

Status writeRun(const RunFile& run, const CaseResult& result, const std::string& path) {
  // Written beside the target and renamed over it: a crash never leaves half a run.
  return writeFileAtomic(path, runToJson(run, result), "run file");
}

Result<RunFile> runFromLog(const RunLog& log) {
  RunFile run;
  run.path = log.path;
  run.formatVersion = 2;
  run.header = log.header;
  const RunHeader& h = log.header;
  run.createdBy = h.createdBy;
  run.scenarioPath = h.kind == "case" ? h.scenarioPath : h.planPath;
  run.scenarioId = h.scenarioId;
  run.scenarioSha256 = h.kind == "case" ? h.scenarioSha256 : h.planSha256;
  run.assetName = h.assetName;
  run.assetHash = h.assetHash;
  run.seed = h.seed;
  run.draws = h.draws;
  run.unfinished = !log.seal;
  run.interrupted = log.seal && log.seal->status == "interrupted";
  RunReader reader(log.path);
  RunStep* open = nullptr;  // the needling under way
  std::string cartridge = h.cartridgeId;
  for (const JournalEvent& e : log.events) {
    const std::string where = "event " + std::to_string(e.index) + " (" + runEventKindName(e.kind) + ")";
    if (e.kind == RunEventKind::Sample) {
      if (!open) return makeError(ErrorCode::Value, where + ": a pen sample outside any needling", {log.path, 0, 0});
      open->samples.push_back(e.sample);
      continue;
    }
    if (e.kind == RunEventKind::Header || e.kind == RunEventKind::Step || e.kind == RunEventKind::Gap) continue;
    Json j = Json::parse(e.json, nullptr, false);
    if (!j.is_object()) return makeError(ErrorCode::Format, where + ": not a JSON object", {log.path, 0, 0});
    if (e.kind == RunEventKind::Result) {
      run.resultJson = e.json;
      continue;
    }
    if (e.kind == RunEventKind::Control) {
      // Not j.value(): it throws when a key holds another type. Only a cartridge change matters.
      const auto what = j.find("what"), changed = j.find("cartridge");
      if (what != j.end() && *what == "cartridge" && changed != j.end() && changed->is_string())
        cartridge = changed->get<std::string>();
      continue;
    }
    if (e.kind == RunEventKind::Interrupted) {
      if (open) open->interrupted = true;
      open = nullptr;
      run.interrupted = true;
      continue;
    }
    if (e.kind == RunEventKind::NeedlingBegin) {
      if (open) return makeError(ErrorCode::Value, where + ": the needling before it never ended", {log.path, 0, 0});
      RunStep st;
      st.type = StepType::Procedure;
      st.stepId = reader.text(j, where, "step", h.kind == "case");
      st.visitId = reader.text(j, where, "visit", false);
      st.exactSamples = true;
      st.cartridgeId = cartridge;
      run.steps.push_back(std::move(st));
      open = &run.steps.back();
    } else if (e.kind == RunEventKind::NeedlingEnd) {
      if (!open) return makeError(ErrorCode::Value, where + ": no needling had begun", {log.path, 0, 0});
      open->timeS = reader.number(j, where, "time_s");
      open->traceSource = reader.text(j, where, "trace");
      open = nullptr;
    } else if (e.kind == RunEventKind::Answer) {
      if (open) return makeError(ErrorCode::Value, where + ": an answer during a needling", {log.path, 0, 0});
      RunStep st;
      st.stepId = reader.text(j, where, "step");
      st.visitId = reader.text(j, where, "visit", false);
      const std::string type = reader.text(j, where, "type");
      if (reader.error) break;
      auto t = stepTypeFromId(type);
      if (!t || *t == StepType::Procedure)
        return makeError(ErrorCode::Value, where + ": '" + type + "' is not a step type that is answered",
                         {log.path, 0, 0});
      st.type = *t;
      st.timeS = reader.number(j, where, "time_s");
      if (const Json* a = reader.member(j, where, "answer")) st.answer = reader.answer(*a, where + ".answer", st.type);
      run.steps.push_back(std::move(st));
    }
    if (reader.error) return *reader.error;
  }
  if (reader.error) return *reader.error;
  if (open) open->interrupted = true;  // never ended: the run was cut short during it
  return run;
}

Result<RunFile> parseRun(std::string_view text, const std::string& name) {
  if (isRunLog(text)) {
    auto log = readRunLog(text, name);
    if (!log) return log.error();
    if (log->damage && !log->tornTail)
      return makeError(ErrorCode::Value,
                       "the run has been altered (" + *log->damage + "); it is not scored ('mnsim verify' says more)",
                       {name, 0, 0});
    if (log->seal && !log->seal->signatureValid && log->seal->hasSignature)
      return makeError(ErrorCode::Value, "the run's seal does not match its signature; it is not scored", {name, 0, 0});
    // Frames taken out or replaced (checksums and chain made again): the seal says otherwise.
    if (log->seal && (log->seal->events != log->eventCount || log->seal->frames != log->frames ||
                      log->seal->chainHex != toHex(log->chain)))
      return makeError(ErrorCode::Value,
                       "the run has been altered (its events do not match its seal); it is not scored ('mnsim verify' "
                       "says more)",
                       {name, 0, 0});
    return runFromLog(*log);
  }
  Json root;
  try {
    root = Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // Byte offset to line and column.
    int line = 1, column = 1;
    const size_t end = std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
    for (size_t i = 0; i < end; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    std::string what = e.what();
    if (auto p = what.find("syntax error"); p != std::string::npos) what = what.substr(p);
    // nlohmann quotes everything it read of the last token, which can be most of a trace.
    if (auto p = what.find("; last read: "); p != std::string::npos) what.erase(p);
    if (e.byte >= text.size()) what += " (the file ends early: is it cut short?)";
    return makeError(ErrorCode::Syntax, "JSON " + what, {name, line, column});
  } catch (const nlohmann::json::exception& e) {
    return makeError(ErrorCode::Syntax, std::string("JSON: ") + e.what(), {name, 0, 0});
  }
  RunReader reader(name);
  RunFile run;
  try {
    run = reader.read(root);
  } catch (const nlohmann::json::exception& e) {
    return makeError(ErrorCode::Format, std::string("unexpected JSON structure: ") + e.what(),
                     {name, 0, 0});
  }
  if (reader.error) return *reader.error;
  return run;
}

Result<RunFile> readRun(const std::string& path) {
  auto text = readFile(path, "run file");
  if (!text) return text.error();
  return parseRun(*text, path);
}

}  // namespace mnsim
