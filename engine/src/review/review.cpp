#include "mnsim/review/review.h"

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "mnsim/base/files.h"
#include "mnsim/base/text.h"
#include "mnsim/runs/run_journal.h"

namespace mnsim {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

constexpr const char* kSignaturePrefix = "mnsim-review/1 signature\n";

Json vec3Json(const glm::vec3& v) { return Json::array({v.x, v.y, v.z}); }

template <typename V, typename ToId>
Json itemJson(const RubricItem<V>& item, ToId toId) {
  Json j;
  j["id"] = item.id;
  j["title"] = item.title;
  j["prefilled"] = toId(item.prefilled);
  j["basis"] = item.basis;
  j["value"] = toId(item.value);
  j["override_reason"] = item.overrideReason;
  return j;
}

Json reviewJson(const Review& r) {
  Json j;
  j["format"] = kReviewFormat.tag();
  const ReviewedRun& run = r.run;
  j["run"] = {{"file", run.file},           {"hash", run.hash},         {"verify", run.verify},
              {"trainee", {{"id", run.traineeId}, {"name", run.traineeName}}},
              {"scenario", run.scenarioId}, {"kind", run.kind},         {"started_utc", run.startedUtc}};
  j["supersedes"] = r.supersedes;
  j["assessor"] = r.assessorName;
  j["created_utc"] = r.createdUtc;
  j["comments"] = Json::array();
  for (const ReviewComment& c : r.comments) {
    Json cj{{"time_s", c.timeS}, {"text", c.text}};
    cj["point_mm"] = c.hasPoint ? vec3Json(c.pointMm) : Json(nullptr);
    cj["normal"] = c.hasPoint ? vec3Json(c.normal) : Json(nullptr);
    j["comments"].push_back(cj);
  }
  Json osats = Json::array(), dops = Json::array();
  for (const RatingItem& i : r.rubric.osats) osats.push_back(itemJson(i, [](int v) { return v; }));
  for (const CheckItem& i : r.rubric.dops) dops.push_back(itemJson(i, [](CheckValue v) { return checkValueId(v); }));
  j["rubric"] = {{"osats", osats},
                 {"dops", dops},
                 {"overall", itemJson(r.rubric.overall, [](Judgement v) { return judgementId(v); })}};
  j["summary"] = r.summary;
  if (r.isSigned())
    j["signature"] = {{"signed_utc", r.signedUtc}, {"key", r.keyHex}, {"key_label", r.keyLabel}, {"value", r.signatureHex}};
  return j;
}

std::string canonical(const Json& j) { return j.dump(2) + "\n"; }

std::string messageOf(Json j) {
  if (j.contains("signature") && j["signature"].is_object()) j["signature"].erase("value");
  return kSignaturePrefix + j.dump();
}

// Typed reads that say where a value is wrong.
struct Reader {
  const std::string& name;
  std::string error;

  const Json* at(const Json& j, const char* key, const std::string& path) {
    if (!error.empty()) return nullptr;
    if (!j.is_object() || !j.contains(key)) {
      error = path + key + ": missing";
      return nullptr;
    }
    return &j[key];
  }
  std::string text(const Json& j, const char* key, const std::string& path = "") {
    const Json* v = at(j, key, path);
    if (!v) return {};
    if (!v->is_string()) {
      error = path + key + ": must be text";
      return {};
    }
    return v->get<std::string>();
  }
  double number(const Json& j, const char* key, const std::string& path) {
    const Json* v = at(j, key, path);
    if (!v) return 0.0;
    if (!v->is_number()) {
      error = path + key + ": must be a number";
      return 0.0;
    }
    return v->get<double>();
  }
  bool vec3(const Json& j, const char* key, const std::string& path, glm::vec3& out) {
    const Json* v = at(j, key, path);
    if (!v || v->is_null()) return false;
    if (!v->is_array() || v->size() != 3 || !(*v)[0].is_number() || !(*v)[1].is_number() || !(*v)[2].is_number()) {
      error = path + key + ": must be three numbers or null";
      return false;
    }
    out = {(*v)[0].get<float>(), (*v)[1].get<float>(), (*v)[2].get<float>()};
    return true;
  }
  template <typename V, typename FromJson>
  void item(const Json& j, const std::string& path, RubricItem<V>& out, FromJson from) {
    out.id = text(j, "id", path);
    out.title = text(j, "title", path);
    out.basis = text(j, "basis", path);
    out.overrideReason = text(j, "override_reason", path);
    const Json* p = at(j, "prefilled", path);
    const Json* v = at(j, "value", path);
    if (!p || !v) return;
    if (!from(*p, out.prefilled)) error = path + "prefilled: not a value this item takes";
    else if (!from(*v, out.value)) error = path + "value: not a value this item takes";
  }
};

bool ratingFrom(const Json& j, int& out) {
  if (!j.is_number_integer() || j.get<int>() < 0 || j.get<int>() > 5) return false;
  out = j.get<int>();
  return true;
}
bool checkFrom(const Json& j, CheckValue& out) {
  auto v = j.is_string() ? checkValueFromId(j.get<std::string>()) : std::nullopt;
  if (v) out = *v;
  return v.has_value();
}
bool judgementFrom(const Json& j, Judgement& out) {
  auto v = j.is_string() ? judgementFromId(j.get<std::string>()) : std::nullopt;
  if (v) out = *v;
  return v.has_value();
}

Result<Review> reviewFromJson(const Json& j, Reader& rd) {
  Review r;
  const Json* run = rd.at(j, "run", "");
  if (run) {
    r.run.file = rd.text(*run, "file", "run.");
    r.run.hash = rd.text(*run, "hash", "run.");
    r.run.verify = rd.text(*run, "verify", "run.");
    if (const Json* t = rd.at(*run, "trainee", "run.")) {
      r.run.traineeId = rd.text(*t, "id", "run.trainee.");
      r.run.traineeName = rd.text(*t, "name", "run.trainee.");
    }
    r.run.scenarioId = rd.text(*run, "scenario", "run.");
    r.run.kind = rd.text(*run, "kind", "run.");
    r.run.startedUtc = rd.text(*run, "started_utc", "run.");
  }
  r.supersedes = rd.text(j, "supersedes");
  r.assessorName = rd.text(j, "assessor");
  r.createdUtc = rd.text(j, "created_utc");
  r.summary = rd.text(j, "summary");
  if (const Json* cs = rd.at(j, "comments", ""); cs && cs->is_array()) {
    for (size_t i = 0; i < cs->size(); ++i) {
      const std::string path = "comments[" + std::to_string(i) + "].";
      ReviewComment c;
      c.timeS = rd.number((*cs)[i], "time_s", path);
      c.text = rd.text((*cs)[i], "text", path);
      c.hasPoint = rd.vec3((*cs)[i], "point_mm", path, c.pointMm);
      rd.vec3((*cs)[i], "normal", path, c.normal);
      r.comments.push_back(c);
    }
  } else if (cs) {
    rd.error = "comments: must be a list";
  }
  if (const Json* rubric = rd.at(j, "rubric", "")) {
    const Json* osats = rd.at(*rubric, "osats", "rubric.");
    const Json* dops = rd.at(*rubric, "dops", "rubric.");
    if (osats && osats->is_array())
      for (size_t i = 0; i < osats->size(); ++i)
        rd.item((*osats)[i], "rubric.osats[" + std::to_string(i) + "].", r.rubric.osats.emplace_back(), ratingFrom);
    if (dops && dops->is_array())
      for (size_t i = 0; i < dops->size(); ++i)
        rd.item((*dops)[i], "rubric.dops[" + std::to_string(i) + "].", r.rubric.dops.emplace_back(), checkFrom);
    if (const Json* overall = rd.at(*rubric, "overall", "rubric."))
      rd.item(*overall, "rubric.overall.", r.rubric.overall, judgementFrom);
  }
  if (j.is_object() && j.contains("signature")) {
    const Json& s = j["signature"];
    r.signedUtc = rd.text(s, "signed_utc", "signature.");
    r.keyHex = rd.text(s, "key", "signature.");
    r.keyLabel = rd.text(s, "key_label", "signature.");
    r.signatureHex = rd.text(s, "value", "signature.");
  }
  if (!rd.error.empty()) return makeError(ErrorCode::Value, rd.error, {rd.name, 0, 0});
  return r;
}

Result<Json> parseJson(std::string_view text, const std::string& name) {
  try {
    Json j = Json::parse(text.begin(), text.end());
    if (!j.is_object()) return makeError(ErrorCode::Syntax, "a review is a JSON object", {name, 1, 1});
    const Json& f = j["format"];
    if (!f.is_string()) return makeError(ErrorCode::Value, "format: missing (mnsim-review/1)", {name, 0, 0});
    if (auto problem = checkFormatTag(f.get<std::string>(), kReviewFormat))
      return makeError(ErrorCode::Format, "format: " + *problem, {name, 0, 0});
    return j;
  } catch (const nlohmann::json::exception& e) {
    return makeError(ErrorCode::Syntax, std::string("not JSON: ") + e.what(), {name, 0, 0});
  }
}

}  // namespace

std::string contentHash(std::string_view bytes) { return "blake2b-256:" + toHex(blake2b256({bytes})); }

Result<RunForReview> readRunForReview(const std::string& path, const std::vector<PublicKey>& trusted) {
  auto bytes = readFile(path, "run file");
  if (!bytes) return bytes.error();
  return runForReview(*bytes, path, trusted);
}

Result<RunForReview> runForReview(std::string_view bytes, const std::string& name, const std::vector<PublicKey>& trusted) {
  RunForReview out;
  out.hash = contentHash(bytes);
  out.check = checkRun(bytes, name, trusted);
  if (isRunLog(bytes)) {
    // Altered or not, its inputs as far as they read: shown with the warning, never signed off.
    auto log = readRunLog(bytes, name);
    if (!log) return log.error();
    auto run = runFromLog(*log);
    if (!run) return run.error();
    out.run = std::move(*run);
  } else {
    auto run = parseRun(bytes, name);
    if (!run) return run.error();
    out.run = std::move(*run);
  }
  return out;
}

Review draftReview(const RunForReview& rr, const Rubric& prefilled, const std::string& assessorName, int64_t nowUnixMs) {
  Review r;
  r.run.file = fs::path(rr.run.path).filename().string();
  r.run.hash = rr.hash;
  r.run.verify = runVerdictId(rr.check.verdict);
  if (rr.run.header) {
    const RunHeader& h = *rr.run.header;
    r.run.traineeId = h.trainee.id;
    r.run.traineeName = h.trainee.name;
    r.run.kind = h.kind;
    r.run.startedUtc = utcText(h.startedUnixMs);
    r.run.scenarioId = h.kind == "case" ? h.scenarioId : h.planPath;
  } else {
    r.run.kind = "case";
    r.run.scenarioId = rr.run.scenarioId;
  }
  r.assessorName = assessorName;
  r.createdUtc = utcText(nowUnixMs);
  r.rubric = prefilled;
  return r;
}

std::string reviewToText(const Review& review) { return canonical(reviewJson(review)); }

std::string reviewSignedMessage(const Review& review) { return messageOf(reviewJson(review)); }

Result<Review> parseReview(std::string_view text, const std::string& name) {
  auto j = parseJson(text, name);
  if (!j) return j.error();
  Reader rd{name, {}};
  return reviewFromJson(*j, rd);
}

Result<Review> readReview(const std::string& path) {
  auto text = readFile(path, "review");
  if (!text) return text.error();
  return parseReview(*text, path);
}

Status signReview(Review& review, const SigningKey& key, int64_t nowUnixMs) {
  if (review.isSigned()) return makeError(ErrorCode::Value, "the review is signed already; start a new review to change it", {});
  if (review.run.verify == "altered" || review.run.verify == "unreadable")
    return makeError(ErrorCode::Value, "the run has been altered since it was recorded; it cannot be signed off", {});
  if (trimSpaces(review.assessorName).empty())
    return makeError(ErrorCode::Value, "the review needs the assessor's name", {});
  if (auto complete = checkRubricComplete(review.rubric); !complete) return complete.error();
  review.signedUtc = utcText(nowUnixMs);
  review.keyHex = key.publicKey().hex();
  review.keyLabel = key.publicKey().label;
  review.signatureHex = "-";  // present while the message is made, then replaced
  const SignatureBytes sig = key.sign(reviewSignedMessage(review));
  review.signatureHex = toHex(sig);
  return Ok{};
}

const char* reviewVerdictId(ReviewVerdict v) {
  switch (v) {
    case ReviewVerdict::Ok: return "ok";
    case ReviewVerdict::Draft: return "draft";
    case ReviewVerdict::UnknownKey: return "unknown-key";
    case ReviewVerdict::WrongRun: return "wrong-run";
    case ReviewVerdict::Altered: return "altered";
    case ReviewVerdict::Unreadable: return "unreadable";
  }
  return "unreadable";
}

ReviewCheck checkReview(std::string_view text, const std::string& name, const std::string& runHash,
                        const std::vector<PublicKey>& trusted) {
  ReviewCheck out;
  auto j = parseJson(text, name);
  if (!j) {
    out.message = j.error().message;
    return out;
  }
  Reader rd{name, {}};
  auto review = reviewFromJson(*j, rd);
  if (!review) {
    out.message = review.error().message;
    return out;
  }
  if (canonical(*j) != text) {
    out.verdict = ReviewVerdict::Altered;
    out.message = "the file is not as mnsim wrote it (edited by hand?)";
    return out;
  }
  const bool ofThisRun = runHash.empty() || review->run.hash == runHash;
  if (!review->isSigned()) {
    out.verdict = ofThisRun ? ReviewVerdict::Draft : ReviewVerdict::WrongRun;
    out.message = ofThisRun ? "a draft: not signed off yet" : "a draft of another run (or the run changed since)";
    return out;
  }
  PublicKeyBytes key{};
  SignatureBytes sig{};
  if (!fromHex(review->keyHex, key.data(), key.size()) || !fromHex(review->signatureHex, sig.data(), sig.size()) ||
      !verifySignature(key, messageOf(*j), sig)) {
    out.verdict = ReviewVerdict::Altered;
    out.message = "the review does not match its signature: changed after it was signed";
    return out;
  }
  PublicKey pk;
  pk.bytes = key;
  pk.label = review->keyLabel;
  out.keyId = pk.id();
  out.keyLabel = pk.label;
  if (!ofThisRun) {
    out.verdict = ReviewVerdict::WrongRun;
    out.message = "signed for a run with hash " + review->run.hash.substr(0, 24) + "…, not this one";
    return out;
  }
  const bool known = std::any_of(trusted.begin(), trusted.end(), [&](const PublicKey& k) { return k.bytes == key; });
  out.verdict = known ? ReviewVerdict::Ok : ReviewVerdict::UnknownKey;
  out.message = (known ? "signed off by " : "signed by a key not trusted here: ") + review->assessorName + " (key " +
                out.keyId + ") at " + review->signedUtc;
  return out;
}

std::vector<std::string> reviewFilesFor(const std::string& runPath) {
  std::vector<std::pair<int, std::string>> found;
  const fs::path run(runPath);
  const std::string stem = run.filename().string() + ".review-";
  std::error_code ec;
  const fs::path folder = run.parent_path().empty() ? fs::path(".") : run.parent_path();
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(stem, 0) != 0 || entry.path().extension() != ".json") continue;
    const std::string number = name.substr(stem.size(), name.size() - stem.size() - 5);
    if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos) continue;
    found.emplace_back(std::stoi(number), (run.parent_path() / name).string());
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

std::string nextReviewPath(const std::string& runPath) {
  int n = 1;
  const auto existing = reviewFilesFor(runPath);
  if (!existing.empty()) {
    const std::string& last = existing.back();
    const size_t dash = last.rfind("-");
    n = std::stoi(last.substr(dash + 1)) + 1;
  }
  return runPath + ".review-" + std::to_string(n) + ".json";
}

}  // namespace mnsim
