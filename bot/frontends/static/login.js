// The login form returns to the page that asked for it; the server accepts only local paths.
"use strict";

(function () {
  const params = new URLSearchParams(location.search);
  document.getElementById("next").value = params.get("next") || "/";
  document.getElementById("error").hidden = params.get("error") !== "1";
})();
