// An assessor's review of a run (docs/formats/review.md): comments pinned to moments and spots
// on the skin, the rubric (review/rubric.h), an overall judgement and free text, signed off with
// the assessor's own Ed25519 key over the review and the run's hash. A review is a sidecar file
// beside the run (`RUN.review-N.json`), never a change to the run. A signed review is read-only;
// a later review names the one it supersedes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <glm/vec3.hpp>

#include "mnsim/base/error.h"
#include "mnsim/base/signing.h"
#include "mnsim/base/versioned_header.h"
#include "mnsim/review/rubric.h"
#include "mnsim/runs/run_file.h"
#include "mnsim/runs/run_log.h"

namespace mnsim {

inline constexpr FileFormat kReviewFormat{"mnsim-review", 1};

// The run a review is of, as it was when reviewed.
struct ReviewedRun {
  std::string file;     // the run file's name (no folder)
  std::string hash;     // "blake2b-256:<64 hex>" of the run file's bytes (runFileHash)
  std::string verify;   // its `mnsim verify` verdict then: ok, interrupted, unsigned, ...
  std::string traineeId, traineeName;
  std::string scenarioId;  // the case's id, or the plan's path for free needling
  std::string kind;        // case | needling
  std::string startedUtc;
};

struct ReviewComment {
  double timeS = 0.0;        // on the run's clock (review/run_replay.h)
  bool hasPoint = false;     // pinned to a spot on the skin
  glm::vec3 pointMm{0.0f};   // the spot
  glm::vec3 normal{0, 0, 1}; // the skin's normal there
  std::string text;
};

struct Review {
  ReviewedRun run;
  std::string supersedes;   // the hash of the review this one replaces ("" for the first)
  std::string assessorName;
  std::string createdUtc;
  std::vector<ReviewComment> comments;  // in the order made
  Rubric rubric;
  std::string summary;      // the assessor's free text
  // ---- the sign-off (empty in a draft)
  std::string signedUtc;
  std::string keyHex;       // the assessor's public key
  std::string keyLabel;     // its label (the assessor's name when made)
  std::string signatureHex; // Ed25519 over reviewSignedMessage()
  bool isSigned() const { return !signatureHex.empty(); }
};

// "blake2b-256:<64 hex>" of a file's bytes: how reviews name the run (and the review) they are of.
std::string contentHash(std::string_view bytes);

// A run opened for review: its inputs (even when altered: as far as they read, for showing only),
// what `mnsim verify` says of it, and its hash. An error only when it cannot be read at all.
struct RunForReview {
  RunFile run;
  RunCheck check;
  std::string hash;
};
Result<RunForReview> readRunForReview(const std::string& path, const std::vector<PublicKey>& trusted);
// The same of a run's bytes (from a store); `name` for messages.
Result<RunForReview> runForReview(std::string_view bytes, const std::string& name, const std::vector<PublicKey>& trusted);

// A new draft review of the run, the rubric pre-filled (the replay's results).
Review draftReview(const RunForReview& run, const Rubric& prefilled, const std::string& assessorName, int64_t nowUnixMs);

// The file's text (canonical JSON: parse and write give the same bytes).
std::string reviewToText(const Review& review);
Result<Review> parseReview(std::string_view text, const std::string& nameForErrors);
Result<Review> readReview(const std::string& path);
// What the signature signs: the review without its signature, canonical.
std::string reviewSignedMessage(const Review& review);

// Signs the review: refused when it is signed already, the run was altered, or the rubric is not
// complete (checkRubricComplete). Sets signedUtc, the key and the signature.
Status signReview(Review& review, const SigningKey& key, int64_t nowUnixMs);

// ---- checking (`mnsim verify`)
enum class ReviewVerdict {
  Ok,          // signed by a trusted key, unchanged, of this very run
  Draft,       // not signed yet
  UnknownKey,  // signed, unchanged, but not by a trusted key
  WrongRun,    // of another run, or the run changed since
  Altered,     // changed after it was signed (or not as mnsim writes it)
  Unreadable,
};
const char* reviewVerdictId(ReviewVerdict verdict);  // "ok", "draft", "unknown-key", "wrong-run", ...

struct ReviewCheck {
  ReviewVerdict verdict = ReviewVerdict::Unreadable;
  std::string message;  // one line
  std::string keyId, keyLabel;
};
// `runHash`: contentHash of the run file it sits beside ("" to skip that check).
ReviewCheck checkReview(std::string_view text, const std::string& nameForErrors, const std::string& runHash,
                        const std::vector<PublicKey>& trusted);

// ---- sidecar files
// The reviews beside a run, oldest first (RUN.review-1.json, RUN.review-2.json, ...).
std::vector<std::string> reviewFilesFor(const std::string& runPath);
// Where the next review of the run goes.
std::string nextReviewPath(const std::string& runPath);

}  // namespace mnsim
