// A run as xAPI 1.0.3 statements for an academy's learning record store (`mnsim xapi`,
// docs/formats/xapi.md): the attempt in cmi5's verbs (launched, initialized, completed,
// passed or failed, terminated; abandoned for a run cut short), one statement per answered step
// and per procedure with the needling's metrics as result extensions, and with a review the
// assessor's verdict. Every id is derived from the run's hash, so sending a run twice sends the
// same statements (an LRS keeps one copy), and every timestamp comes from the run's own clock.
#pragma once

#include <string>
#include <vector>

#include "mnsim/report/run_report.h"

namespace mnsim {

struct XapiOptions {
  // The trainee's account: the academy's system that knows the trainee ids (an IRL).
  std::string accountHomePage = "https://mnsim.invalid/trainees";
  // Activity ids are made under this IRI: "<base>/case/<id>", "<base>/case/<id>/step/<step id>";
  // a URN base joins with ':' instead ("urn:mnsim:case:<id>").
  std::string activityBase = "urn:mnsim";
  std::string platform;  // context.platform, "mnsim 0.1.0"
};

// A name-based UUID (RFC 9562 version 8) from BLAKE2b-256 of the pieces: the same pieces give the
// same UUID on every machine.
std::string nameUuid(std::initializer_list<std::string_view> pieces);

// The statements, a JSON array in the order they happened. `report` is the run's report (its
// result recomputed from the inputs, and the review when one was given).
std::string runToXapi(const RunReport& report, const XapiOptions& options);

// The extension and verb ids used (docs/formats/xapi.md lists them with their meaning).
namespace xapi {
constexpr const char* kVerbLaunched = "http://adlnet.gov/expapi/verbs/launched";
constexpr const char* kVerbInitialized = "http://adlnet.gov/expapi/verbs/initialized";
constexpr const char* kVerbAnswered = "http://adlnet.gov/expapi/verbs/answered";
constexpr const char* kVerbCompleted = "http://adlnet.gov/expapi/verbs/completed";
constexpr const char* kVerbPassed = "http://adlnet.gov/expapi/verbs/passed";
constexpr const char* kVerbFailed = "http://adlnet.gov/expapi/verbs/failed";
constexpr const char* kVerbScored = "http://adlnet.gov/expapi/verbs/scored";
constexpr const char* kVerbAbandoned = "https://w3id.org/xapi/adl/verbs/abandoned";
constexpr const char* kVerbTerminated = "http://adlnet.gov/expapi/verbs/terminated";
}  // namespace xapi

}  // namespace mnsim
