#include "core/lrs_client.h"

#include <chrono>
#include <thread>

#include <curl/curl.h>

namespace mnsim::app {

namespace {

size_t collect(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const size_t n = size * count;
  if (body->size() < 4096) body->append(data, std::min(n, 4096 - body->size()));
  return n;
}

struct Attempt {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body, error;
};

Attempt postOnce(const LrsTarget& t, const std::string& url, const std::string& json) {
  Attempt a;
  CURL* curl = curl_easy_init();
  if (!curl) {
    a.code = CURLE_FAILED_INIT;
    a.error = "cannot start an HTTP client";
    return a;
  }
  char error[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, "X-Experience-API-Version: 1.0.3");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(json.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
  curl_easy_setopt(curl, CURLOPT_USERNAME, t.user.c_str());
  curl_easy_setopt(curl, CURLOPT_PASSWORD, t.password.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(t.timeoutS * 1000.0));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a.body);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  a.code = curl_easy_perform(curl);
  if (a.code == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a.status);
  a.error = error[0] ? error : curl_easy_strerror(a.code);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return a;
}

std::string oneLine(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  if (s.size() > 400) s = s.substr(0, 400) + "...";
  return s;
}

}  // namespace

LrsAnswer sendStatements(const LrsTarget& target, const std::string& statementsJson,
                         const std::function<void(int, const std::string&)>& onRetry) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  LrsAnswer answer;
  if (!initialised) {
    answer.problem = "cannot start an HTTP client";
    return answer;
  }
  std::string url = target.endpoint;
  if (url.empty() || url.back() != '/') url += '/';
  url += "statements";
  double wait = target.firstWaitS;
  for (int attempt = 1; attempt <= target.attempts; ++attempt) {
    const Attempt a = postOnce(target, url, statementsJson);
    answer.attemptsMade = attempt;
    answer.status = a.status;
    answer.body = a.body;
    if (a.code == CURLE_OK && a.status >= 200 && a.status < 300) {
      answer.ok = true;
      answer.problem.clear();
      return answer;
    }
    const bool retry = a.code != CURLE_OK || a.status == 429 || a.status >= 500;
    answer.problem = a.code != CURLE_OK ? url + ": " + a.error
                                        : url + " answered " + std::to_string(a.status) +
                                              (a.body.empty() ? "" : ": " + oneLine(a.body));
    if (!retry || attempt == target.attempts) break;
    if (onRetry) onRetry(attempt + 1, answer.problem);
    std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    wait *= 2.0;
  }
  return answer;
}

}  // namespace mnsim::app
