#include "mnsim/run.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "case_json_internal.h"
#include "mnsim/sha256.h"
#include "mnsim/trace.h"

namespace mnsim {

namespace {

using Json = OrderedJson;

std::string fileText(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  if (!ok) return {};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

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
    switch (type) {
      case StepType::Narrative:
      case StepType::Procedure:
        break;
      case StepType::Question:
      case StepType::Decision:
      case StepType::Instructions:
      case StepType::Checklist:
        a.choices = texts(j, path, "choices");
        break;
      case StepType::Observation:
        a.assessment = text(j, path, "assessment");
        a.choices = texts(j, path, "choices");
        break;
      case StepType::Timer:
        a.waitS = number(j, path, "wait_s");
        break;
      case StepType::Schedule:
        if (j.contains("sessions")) a.sessions = number(j, path, "sessions");
        if (j.contains("interval_weeks")) a.intervalWeeks = number(j, path, "interval_weeks");
        if (j.contains("maintenance_months"))
          a.maintenanceMonths = number(j, path, "maintenance_months");
        break;
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
    const auto slash = format.find('/');
    if (format.substr(0, slash) != "mnsim-run") {
      fail("format", "this is a '" + format + "' file, expected '" + std::string(kRunFormat) + "'");
      return run;
    }
    if (format != kRunFormat) {
      fail("format",
           "'" + format + "' is not a version this mnsim reads (" + kRunFormat + "); update mnsim");
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
  j["format"] = kRunFormat;
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
  const std::string temp = path + ".partial";
  {
    std::ofstream out(temp, std::ios::binary);
    if (!out) return makeError(ErrorCode::Io, "cannot write the run file", {path, 0, 0});
    out << runToJson(run, result);
    out.flush();
    if (!out) {
      out.close();
      std::remove(temp.c_str());
      return makeError(ErrorCode::Io, "writing the run file failed (is the disk full?)", {path, 0, 0});
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return makeError(ErrorCode::Io, "cannot replace the run file", {path, 0, 0});
  }
  return Ok{};
}

Result<RunFile> parseRun(std::string_view text, const std::string& name) {
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
  bool ok = false;
  const std::string text = fileText(path, ok);
  if (!ok) return makeError(ErrorCode::Io, "cannot open the run file", {path, 0, 0});
  return parseRun(text, path);
}

Result<CaseResult> replayRun(const RunFile& run, const Scenario& scenarioIn,
                             const SkinModel& model) {
  const SourceLocation where{run.path, 0, 0};
  if (scenarioIn.sha256 != run.scenarioSha256)
    return makeError(
        ErrorCode::Value,
        "the scenario '" + scenarioIn.path + "' has changed since the run was recorded (sha256 " +
            scenarioIn.sha256.substr(0, 12) + "…, recorded " + run.scenarioSha256.substr(0, 12) +
            "…); score the run with the scenario it was recorded with",
        where);
  if (!run.assetHash.empty() && model.asset().contentHash != run.assetHash)
    return makeError(ErrorCode::Value,
                     "the asset '" + run.assetName + "' has changed since the run was recorded (" +
                         model.asset().contentHash.substr(0, 19) + "…, recorded " +
                         run.assetHash.substr(0, 19) + "…); the result could not be reproduced",
                     where);
  Scenario scenario = scenarioIn;
  scenario.path = run.scenarioPath;  // results name the scenario as recorded
  auto created = CaseSession::create({&scenario, &model, run.seed});
  if (!created) return created.error();
  CaseSession& session = **created;
  if (session.draws().size() != run.draws.size())
    return makeError(ErrorCode::Value,
                     "the run's draws do not match what its seed draws from the scenario", where);
  for (size_t i = 0; i < run.draws.size(); ++i) {
    const Draw &a = session.draws()[i], &b = run.draws[i];
    if (a.path != b.path || a.numeric != b.numeric || a.number != b.number || a.text != b.text)
      return makeError(
          ErrorCode::Value,
          "draws[" + std::to_string(i) + "] (" + b.path + ") does not match what the seed draws",
          where);
  }
  for (size_t i = 0; i < run.steps.size(); ++i) {
    const RunStep& st = run.steps[i];
    const std::string path = "steps[" + std::to_string(i) + "]";
    const Step* current = session.currentStep();
    if (!current)
      return makeError(ErrorCode::Value,
                       path + ": the run answers step '" + st.stepId + "' after the case has ended",
                       where);
    if (current->id != st.stepId)
      return makeError(ErrorCode::Value,
                       path + ": the run answers step '" + st.stepId +
                           "' where the case is at step '" + current->id + "'",
                       where);
    if (current->type != st.type)
      return makeError(ErrorCode::Value,
                       path + ": step '" + st.stepId + "' is a " + stepTypeId(current->type) +
                           " step, recorded as " + stepTypeId(st.type),
                       where);
    if (st.type == StepType::Procedure) {
      if (sha256Hex(st.traceCsv) != st.traceSha256)
        return makeError(ErrorCode::Value, path + ": the trace's sha256 does not match its samples",
                         where);
      auto trace = parseTrace(st.traceCsv, run.path + " " + path + ".trace",
                              traceLimits(current->procedure.plan));
      if (!trace) return trace.error();
      ProcedureSession* p = session.procedure();
      for (const PenSample& s : trace->samples) p->addSample(s);
      auto done = session.finishProcedure(st.timeS, st.traceSource);
      if (!done) return makeError(ErrorCode::Value, path + ": " + done.error().message, where);
    } else {
      auto done = session.answer(st.answer, st.timeS);
      if (!done) return makeError(ErrorCode::Value, path + ": " + done.error().message, where);
    }
  }
  return session.result();
}

// ---------------------------------------------------------------------------------------------

Result<RecordedRun> playScripted(const ScriptedRunDesc& desc) {
  if (!desc.scenario || !desc.model)
    return makeError(ErrorCode::Internal, "playScripted: a scenario and a model are required");
  uint64_t seed = 1;
  if (desc.answers && desc.answers->seed) seed = *desc.answers->seed;
  if (desc.seed) seed = *desc.seed;
  auto created = CaseSession::create({desc.scenario, desc.model, seed});
  if (!created) return created.error();
  CaseSession& session = **created;
  double t = 0.0;
  while (!session.finished()) {
    const Step& step = *session.currentStep();
    const ScriptedAnswer* scripted = nullptr;
    if (desc.answers) {
      auto it = desc.answers->steps.find(step.id);
      if (it != desc.answers->steps.end()) scripted = &it->second;
    }
    if (step.type == StepType::Procedure) {
      std::string tracePath;
      if (auto it = desc.traces.find(step.id); it != desc.traces.end())
        tracePath = it->second;
      else if (scripted)
        tracePath = scripted->tracePath;
      if (tracePath.empty())
        return makeError(ErrorCode::Value,
                         "no pen trace for procedure step '" + step.id + "': give --trace " +
                             step.id + "=FILE, or '" + step.id + ": {trace: FILE}' in the answers",
                         step.where);
      bool ok = false;
      const std::string text = fileText(tracePath, ok);
      if (!ok) return makeError(ErrorCode::Io, "cannot open the trace file", {tracePath, 0, 0});
      const TraceLimits limits = traceLimits(step.procedure.plan);
      auto trace = parseTrace(text, tracePath, limits);
      if (!trace) return trace.error();
      // Needle exactly what the run will hold: the samples as written back and read again.
      auto exact = parseTrace(formatTrace(trace->samples), tracePath, limits);
      if (!exact) return exact.error();
      exact->path = tracePath;
      auto done = session.playTrace(*exact);
      if (!done) return done.error();
      t = session.timeS();
      continue;
    }
    Answer answer;
    if (scripted) {
      answer = scripted->answer;
      if (scripted->atS) {
        if (*scripted->atS < t)
          return makeError(ErrorCode::Value,
                           "'at_s' " + std::to_string(*scripted->atS) +
                               " comes before the run's clock (" + std::to_string(t) +
                               " s) at step '" + step.id + "'",
                           scripted->where);
        t = *scripted->atS;
      } else {
        t += desc.secondsPerStep;
      }
    } else if (step.type == StepType::Narrative) {
      t += desc.secondsPerStep;
    } else {
      SourceLocation where = step.where;
      std::string message =
          "no answer for " + std::string(stepTypeId(step.type)) + " step '" + step.id + "'";
      if (desc.answers) message += " in " + desc.answers->path;
      return makeError(ErrorCode::Value, message + " (the case reached it)", where);
    }
    auto done = session.answer(answer, t);
    if (!done) {
      Error e = done.error();
      if (scripted) e.where = scripted->where;
      return e;
    }
  }
  RecordedRun out;
  out.result = session.result();
  out.run = makeRun(session, desc.createdBy);
  return out;
}

}  // namespace mnsim
